package dev.troupe.actors.index;

import dev.troupe.core.JsonSerializable;
import dev.troupe.core.model.KubeObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * The read side of one kind stored as JSON on one control-plane member: every object of the kind,
 * fed by each committed change, serving lists and watches. Rebuilt at start from the journal alone;
 * it answers nothing until it is complete.
 */
public final class ObjectIndex extends AbstractBehavior<ObjectIndex.Command> {

  /** The topic the entities of {@code kind} publish their changes to. */
  public static String topic(String kind) {
    return "object-changes-" + kind;
  }

  /** What the index can be told or asked. */
  public sealed interface Command extends JsonSerializable {}

  /** An object as committed; {@code removed} when it no longer exists. */
  public record Changed(KubeObject object, boolean removed) implements Command {}

  /** One page of the objects {@code selection} selects. */
  public record ListObjects(Selection selection, Page page, ActorRef<Listing> replyTo)
      implements Command {}

  /** A consistent list of objects. */
  public record Listing(
      List<KubeObject> items, long resourceVersion, String continueAfter, boolean expired)
      implements JsonSerializable {}

  /** The object at {@code key} ({@code namespace/name}, "/name" when cluster-scoped), if any. */
  public record Lookup(String key, ActorRef<Found> replyTo) implements Command {}

  /** What a lookup found; {@code object} is null when nothing. */
  public record Found(KubeObject object) implements JsonSerializable {}

  /** Watch the objects {@code filter} selects, from {@code resourceVersion}. */
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

  /** ADDED, MODIFIED or DELETED with the object, or BOOKMARK with only the version. */
  public record WatchEvent(String type, KubeObject object, long resourceVersion)
      implements JsonSerializable {}

  /** A watcher went away. */
  public record StopWatching(ActorRef<WatchEvent> subscriber) implements Command {}

  /** The index is complete; {@code objects} is the state rebuilt from the journal. */
  public record Loaded(List<KubeObject> objects) implements Command {}

  /** Rebuilding failed; it is tried again. */
  public record LoadFailed(String reason) implements Command {}

  /** Whether the index is complete. */
  public record IsReady(ActorRef<Boolean> replyTo) implements Command {}

  /** Try rebuilding again. */
  public enum RetryLoad implements Command {
    INSTANCE
  }

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

  private final ObjectStore<KubeObject, WatchEvent> objects;

  private ObjectIndex(ActorContext<Command> context, Settings settings) {
    super(context);
    this.objects =
        new ObjectStore<>(WatchEvent::new, settings.changeLogCapacity(), settings.clock());
  }

  /** An index of {@code kind} that rebuilds itself with {@code loader} before it serves. */
  public static Behavior<Command> create(
      String kind, Supplier<CompletionStage<List<KubeObject>>> loader, Settings settings) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(
                      SendBookmarks.INSTANCE, settings.bookmarkInterval());
                  return Behaviors.withStash(
                      10_000, stash -> loading(kind, context, stash, loader, settings));
                }));
  }

  private static Behavior<Command> loading(
      String kind,
      ActorContext<Command> context,
      StashBuffer<Command> stash,
      Supplier<CompletionStage<List<KubeObject>>> loader,
      Settings settings) {
    ObjectIndex index = new ObjectIndex(context, settings);
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
              index.objects.apply(c.object(), c.removed());
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
              l.objects().forEach(o -> index.objects.apply(o, false));
              // Watches can only continue from what happened after the index was complete.
              index.objects.restartLog();
              context
                  .getLog()
                  .info("{} index ready with {} objects", kind, index.objects.objects().size());
              return stash.unstashAll(index);
            })
        .onMessage(
            LoadFailed.class,
            f -> {
              context
                  .getLog()
                  .warn("rebuilding the {} index failed, retrying: {}", kind, f.reason());
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
        .onMessage(
            Changed.class,
            c -> {
              objects.apply(c.object(), c.removed());
              return this;
            })
        .onMessage(ListObjects.class, this::onList)
        .onMessage(
            Lookup.class,
            c -> {
              c.replyTo().tell(new Found(objects.get(c.key()).orElse(null)));
              return this;
            })
        .onMessage(
            IsReady.class,
            c -> {
              c.replyTo().tell(true);
              return this;
            })
        .onMessage(Watch.class, this::onWatch)
        .onMessage(
            StopWatching.class,
            s -> {
              objects.stopWatching(s.subscriber());
              return this;
            })
        .onMessage(
            SendBookmarks.class,
            b -> {
              objects.bookmark();
              return this;
            })
        .onMessage(Loaded.class, l -> this)
        .onMessage(LoadFailed.class, l -> this)
        .onMessage(RetryLoad.class, l -> this)
        .build();
  }

  private Behavior<Command> onList(ListObjects c) {
    ObjectStore.Result<KubeObject> result = objects.list(c.selection(), c.page());
    c.replyTo()
        .tell(
            new Listing(
                result.items(), result.position(), result.continueAfter(), result.expired()));
    return this;
  }

  private Behavior<Command> onWatch(Watch w) {
    ObjectStore.Started started =
        objects.watch(w.filter(), w.resourceVersion(), w.bookmarks(), w.subscriber());
    if (started.started()) {
      getContext().watchWith(w.subscriber(), new StopWatching(w.subscriber()));
    }
    w.replyTo().tell(new WatchStarted(started.started(), started.oldestPosition()));
    return this;
  }
}
