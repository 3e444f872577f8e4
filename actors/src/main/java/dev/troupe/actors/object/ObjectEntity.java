package dev.troupe.actors.object;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.actors.Outcome;
import dev.troupe.actors.ResourceVersions;
import dev.troupe.actors.index.ObjectIndex;
import dev.troupe.core.JsonSerializable;
import dev.troupe.core.apply.ManagedFields;
import dev.troupe.core.events.Cause;
import dev.troupe.core.events.ObjectEvent;
import dev.troupe.core.events.ObjectEvent.ObjectCreated;
import dev.troupe.core.events.ObjectEvent.ObjectDeleted;
import dev.troupe.core.events.ObjectEvent.ObjectDeletionRequested;
import dev.troupe.core.events.ObjectEvent.ObjectUpdated;
import dev.troupe.core.json.Json;
import dev.troupe.core.kinds.ObjectAdmission;
import dev.troupe.core.kinds.StoredKind;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.validation.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One object of a kind Troupe stores as JSON (a Service, a Deployment, a Namespace …), as an
 * event-sourced entity: create, read, update, status update and delete with Kubernetes' rules,
 * finalizers included. Kinds get their own entity when their controller comes; until then this is
 * where their objects live. Entity id {@code namespace/name}, or {@code name} for cluster-scoped
 * kinds; the journal spans every lifetime of that name.
 */
public final class ObjectEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        ObjectEntity.Command, ObjectEvent, ObjectEntity.State> {

  // --- State -------------------------------------------------------------------------------------

  /** Either no object of this name exists, or one does (possibly terminating). */
  public sealed interface State extends JsonSerializable {
    long resourceVersion();
  }

  /** No object of this name exists (never created, or deleted). */
  public record Absent(long resourceVersion) implements State {}

  /**
   * The object as stored, its {@code metadata.resourceVersion} equal to {@code resourceVersion}.
   */
  public record Present(KubeObject object, long resourceVersion) implements State {}

  // --- Commands ----------------------------------------------------------------------------------

  /** What an object entity can be asked. */
  public sealed interface Command extends JsonSerializable {}

  /**
   * Create the object (already admitted: defaults applied and validated); {@code manager}, when
   * given, owns every field of it in {@code metadata.managedFields}.
   */
  public record Create(KubeObject object, String manager, Cause cause, ActorRef<Reply> replyTo)
      implements Command {
    public Create(KubeObject object, Cause cause, ActorRef<Reply> replyTo) {
      this(object, null, cause, replyTo);
    }
  }

  /** Read the object. */
  public record Get(ActorRef<Reply> replyTo) implements Command {}

  /**
   * Replace the object with {@code object} as sent, if it is still at {@code
   * expectedResourceVersion} (null: whatever it is at). {@code status} writes the status only, as
   * the {@code /status} subresource does; otherwise the status is kept.
   */
  public record Update(
      KubeObject object,
      String expectedResourceVersion,
      boolean status,
      String manager,
      Cause cause,
      ActorRef<Reply> replyTo)
      implements Command {
    /** An update whose changes no field manager claims (a server-side apply has claimed them). */
    public Update(
        KubeObject object,
        String expectedResourceVersion,
        boolean status,
        Cause cause,
        ActorRef<Reply> replyTo) {
      this(object, expectedResourceVersion, status, null, cause, replyTo);
    }
  }

  /**
   * Delete the object, if it still has {@code expectedUid} and {@code expectedResourceVersion}
   * (null: any). With finalizers it only becomes terminating.
   */
  public record Delete(
      String expectedUid,
      String expectedResourceVersion,
      String propagationPolicy,
      Cause cause,
      ActorRef<Reply> replyTo)
      implements Command {
    /** A delete with the default (Background) propagation. */
    public Delete(
        String expectedUid, String expectedResourceVersion, Cause cause, ActorRef<Reply> replyTo) {
      this(expectedUid, expectedResourceVersion, null, cause, replyTo);
    }
  }

  /** Time to reconcile again (from the entity's timer, or a nudge from outside). */
  public enum Reconcile implements Command {
    INSTANCE
  }

  /** A reconciliation ended; {@code status} is what it observed (null: nothing to record). */
  public record Reconciled(JsonNode status, String failure) implements Command {}

  // --- Replies -----------------------------------------------------------------------------------

  /**
   * The outcome of a request, with the object as it stands when there is one ({@code removed}: its
   * last form, the request removed it). {@code conflict} says why a request was refused as a
   * conflict.
   */
  public record Reply(
      Outcome outcome, KubeObject object, List<FieldError> errors, boolean removed, String conflict)
      implements JsonSerializable {

    static Reply ok(KubeObject object) {
      return new Reply(Outcome.OK, object, null, false, null);
    }

    static Reply of(Outcome outcome, KubeObject object) {
      return new Reply(outcome, object, null, false, null);
    }
  }

