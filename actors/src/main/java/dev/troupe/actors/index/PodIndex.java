package dev.troupe.actors.index;

import dev.troupe.core.JsonSerializable;
import dev.troupe.core.model.Pod;
import java.time.Clock;
import java.time.Duration;
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

  private final ObjectStore<Pod, WatchEvent> pods;
  private final Map<String, Set<ActorRef<NodePods>>> nodeWatchers = new HashMap<>();

  private PodIndex(ActorContext<Command> context, Settings settings) {
    super(context);
    this.pods = new ObjectStore<>(WatchEvent::new, settings.changeLogCapacity(), settings.clock());
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
              index.pods.apply(c.pod(), c.removed());
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
              l.pods().forEach(p -> index.pods.apply(p, false));
              // Watches can only continue from what happened after the index was complete.
              index.pods.restartLog();
              context.getLog().info("pod index ready with {} pods", index.pods.objects().size());
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
    if (pods.apply(c.pod(), c.removed()) != null) {
      String node = c.pod().spec().nodeName();
      if (node != null) {
        NodePods nodeChange = new NodePods(false, List.of(c.pod()), c.removed());
        nodeWatchers.getOrDefault(node, Set.of()).forEach(w -> w.tell(nodeChange));
      }
    }
    return this;
  }

  private Behavior<Command> onList(ListPods c) {
    ObjectStore.Result<Pod> result = pods.list(c.selection(), c.page());
    c.replyTo()
        .tell(
            new Listing(
                result.items(), result.position(), result.continueAfter(), result.expired()));
    return this;
  }

  private Behavior<Command> onWatch(Watch w) {
    ObjectStore.Started started =
        pods.watch(w.filter(), w.resourceVersion(), w.bookmarks(), w.subscriber());
    if (started.started()) {
      getContext().watchWith(w.subscriber(), new StopWatching(w.subscriber()));
    }
    w.replyTo().tell(new WatchStarted(started.started(), started.oldestPosition()));
    return this;
  }

  private Behavior<Command> onStopWatching(StopWatching s) {
    pods.stopWatching(s.subscriber());
    return this;
  }

  private Behavior<Command> onSendBookmarks() {
    pods.bookmark();
    return this;
  }

  private Behavior<Command> onWatchNode(WatchNode c) {
    nodeWatchers.computeIfAbsent(c.nodeName(), n -> new HashSet<>()).add(c.subscriber());
    getContext().watchWith(c.subscriber(), new Unsubscribe(c.subscriber()));
    List<Pod> bound =
        pods.objects().stream().filter(p -> c.nodeName().equals(p.spec().nodeName())).toList();
    c.subscriber().tell(new NodePods(true, bound, false));
    return this;
  }

  private Behavior<Command> onUnsubscribe(Unsubscribe c) {
    nodeWatchers.values().forEach(set -> set.remove(c.subscriber()));
    return this;
  }
}
