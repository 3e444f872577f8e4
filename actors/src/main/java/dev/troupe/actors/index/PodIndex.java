package dev.troupe.actors.index;

import dev.troupe.core.JsonSerializable;
import dev.troupe.core.model.Pod;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The read side for pods on one control-plane member (the API server's watch cache): every pod, fed
 * by each committed change, serving lists and the pods bound to each node. Rebuilt at start from
 * the journal alone; it answers nothing until it is complete.
 */
public final class PodIndex extends AbstractBehavior<PodIndex.Command> {

  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "pod-index");

  /** The topic every pod entity publishes its changes to. */
  public static final String TOPIC = "pod-changes";

  /** What the index can be told or asked. */
  public sealed interface Command extends JsonSerializable {}

  /** A pod as committed; {@code removed} when the pod no longer exists. */
  public record Changed(Pod pod, boolean removed) implements Command {}

  /** The pods {@code selection} selects, and the version the list is consistent at. */
  public record ListPods(Selection selection, Page page, ActorRef<Listing> replyTo)
      implements Command {
    /** Every pod {@code selection} selects, in one piece. */
    public ListPods(Selection selection, ActorRef<Listing> replyTo) {
      this(selection, Page.ALL, replyTo);
    }

    /** Every pod of {@code namespace}, or of all namespaces when it is null. */
    public ListPods(String namespace, ActorRef<Listing> replyTo) {
      this(Selection.inNamespace(namespace), Page.ALL, replyTo);
    }
  }

  /**
   * Which part of a list: at most {@code limit} pods (0: all) after the key {@code after}, as the
   * list stood at {@code resourceVersion} (0: now). A continued list is consistent: pods changed
   * since its first page are shown as they were then, for as long as the change log holds the
   * changes in between.
   */
  public record Page(int limit, long resourceVersion, String after) implements JsonSerializable {
    public static final Page ALL = new Page(0, 0, "");
  }

  /** A consistent list of pods. */
  public record Listing(
      List<Pod> items, long resourceVersion, String continueAfter, boolean expired)
      implements JsonSerializable {
    public Listing(List<Pod> items, long resourceVersion) {
      this(items, resourceVersion, null, false);
    }
  }

  /** Subscribe to the pods bound to {@code nodeName}: a snapshot first, then every change. */
  public record WatchNode(String nodeName, ActorRef<NodePods> subscriber) implements Command {}

  /**
   * Pods bound to a node. A snapshot lists them all; otherwise one changed pod, removed when it no
   * longer exists.
   */
  public record NodePods(boolean snapshot, List<Pod> pods, boolean removed)
      implements JsonSerializable {}

  /** The index is complete; {@code pods} is the state rebuilt from the journal. */
  public record Loaded(List<Pod> pods) implements Command {}

  /** Rebuilding failed; it is tried again. */
  public record LoadFailed(String reason) implements Command {}

  /** Whether the index is complete. */
  public record IsReady(ActorRef<Boolean> replyTo) implements Command {}

  /** A node watcher stopped. */
  public record Unsubscribe(ActorRef<NodePods> subscriber) implements Command {}

  /** Try rebuilding again. */
  public enum RetryLoad implements Command {
    INSTANCE
  }

  /**
   * Watch the pods {@code filter} selects, from {@code resourceVersion}: "" or "0" sends the
   * current state first as ADDED; a list's version continues exactly after it. The answer says
   * whether the watch started or the version is too old (the client lists again).
   */
  public record Watch(
      Selection filter,
      String resourceVersion,
      boolean bookmarks,
      ActorRef<WatchEvent> subscriber,
      ActorRef<WatchStarted> replyTo)
      implements Command {}

  /** Whether a watch started; when not, the oldest version it could have continued from. */
  public record WatchStarted(boolean started, long oldestResourceVersion)
      implements JsonSerializable {}

  /**
   * One watch event: ADDED, MODIFIED or DELETED with the pod, or BOOKMARK with only the version.
   */
  public record WatchEvent(String type, Pod object, long resourceVersion)
      implements JsonSerializable {}

  /** A watcher went away. */
  public record StopWatching(ActorRef<WatchEvent> subscriber) implements Command {}

  /** Time to tell bookmark-enabled watchers how far they are. */
  public enum SendBookmarks implements Command {
    INSTANCE
  }

  /** How the index keeps its change log and bookmarks its watchers. */
  public record Settings(Clock clock, int changeLogCapacity, Duration bookmarkInterval) {
    public static Settings defaults() {
      return new Settings(Clock.systemUTC(), 10_000, Duration.ofSeconds(30));
    }
  }

  private final Map<String, Pod> pods = new HashMap<>();
  private final Map<String, Long> removedAt = new HashMap<>();
  private final Map<String, Set<ActorRef<NodePods>>> nodeWatchers = new HashMap<>();
  private final Watchers watchers = new Watchers();
  private final Settings settings;
  private ChangeLog log;

  private PodIndex(ActorContext<Command> context, Settings settings) {
    super(context);
    this.settings = settings;
    this.log = new ChangeLog(settings.changeLogCapacity(), nowMicros(settings.clock()));
  }

  /** An index that rebuilds itself with {@code loader} before it serves. */
  public static Behavior<Command> create(Supplier<CompletionStage<List<Pod>>> loader) {
    return create(loader, Settings.defaults());
  }

  public static Behavior<Command> create(
      Supplier<CompletionStage<List<Pod>>> loader, Settings settings) {
    return Behaviors.setup(
        context -> {
          context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
          return Behaviors.withTimers(
              timers -> {
                timers.startTimerWithFixedDelay(
                    SendBookmarks.INSTANCE, settings.bookmarkInterval());
                return Behaviors.withStash(
                    10_000, stash -> loading(context, stash, loader, settings));
              });
        });
  }

  private static Behavior<Command> loading(
      ActorContext<Command> context,
      StashBuffer<Command> stash,
      Supplier<CompletionStage<List<Pod>>> loader,
      Settings settings) {
    PodIndex index = new PodIndex(context, settings);
    Runnable load =
        () ->
            context.pipeToSelf(
                loader.get(),
                (loaded, failure) ->
                    loaded != null ? new Loaded(loaded) : new LoadFailed(String.valueOf(failure)));
    load.run();
    return Behaviors.receive(Command.class)
        .onMessage(
            Changed.class,
            c -> {
              index.apply(c.pod(), c.removed());
              return Behaviors.same();
            })
        .onMessage(
            IsReady.class,
            c -> {
              c.replyTo().tell(false);
              return Behaviors.same();
            })
        .onMessage(SendBookmarks.class, b -> Behaviors.same())
        .onMessage(
            Loaded.class,
            l -> {
              // Changes that arrived while loading are newer or equal; apply() keeps the newest.
              l.pods().forEach(p -> index.apply(p, false));
              // Watches can only continue from what happened after the index was complete.
              index.log = new ChangeLog(settings.changeLogCapacity(), nowMicros(settings.clock()));
              context.getLog().info("pod index ready with {} pods", index.pods.size());
              return stash.unstashAll(index);
            })
        .onMessage(
            LoadFailed.class,
            f -> {
              context.getLog().warn("rebuilding the pod index failed, retrying: {}", f.reason());
              context.scheduleOnce(Duration.ofSeconds(2), context.getSelf(), RetryLoad.INSTANCE);
              return Behaviors.same();
            })
        .onMessage(
            RetryLoad.class,
            r -> {
              load.run();
              return Behaviors.same();
            })
        .onAnyMessage(
            m -> {
              stash.stash(m);
              return Behaviors.same();
            })
        .build();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Changed.class, this::onChanged)
        .onMessage(ListPods.class, this::onList)
        .onMessage(WatchNode.class, this::onWatchNode)
        .onMessage(Unsubscribe.class, this::onUnsubscribe)
        .onMessage(
            IsReady.class,
            c -> {
              c.replyTo().tell(true);
              return this;
            })
        .onMessage(Watch.class, this::onWatch)
        .onMessage(StopWatching.class, this::onStopWatching)
        .onMessage(SendBookmarks.class, b -> onSendBookmarks())
        .onMessage(Loaded.class, l -> this)
        .onMessage(LoadFailed.class, l -> this)
        .onMessage(RetryLoad.class, l -> this)
        .build();
  }

  private Behavior<Command> onChanged(Changed c) {
    ChangeLog.Change change = apply(c.pod(), c.removed());
    if (change != null) {
      watchers.deliver(change);
      String node = c.pod().spec().nodeName();
      if (node != null) {
        NodePods nodeChange = new NodePods(false, List.of(c.pod()), c.removed());
        nodeWatchers.getOrDefault(node, Set.of()).forEach(w -> w.tell(nodeChange));
      }
    }
    return this;
  }

  private Behavior<Command> onList(ListPods c) {
    Page page = c.page();
    long position = page.resourceVersion() == 0 ? log.lastPosition() : page.resourceVersion();
    java.util.Optional<java.util.Map<String, Pod>> snapshot = snapshotAt(position);
    if (snapshot.isEmpty()) {
      c.replyTo().tell(new Listing(List.of(), log.lastPosition(), null, true));
      return this;
    }
    Selection.Compiled selection = c.selection().compile();
    java.util.TreeMap<String, Pod> sorted = new java.util.TreeMap<>(KEY_ORDER);
    sorted.putAll(snapshot.get());
    List<Pod> items = new ArrayList<>();
    String continueAfter = null;
    var rest = page.after().isEmpty() ? sorted : sorted.tailMap(page.after(), false);
    for (var entry : rest.entrySet()) {
      if (!selection.matches(entry.getValue())) {
        continue;
      }
      if (page.limit() > 0 && items.size() == page.limit()) {
        continueAfter = key(items.get(items.size() - 1));
        break;
      }
      items.add(entry.getValue());
    }
    c.replyTo().tell(new Listing(List.copyOf(items), position, continueAfter, false));
    return this;
  }

  /**
   * Every pod as it stood at {@code position}: the current pods with the changes after it undone,
   * or empty when some of those changes have left the change log.
   */
  private java.util.Optional<java.util.Map<String, Pod>> snapshotAt(long position) {
    if (position == log.lastPosition()) {
      return java.util.Optional.of(pods);
    }
    return log.since(position)
        .map(
            after -> {
              Map<String, Pod> then = new HashMap<>(pods);
              for (int i = after.size() - 1; i >= 0; i--) {
                ChangeLog.Change change = after.get(i);
                String key = key(change.after());
                if (change.before() == null) {
                  then.remove(key);
                } else {
                  then.put(key, change.before());
                }
              }
              return then;
            });
  }

  /** Lists are sorted by namespace, then name (keys are {@code namespace/name}). */
  private static final Comparator<String> KEY_ORDER =
      Comparator.<String, String>comparing(k -> k.substring(0, k.indexOf('/')))
          .thenComparing(k -> k.substring(k.indexOf('/') + 1));

  private static String key(Pod pod) {
    return pod.namespace() + "/" + pod.name();
  }

  private Behavior<Command> onWatch(Watch w) {
    String from = w.resourceVersion() == null ? "" : w.resourceVersion();
    List<ChangeLog.Change> replay;
    if (from.isEmpty() || from.equals("0")) {
      replay = List.of();
    } else {
      java.util.Optional<List<ChangeLog.Change>> since = log.since(Long.parseLong(from));
      if (since.isEmpty()) {
        w.replyTo().tell(new WatchStarted(false, log.oldestPosition()));
        return this;
      }
      replay = since.get();
    }
    w.replyTo().tell(new WatchStarted(true, log.oldestPosition()));
    getContext().watchWith(w.subscriber(), new StopWatching(w.subscriber()));
    Watchers.Watcher watcher = watchers.add(w.filter(), w.bookmarks(), w.subscriber());
    if (from.isEmpty() || from.equals("0")) {
      pods.values().stream()
          .filter(watcher::selects)
          .sorted(Comparator.comparing(Pod::namespace).thenComparing(Pod::name))
          .forEach(p -> w.subscriber().tell(new WatchEvent("ADDED", p, log.lastPosition())));
    }
    replay.forEach(watcher::deliver);
    return this;
  }

  private Behavior<Command> onStopWatching(StopWatching s) {
    watchers.remove(s.subscriber());
    return this;
  }

  private Behavior<Command> onSendBookmarks() {
    watchers.bookmark(log.lastPosition());
    return this;
  }

  private Behavior<Command> onWatchNode(WatchNode c) {
    nodeWatchers.computeIfAbsent(c.nodeName(), n -> new HashSet<>()).add(c.subscriber());
    getContext().watchWith(c.subscriber(), new Unsubscribe(c.subscriber()));
    List<Pod> bound =
        pods.values().stream().filter(p -> c.nodeName().equals(p.spec().nodeName())).toList();
    c.subscriber().tell(new NodePods(true, bound, false));
    return this;
  }

  private Behavior<Command> onUnsubscribe(Unsubscribe c) {
    nodeWatchers.values().forEach(set -> set.remove(c.subscriber()));
    return this;
  }

  /** Applies a change unless a newer one of the same object was seen; null when not applied. */
  private ChangeLog.Change apply(Pod pod, boolean removed) {
    String key = pod.namespace() + "/" + pod.name();
    long version = Long.parseLong(pod.metadata().resourceVersion());
    Pod current = pods.get(key);
    long seen =
        current != null
            ? Long.parseLong(current.metadata().resourceVersion())
            : removedAt.getOrDefault(key, 0L);
    if (version <= seen) {
      return null;
    }
    if (removed) {
      pods.remove(key);
      removedAt.put(key, version);
    } else {
      pods.put(key, pod);
      removedAt.remove(key);
    }
    if (removed && current == null) {
      return null;
    }
    return log.append(current, pod, removed, nowMicros(settings.clock()));
  }

  private static long nowMicros(Clock clock) {
    java.time.Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
  }
}
