package dev.troupe.actors.index;

import dev.troupe.core.api.ApiObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What an index holds for one kind: the objects as last committed, the change log that positions
 * lists and watches, and the watchers. Not an actor: the index actor that owns it calls it from its
 * own thread only.
 *
 * @param <T> the objects stored
 * @param <E> the message a watcher receives
 */
final class ObjectStore<T extends ApiObject, E> {

  /** A consistent page of objects, at a position; {@code expired} when that position is gone. */
  record Result<T>(List<T> items, long position, String continueAfter, boolean expired) {}

  /** Whether a watch started; when not, the oldest position it could have continued from. */
  record Started(boolean started, long oldestPosition) {}

  /** Lists are sorted by namespace, then name (keys are {@code namespace/name}). */
  static final Comparator<String> KEY_ORDER =
      Comparator.<String, String>comparing(k -> k.substring(0, k.indexOf('/')))
          .thenComparing(k -> k.substring(k.indexOf('/') + 1));

  private final Map<String, T> objects = new HashMap<>();
  private final Map<String, Long> removedAt = new HashMap<>();
  private final Watchers<T, E> watchers;
  private final Watchers.Events<T, E> events;
  private final int capacity;
  private final Clock clock;
  private ChangeLog<T> log;

  ObjectStore(Watchers.Events<T, E> events, int changeLogCapacity, Clock clock) {
    this.events = events;
    this.watchers = new Watchers<>(events);
    this.capacity = changeLogCapacity;
    this.clock = clock;
    this.log = new ChangeLog<>(changeLogCapacity, nowMicros(clock));
  }

  Collection<T> objects() {
    return objects.values();
  }

  Optional<T> get(String key) {
    return Optional.ofNullable(objects.get(key));
  }

  /** Forgets the change log: watches can only continue from what happens after now. */
  void restartLog() {
    log = new ChangeLog<>(capacity, nowMicros(clock));
  }

  /**
   * Applies a change unless a newer one of the same object was seen, and tells the watchers; null
   * when not applied.
   */
  ChangeLog.Change<T> apply(T object, boolean removed) {
    String key = object.key();
    long version = Long.parseLong(object.metadata().resourceVersion());
    T current = objects.get(key);
    long seen =
        current != null
            ? Long.parseLong(current.metadata().resourceVersion())
            : removedAt.getOrDefault(key, 0L);
    if (version <= seen) {
      return null;
    }
    if (removed) {
      objects.remove(key);
      removedAt.put(key, version);
    } else {
      objects.put(key, object);
      removedAt.remove(key);
    }
    if (removed && current == null) {
      return null;
    }
    ChangeLog.Change<T> change = log.append(current, object, removed, nowMicros(clock));
    watchers.deliver(change);
    return change;
  }

  Result<T> list(Selection selection, Page page) {
    long position = page.resourceVersion() == 0 ? log.lastPosition() : page.resourceVersion();
    Optional<Map<String, T>> snapshot = snapshotAt(position);
    if (snapshot.isEmpty()) {
      return new Result<>(List.of(), log.lastPosition(), null, true);
    }
    Selection.Compiled compiled = selection.compile();
    TreeMap<String, T> sorted = new TreeMap<>(KEY_ORDER);
    sorted.putAll(snapshot.get());
    List<T> items = new ArrayList<>();
    String continueAfter = null;
    var rest = page.after().isEmpty() ? sorted : sorted.tailMap(page.after(), false);
    for (var entry : rest.entrySet()) {
      if (!compiled.matches(entry.getValue())) {
        continue;
      }
      if (page.limit() > 0 && items.size() == page.limit()) {
        continueAfter = items.get(items.size() - 1).key();
        break;
      }
      items.add(entry.getValue());
    }
    return new Result<>(List.copyOf(items), position, continueAfter, false);
  }

  /**
   * Every object as it stood at {@code position}: the current ones with the changes after it
   * undone, or empty when some of those changes have left the change log.
   */
  private Optional<Map<String, T>> snapshotAt(long position) {
    if (position == log.lastPosition()) {
      return Optional.of(objects);
    }
    return log.since(position)
        .map(
            after -> {
              Map<String, T> then = new HashMap<>(objects);
              for (int i = after.size() - 1; i >= 0; i--) {
                ChangeLog.Change<T> change = after.get(i);
                String key = change.after().key();
                if (change.before() == null) {
                  then.remove(key);
                } else {
                  then.put(key, change.before());
                }
              }
              return then;
            });
  }

  /**
   * Starts a watch from {@code resourceVersion}: "" or "0" sends the current state first as ADDED;
   * a list's version replays exactly the changes after it, unless they are gone.
   */
  Started watch(
      Selection filter, String resourceVersion, boolean bookmarks, ActorRef<E> subscriber) {
    String from = resourceVersion == null ? "" : resourceVersion;
    boolean fromNow = from.isEmpty() || from.equals("0");
    List<ChangeLog.Change<T>> replay = List.of();
    if (!fromNow) {
      Optional<List<ChangeLog.Change<T>>> since = log.since(Long.parseLong(from));
      if (since.isEmpty()) {
        return new Started(false, log.oldestPosition());
      }
      replay = since.get();
    }
    Watchers.Watcher<T, E> watcher = watchers.add(filter, bookmarks, subscriber);
    if (fromNow) {
      objects.values().stream()
          .filter(watcher::selects)
          .sorted(Comparator.comparing(ApiObject::key, KEY_ORDER))
          .forEach(o -> watcher.send("ADDED", o, log.lastPosition()));
    }
    replay.forEach(watcher::deliver);
    return new Started(true, log.oldestPosition());
  }

  void stopWatching(ActorRef<E> subscriber) {
    watchers.remove(subscriber);
  }

  void bookmark() {
    watchers.bookmark(log.lastPosition());
  }

  static long nowMicros(Clock clock) {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
  }
}