  // --- Factory -----------------------------------------------------------------------------------

  /** The sharding key of the entities of one kind: the kind's name. */
  public static EntityTypeKey<Command> typeKey(String kind) {
    return EntityTypeKey.create(Command.class, kind);
  }

  /** What every entity of one kind needs. */
  public record Dependencies(
      StoredKind kind,
      ActorRef<Topic.Command<ObjectIndex.Command>> changes,
      Clock clock,
      int snapshotEvery,
      Reconciler reconciler,
      Owners owners) {

    /** The dependencies of a kind without a controller. */
    public Dependencies(
        StoredKind kind,
        ActorRef<Topic.Command<ObjectIndex.Command>> changes,
        Clock clock,
        int snapshotEvery) {
      this(kind, changes, clock, snapshotEvery, null, null);
    }
  }

  private final Dependencies deps;
  private final StoredKind kind;
  private final ActorContext<Command> context;

  /** A reconciliation is running; another one waits for it to end. */
  private boolean reconciling;

  /** Something changed while reconciling: reconcile again once it ends. */
  private boolean again;

  private ObjectEntity(String entityId, Dependencies deps, ActorContext<Command> context) {
    super(PersistenceId.of(deps.kind().type().kind(), entityId, "|"));
    this.deps = deps;
    this.kind = deps.kind();
    this.context = context;
  }

