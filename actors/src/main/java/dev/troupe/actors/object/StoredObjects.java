package dev.troupe.actors.object;

import dev.troupe.actors.JournalLoads;
import dev.troupe.actors.index.ObjectIndex;
import dev.troupe.actors.index.Page;
import dev.troupe.actors.index.Selection;
import dev.troupe.core.events.Cause;
import dev.troupe.core.kinds.StoredKind;
import dev.troupe.core.model.KubeObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The objects of one stored kind, as the API sees them: one method per operation, each a {@link
 * CompletionStage}. Writes go to the object's entity; lists and watches come from this member's
 * index. A write's result is handed to the local index before it is returned, so a list that
 * follows it includes it.
 */
public final class StoredObjects {

  private final StoredKind kind;
  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final ActorRef<ObjectIndex.Command> index;
  private final Duration timeout;
  private final ClusterAdmission admission;

  public StoredObjects(
      StoredKind kind,
      ActorSystem<?> system,
      ClusterSharding sharding,
      ActorRef<ObjectIndex.Command> index,
      Duration timeout) {
    this(kind, system, sharding, index, timeout, ClusterAdmission.NONE);
  }

  /** The objects of a kind whose creation first asks {@code admission}. */
  public StoredObjects(
      StoredKind kind,
      ActorSystem<?> system,
      ClusterSharding sharding,
      ActorRef<ObjectIndex.Command> index,
      Duration timeout,
      ClusterAdmission admission) {
    this.kind = kind;
    this.system = system;
    this.sharding = sharding;
    this.index = index;
    this.timeout = timeout;
    this.admission = admission;
  }

  public StoredKind kind() {
    return kind;
  }

  public CompletionStage<ObjectEntity.Reply> create(KubeObject admitted, Cause cause) {
    return create(admitted, null, cause);
  }

  /**
   * Creates the object, once its kind's admission completed it ({@code INVALID} with the errors
   * when it refused); {@code manager} (null: none) owns its fields.
   */
  public CompletionStage<ObjectEntity.Reply> create(
      KubeObject admitted, String manager, Cause cause) {
    return admitted(
        admitted,
        complete ->
            entity(admitted.namespace(), admitted.name())
                .<ObjectEntity.Reply>ask(
                    replyTo -> new ObjectEntity.Create(complete, manager, cause, replyTo), timeout)
                .thenApply(this::indexed));
  }

  /**
   * Runs {@code write} on {@code object} as its kind's cluster admission completed it, or answers
   * {@code INVALID} with the errors it refused the object for.
   */
  private CompletionStage<ObjectEntity.Reply> admitted(
      KubeObject object,
      java.util.function.Function<KubeObject, CompletionStage<ObjectEntity.Reply>> write) {
    return admission
        .admit(object)
        .thenCompose(
            complete ->
                complete.errors().isEmpty()
                    ? write.apply(complete.object())
                    : java.util.concurrent.CompletableFuture.completedFuture(
                        new ObjectEntity.Reply(
                            dev.troupe.actors.Outcome.INVALID,
                            null,
                            complete.errors(),
                            false,
                            null)));
  }

  public CompletionStage<ObjectEntity.Reply> get(String namespace, String name) {
    return entity(namespace, name).ask(ObjectEntity.Get::new, timeout);
  }

  /**
   * Replaces the object (or, with {@code status}, its status) if it is still at {@code
   * expectedResourceVersion} (null: at any version).
   */
  public CompletionStage<ObjectEntity.Reply> update(
      KubeObject sent, String expectedResourceVersion, boolean status, Cause cause) {
    return update(sent, expectedResourceVersion, status, null, cause);
  }

  /**
   * Updates the object, once its kind's admission completed it (a Service that became NodePort gets
   * its node ports); the fields it changes become {@code manager}'s (null: no one's).
   */
  public CompletionStage<ObjectEntity.Reply> update(
      KubeObject sent,
      String expectedResourceVersion,
      boolean status,
      String manager,
      Cause cause) {
    if (status || admission == ClusterAdmission.NONE) {
      return updateAdmitted(sent, expectedResourceVersion, status, manager, cause);
    }
    return admitted(
        sent, complete -> updateAdmitted(complete, expectedResourceVersion, false, manager, cause));
  }

