package dev.troupe.actors.index;

import dev.troupe.core.model.Pod;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The watches an index feeds. Each change goes to every watcher whose filter it concerns, typed as
 * the watcher sees it: an object that starts matching is ADDED, one that stops matching is DELETED,
 * as the Kubernetes API server's watch cache does. Sending is a tell: a slow watcher never slows
 * the index (its stream fails on overflow and the client watches again).
 */
final class Watchers {

  /** One watch: what it selects and where its events go. */
  static final class Watcher {
    private final Selection.Compiled filter;
    private final boolean bookmarks;
    private final ActorRef<PodIndex.WatchEvent> subscriber;

    Watcher(
        Selection.Compiled filter, boolean bookmarks, ActorRef<PodIndex.WatchEvent> subscriber) {
      this.filter = filter;
      this.bookmarks = bookmarks;
      this.subscriber = subscriber;
    }

    boolean selects(Pod pod) {
      return filter.matches(pod);
    }

    void deliver(ChangeLog.Change change) {
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
      subscriber.tell(new PodIndex.WatchEvent(type, change.after(), change.position()));
    }
  }

  private final Map<ActorRef<PodIndex.WatchEvent>, Watcher> watchers = new LinkedHashMap<>();

  Watcher add(Selection filter, boolean bookmarks, ActorRef<PodIndex.WatchEvent> subscriber) {
    Watcher watcher = new Watcher(filter.compile(), bookmarks, subscriber);
    watchers.put(subscriber, watcher);
    return watcher;
  }

  void remove(ActorRef<PodIndex.WatchEvent> subscriber) {
    watchers.remove(subscriber);
  }

  void deliver(ChangeLog.Change change) {
    watchers.values().forEach(w -> w.deliver(change));
  }

  void bookmark(long position) {
    PodIndex.WatchEvent bookmark = new PodIndex.WatchEvent("BOOKMARK", null, position);
    watchers.values().stream().filter(w -> w.bookmarks).forEach(w -> w.subscriber.tell(bookmark));
  }
}