  public static Behavior<Command> create(String entityId, Dependencies deps) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  if (deps.reconciler() != null) {
                    timers.startTimerWithFixedDelay(Reconcile.INSTANCE, deps.reconciler().resync());
                  }
                  return new ObjectEntity(entityId, deps, context);
                }));
  }

  public static void init(ClusterSharding sharding, Dependencies deps, String role) {
    sharding.init(
        Entity.of(
                typeKey(deps.kind().type().kind()),
                entityContext -> create(entityContext.getEntityId(), deps))
            .withRole(role));
  }

  /** {@code namespace/name}, or {@code name} for a cluster-scoped object. */
  public static String entityId(String namespace, String name) {
    return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
  }

  @Override
  public State emptyState() {
    return new Absent(0);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    // Snapshots keep recovery fast; the events themselves are never deleted: they are the history.
    return RetentionCriteria.snapshotEvery(deps.snapshotEvery(), 2);
  }

  // --- Command handlers --------------------------------------------------------------------------

  @Override
  public CommandHandlerWithReply<Command, ObjectEvent, State> commandHandler() {
    CommandHandlerWithReplyBuilder<Command, ObjectEvent, State> builder =
        newCommandHandlerWithReplyBuilder();
    builder
        .forStateType(Absent.class)
        .onCommand(Create.class, this::onCreate)
        .onCommand(Get.class, (state, c) -> Effect().reply(c.replyTo(), notFound()))
        .onCommand(Update.class, (state, c) -> Effect().reply(c.replyTo(), notFound()))
        .onCommand(Delete.class, (state, c) -> Effect().reply(c.replyTo(), notFound()))
        .onCommand(Reconcile.class, (state, c) -> Effect().noReply())
        .onCommand(
            Reconciled.class,
            (state, c) -> {
              reconciling = false;
              return Effect().noReply();
            });
    builder
        .forStateType(Present.class)
        .onCommand(
            Create.class,
            (state, c) -> Effect().reply(c.replyTo(), Reply.of(Outcome.ALREADY_EXISTS, null)))
        .onCommand(Get.class, (state, c) -> Effect().reply(c.replyTo(), Reply.ok(state.object())))
        .onCommand(Update.class, this::onUpdate)
        .onCommand(Delete.class, this::onDelete)
        .onCommand(
            Reconcile.class,
            (state, c) -> {
              reconcile(state);
              return Effect().noReply();
            })
        .onCommand(Reconciled.class, this::onReconciled);
    return builder.build();
  }

  private ReplyEffect<ObjectEvent, State> onCreate(Absent state, Create c) {
    Instant now = deps.clock().instant();
    KubeObject stamped =
        managed(
            null,
            ObjectAdmission.stamp(kind, c.object(), UUID.randomUUID().toString(), now),
            c.manager(),
            false,
            now);
    return Effect()
        .persist(new ObjectCreated(stamped, now, c.cause()))
        .thenRun(this::publish)
        .thenRun(this::reconcile)
        .thenReply(c.replyTo(), s -> Reply.ok(((Present) s).object()));
  }

  private ReplyEffect<ObjectEvent, State> onUpdate(Present state, Update c) {
    KubeObject current = state.object();
    String version = current.metadata().resourceVersion();
    if (c.expectedResourceVersion() != null && !c.expectedResourceVersion().equals(version)) {
      return Effect()
          .reply(
              c.replyTo(),
              new Reply(
                  Outcome.CONFLICT,
                  current,
                  null,
                  false,
                  "the object has been modified; please apply your changes to the latest version"
                      + " and try again"));
    }
    ObjectAdmission.Admitted admitted =
        c.status()
            ? ObjectAdmission.prepareStatusUpdate(kind, current, c.object())
            : ObjectAdmission.prepareUpdate(kind, current, c.object());
    if (!admitted.isValid()) {
      return Effect()
          .reply(c.replyTo(), new Reply(Outcome.INVALID, current, admitted.errors(), false, null));
    }
    if (!ObjectAdmission.changes(current, admitted.object())) {
      // Nothing changed: nothing is written and the version stays.
      return Effect().reply(c.replyTo(), Reply.ok(current));
    }
    Instant now = deps.clock().instant();
    KubeObject updated = managed(current, admitted.object(), c.manager(), c.status(), now);
    if (updated.isTerminating() && !holdsDeletion(updated)) {
      // The last finalizer went: the object goes.
      return Effect()
          .persist(
              List.of(
                  new ObjectUpdated(updated, now, c.cause()),
                  new ObjectDeleted(updated.metadata().uid(), now, c.cause())))
          .thenRun(s -> publishRemoved(updated, s))
          .thenReply(c.replyTo(), s -> removed(updated, s));
    }
    return Effect()
        .persist(new ObjectUpdated(updated, now, c.cause()))
        .thenRun(this::publish)
        .thenRun(this::reconcile)
        .thenReply(c.replyTo(), s -> Reply.ok(((Present) s).object()));
  }

  private ReplyEffect<ObjectEvent, State> onDelete(Present state, Delete c) {
    KubeObject current = state.object();
    ObjectMeta meta = current.metadata();
    if (c.expectedUid() != null && !c.expectedUid().equals(meta.uid())) {
      return Effect()
          .reply(
              c.replyTo(),
              new Reply(
                  Outcome.CONFLICT,
                  current,
                  null,
                  false,
                  "Precondition failed: UID in precondition: %s, UID in object meta: %s"
                      .formatted(c.expectedUid(), meta.uid())));
    }
    if (c.expectedResourceVersion() != null
        && !c.expectedResourceVersion().equals(meta.resourceVersion())) {
      return Effect()
          .reply(
              c.replyTo(),
              new Reply(
                  Outcome.CONFLICT,
                  current,
                  null,
                  false,
                  "Precondition failed: ResourceVersion in precondition: %s, ResourceVersion in"
                          .formatted(c.expectedResourceVersion())
                      + " object meta: "
                      + meta.resourceVersion()));
    }
    if (current.isTerminating()) {
      return Effect().reply(c.replyTo(), Reply.ok(current));
    }
    Instant now = deps.clock().instant();
    ObjectMeta deleting = meta.withDeletion(now, 0);
    String waitFor = propagationFinalizer(c.propagationPolicy());
    if (waitFor != null && (meta.finalizers() == null || !meta.finalizers().contains(waitFor))) {
      // Orphan and Foreground deletions wait for the garbage collector, as in Kubernetes.
      List<String> finalizers = new ArrayList<>();
      if (meta.finalizers() != null) {
        finalizers.addAll(meta.finalizers());
      }
      finalizers.add(waitFor);
      deleting = deleting.toBuilder().finalizers(List.copyOf(finalizers)).build();
    }
    if (meta.generation() != null) {
      // Kubernetes counts marking an object as deleting as a change of what is wanted.
      deleting = deleting.toBuilder().generation(meta.generation() + 1).build();
    }
    KubeObject terminating = current.withMetadata(deleting);
    if (holdsDeletion(terminating)) {
      KubeObject marked = kind.whenTerminating(terminating);
      return Effect()
          .persist(new ObjectDeletionRequested(marked, now, c.cause()))
          .thenRun(this::publish)
          .thenRun(this::reconcile)
          .thenReply(c.replyTo(), s -> Reply.ok(((Present) s).object()));
    }
    return Effect()
        .persist(new ObjectDeleted(meta.uid(), now, c.cause()))
        .thenRun(s -> publishRemoved(terminating, s))
        .thenReply(c.replyTo(), s -> removed(terminating, s));
  }

  /**
   * {@code updated} with the fields {@code manager} changed (all of them on a create) recorded as
   * its own in {@code metadata.managedFields}, as the API server does for every write.
   */
  private KubeObject managed(
      KubeObject current, KubeObject updated, String manager, boolean status, Instant now) {
    if (manager == null) {
      return updated;
    }
    return KubeObject.of(
        ManagedFields.recordUpdate(
            current == null ? null : current.json(),
            updated.json(),
            kind.type().kind(),
            manager,
            kind.type().groupVersion(),
            status ? "status" : null,
            now));
  }

  // --- Reconciliation ----------------------------------------------------------------------------

  /** Starts a reconciliation of the object as it now stands, unless one is running. */
  private void reconcile(State state) {
    if (deps.reconciler() == null || !(state instanceof Present present)) {
      return;
    }
    if (reconciling) {
      again = true;
      return;
    }
    reconciling = true;
    again = false;
    context.pipeToSelf(
        deps.reconciler().reconcile(present.object()),
        (status, failure) ->
            failure != null
                ? new Reconciled(null, String.valueOf(failure))
                : new Reconciled(status.orElse(null), null));
  }

  /** Records the status a reconciliation observed, when it differs; reconciles again if asked. */
  private ReplyEffect<ObjectEvent, State> onReconciled(Present state, Reconciled c) {
    reconciling = false;
    if (c.failure() != null) {
      context.getLog().warn("reconciling {} failed: {}", persistenceId(), c.failure());
    }
    KubeObject current = state.object();
    if (c.status() == null
        || (!current.field("status").isMissingNode()
            && Json.canonical(c.status()).equals(Json.canonical(current.field("status"))))) {
      if (again) {
        reconcile(state);
      }
      return Effect().noReply();
    }
    Instant now = deps.clock().instant();
    KubeObject observed = current.with("status", c.status());
    Cause cause =
        Cause.of("system:controller:" + kind.type().kind(), "reconcile", "status observed");
    return Effect()
        .persist(new ObjectUpdated(observed, now, cause))
        .thenRun(this::publish)
        .thenRun(
            s -> {
              // Reconciled again only once the status it observed is stored.
              if (again) {
                reconcile(s);
              }
            })
        .thenNoReply();
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), this::reconcile)
        .build();
  }

  /**
   * The finalizer a propagation policy puts on the owner: {@code orphan} or {@code
   * foregroundDeletion}.
   */
  private static String propagationFinalizer(String policy) {
    if ("Orphan".equals(policy)) {
      return "orphan";
    }
    if ("Foreground".equals(policy)) {
      return "foregroundDeletion";
    }
    return null;
  }

  private boolean holdsDeletion(KubeObject object) {
    List<String> finalizers = object.metadata().finalizers();
    return (finalizers != null && !finalizers.isEmpty()) || kind.deletionHeld(object);
  }

  // --- Event handler -----------------------------------------------------------------------------

  @Override
  public EventHandler<State, ObjectEvent> eventHandler() {
    return (state, event) -> {
      long rv = ResourceVersions.next(state.resourceVersion(), event.at());
      if (event instanceof ObjectDeleted) {
        return new Absent(rv);
      }
      KubeObject object;
      if (event instanceof ObjectCreated e) {
        object = e.object();
      } else if (event instanceof ObjectUpdated e) {
        object = e.object();
      } else if (event instanceof ObjectDeletionRequested e) {
        object = e.object();
      } else {
        throw new IllegalStateException("unexpected event " + event);
      }
      return new Present(
          object.withMetadata(object.metadata().withResourceVersion(Long.toString(rv))), rv);
    };
  }

  // --- Publishing --------------------------------------------------------------------------------

  private void publish(State state) {
    if (state instanceof Present p) {
      deps.changes().tell(Topic.publish(new ObjectIndex.Changed(p.object(), false)));
      nudgeOwner(p.object());
    }
  }

  private void publishRemoved(KubeObject last, State state) {
    deps.changes().tell(Topic.publish(new ObjectIndex.Changed(withVersion(last, state), true)));
    nudgeOwner(last);
  }

  /** Tells the object's controller, if it has one, that its child changed. */
  private void nudgeOwner(KubeObject object) {
    if (deps.owners() != null) {
      deps.owners().changed(object.metadata());
    }
  }

  private static Reply removed(KubeObject last, State state) {
    return new Reply(Outcome.OK, withVersion(last, state), null, true, null);
  }

  /** The last form of a deleted object, carrying the version of its deletion. */
  private static KubeObject withVersion(KubeObject object, State state) {
    return object.withMetadata(
        object.metadata().withResourceVersion(Long.toString(state.resourceVersion())));
  }

  private static Reply notFound() {
    return Reply.of(Outcome.NOT_FOUND, null);
  }
}
