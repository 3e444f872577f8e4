package dev.troupe.actors.index;

import dev.troupe.core.api.ApiObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The watches an index feeds. Each change goes to every watcher whose filter it concerns, typed as
 * the watcher sees it: an object that starts matching is ADDED, one that stops matching is DELETED,
 * as the Kubernetes API server's watch cache does. Sending is a tell: a slow watcher never slows
 * the index (its stream fails on overflow and the client watches again).
 *
 * @param <T> the objects watched
 * @param <E> the message a watcher receives
 */
final class Watchers<T extends ApiObject, E> {

  /** Makes the message for one event: a type, the object (null for a bookmark), a position. */
  interface Events<T, E> {
    E event(String type, T object, long position);
  }

  /** One watch: what it selects and where its events go. */
  static final class Watcher<T extends ApiObject, E> {
    private final Selection.Compiled filter;
    private final boolean bookmarks;
    private final ActorRef<E> subscriber;
    private final Events<T, E> events;

    Watcher(
        Selection.Compiled filter, boolean bookmarks, ActorRef<E> subscriber, Events<T, E> events) {
      this.filter = filter;
      this.bookmarks = bookmarks;
      this.subscriber = subscriber;
      this.events = events;
    }

    boolean selects(T object) {
      return filter.matches(object);
    }

    void send(String type, T object, long position) {
      subscriber.tell(events.event(type, object, position));
    }

    void deliver(ChangeLog.Change<T> change) {
      boolean before = change.before() != null && filter.matches(change.before());
      boolean after = !change.removed() && filter.matches(change.after());
      String type;
      if (after) {
        type = before ? "MODIFIED" : "ADDED";
      } else if (before) {
        type = "DELETED";
      } else {
        return;
      }
      send(type, change.after(), change.position());
    }
  }

  private final Map<ActorRef<E>, Watcher<T, E>> watchers = new LinkedHashMap<>();
  private final Events<T, E> events;

  Watchers(Events<T, E> events) {
    this.events = events;
  }

  Watcher<T, E> add(Selection filter, boolean bookmarks, ActorRef<E> subscriber) {
    Watcher<T, E> watcher = new Watcher<>(filter.compile(), bookmarks, subscriber, events);
    watchers.put(subscriber, watcher);
    return watcher;
  }

  void remove(ActorRef<E> subscriber) {
    watchers.remove(subscriber);
  }

  void deliver(ChangeLog.Change<T> change) {
    watchers.values().forEach(w -> w.deliver(change));
  }

  void bookmark(long position) {
    watchers.values().stream()
        .filter(w -> w.bookmarks)
        .forEach(w -> w.send("BOOKMARK", null, position));
  }
}
