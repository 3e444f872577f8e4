package dev.troupe.actors.index;

import dev.troupe.core.api.ApiObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The recent changes an index has applied, in the order it applied them, each at a position. A list
 * answers with the position of its last change; a watch from that position replays exactly the
 * changes after it, or learns that they have been evicted and the client must list again.
 *
 * <p>Positions are the index's own: they grow with every change and follow wall-clock microseconds
 * (a change never gets a smaller position than one applied before it), so that positions of
 * different members are roughly comparable. Objects keep the resource versions their entities gave
 * them; only list and watch positions come from here.
 */
final class ChangeLog<T extends ApiObject> {

  /**
   * One applied change: the object before (null when it was added) and after (its last form when
   * {@code removed}).
   */
  record Change<T>(long position, T before, T after, boolean removed) {}

  private final int capacity;
  private final Deque<Change<T>> changes = new ArrayDeque<>();
  private long lastPosition;

  /** Changes at or before this position may have been evicted. */
  private long evictedThrough;

  ChangeLog(int capacity, long startPosition) {
    this.capacity = capacity;
    this.lastPosition = startPosition;
    this.evictedThrough = startPosition;
  }

  long lastPosition() {
    return lastPosition;
  }

  long oldestPosition() {
    return evictedThrough;
  }

  Change<T> append(T before, T after, boolean removed, long nowMicros) {
    lastPosition = Math.max(lastPosition + 1, nowMicros);
    Change<T> change = new Change<>(lastPosition, before, after, removed);
    changes.addLast(change);
    if (changes.size() > capacity) {
      evictedThrough = changes.removeFirst().position();
    }
    return change;
  }

  /**
   * The changes after {@code position}, oldest first; empty when some of them have been evicted. A
   * position from the future yields no changes: the watch starts live.
   */
  Optional<List<Change<T>>> since(long position) {
    if (position < evictedThrough) {
      return Optional.empty();
    }
    List<Change<T>> after = new ArrayList<>();
    for (Change<T> c : changes) {
      if (c.position() > position) {
        after.add(c);
      }
    }
    return Optional.of(after);
  }
}