  private CompletionStage<ObjectEntity.Reply> updateAdmitted(
      KubeObject sent,
      String expectedResourceVersion,
      boolean status,
      String manager,
      Cause cause) {
    return entity(sent.namespace(), sent.name())
        .<ObjectEntity.Reply>ask(
            replyTo ->
                new ObjectEntity.Update(
                    sent, expectedResourceVersion, status, manager, cause, replyTo),
            timeout)
        .thenApply(this::indexed);
  }

  public CompletionStage<ObjectEntity.Reply> delete(
      String namespace,
      String name,
      String expectedUid,
      String expectedResourceVersion,
      Cause cause) {
    return delete(namespace, name, expectedUid, expectedResourceVersion, null, cause);
  }

  /**
   * Deletes the object if it still has the uid and version expected (null: any); {@code
   * propagationPolicy} Orphan or Foreground makes it wait for the garbage collector.
   */
  public CompletionStage<ObjectEntity.Reply> delete(
      String namespace,
      String name,
      String expectedUid,
      String expectedResourceVersion,
      String propagationPolicy,
      Cause cause) {
    return entity(namespace, name)
        .<ObjectEntity.Reply>ask(
            replyTo ->
                new ObjectEntity.Delete(
                    expectedUid, expectedResourceVersion, propagationPolicy, cause, replyTo),
            timeout)
        .thenApply(this::indexed);
  }

  /** One page of the objects {@code selection} selects. */
  public CompletionStage<ObjectIndex.Listing> list(Selection selection, Page page) {
    return AskPattern.ask(
        index,
        replyTo -> new ObjectIndex.ListObjects(selection, page, replyTo),
        timeout,
        system.scheduler());
  }

  /** This member's view of the object named, from the index (read-your-writes on this member). */
  public CompletionStage<Optional<KubeObject>> lookup(String namespace, String name) {
    String key = (namespace == null ? "" : namespace) + "/" + name;
    return AskPattern.<ObjectIndex.Command, ObjectIndex.Found>ask(
            index, replyTo -> new ObjectIndex.Lookup(key, replyTo), timeout, system.scheduler())
        .thenApply(found -> Optional.ofNullable(found.object()));
  }

  /** Starts a watch; events go to {@code subscriber} until it stops. */
  public CompletionStage<ObjectIndex.WatchStarted> watch(
      Selection filter,
      String resourceVersion,
      boolean bookmarks,
      ActorRef<ObjectIndex.WatchEvent> subscriber) {
    return AskPattern.ask(
        index,
        replyTo -> new ObjectIndex.Watch(filter, resourceVersion, bookmarks, subscriber, replyTo),
        timeout,
        system.scheduler());
  }

  public CompletionStage<Boolean> isIndexReady() {
    return AskPattern.ask(index, ObjectIndex.IsReady::new, timeout, system.scheduler());
  }

  /**
   * Every object of {@code kind} the journal knows, read from its entity: how an index is rebuilt
   * from the journal alone. {@code persistenceIds} are {@code Kind|entityId}.
   */
  public static CompletionStage<List<KubeObject>> loadAll(
      StoredKind kind,
      ActorSystem<?> system,
      ClusterSharding sharding,
      Duration timeout,
      Source<String, NotUsed> persistenceIds) {
    return JournalLoads.all(
        system,
        persistenceIds,
        entityId ->
            sharding
                .entityRefFor(ObjectEntity.typeKey(kind.type().kind()), entityId)
                .<ObjectEntity.Reply>ask(ObjectEntity.Get::new, timeout)
                .thenApply(reply -> Optional.ofNullable(reply.object())));
  }

  private ObjectEntity.Reply indexed(ObjectEntity.Reply reply) {
    if (reply.object() != null && reply.outcome() == dev.troupe.actors.Outcome.OK) {
      index.tell(new ObjectIndex.Changed(reply.object(), reply.removed()));
    }
    return reply;
  }

  private EntityRef<ObjectEntity.Command> entity(String namespace, String name) {
    return sharding.entityRefFor(
        ObjectEntity.typeKey(kind.type().kind()), ObjectEntity.entityId(namespace, name));
  }
}
