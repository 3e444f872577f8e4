package dev.troupe.actors.pod;

import dev.troupe.actors.Outcome;
import dev.troupe.actors.ResourceVersions;
import dev.troupe.actors.events.EventRecorder;
import dev.troupe.actors.index.PodIndex;
import dev.troupe.actors.object.Owners;
import dev.troupe.actors.scheduler.Scheduler;
import dev.troupe.core.JsonSerializable;
import dev.troupe.core.events.Cause;
import dev.troupe.core.events.EventNote;
import dev.troupe.core.events.KubeEvents;
import dev.troupe.core.events.PodEvent;
import dev.troupe.core.events.PodEvent.PodCreated;
import dev.troupe.core.events.PodEvent.PodDeleted;
import dev.troupe.core.events.PodEvent.PodDeletionRequested;
import dev.troupe.core.events.PodEvent.PodNodeNoted;
import dev.troupe.core.events.PodEvent.PodScheduled;
import dev.troupe.core.events.PodEvent.PodStatusObserved;
import dev.troupe.core.events.PodEvent.PodUpdated;
import dev.troupe.core.events.PodEventNotes;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodCondition;
import dev.troupe.core.model.PodStatus;
import dev.troupe.core.pod.NodeNote;
import dev.troupe.core.pod.PodAdmission;
import dev.troupe.core.pod.PodObservation;
import dev.troupe.core.pod.PodStatuses;
import dev.troupe.core.pod.PodUpdates;
import dev.troupe.core.scheduling.Placement;
import dev.troupe.core.validation.FieldError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
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
 * One pod, as an event-sourced entity that reconciles itself: it asks a scheduler for a node until
 * it is bound, records what its node observes, and on deletion waits for the node to confirm its
 * containers are gone. Entity id {@code namespace/name}; its journal spans every lifetime of that
 * name.
 */
public final class PodEntity
    extends EventSourcedBehaviorWithEnforcedReplies<PodEntity.Command, PodEvent, PodEntity.State> {

  // --- State -------------------------------------------------------------------------------------

  /** Either no pod of this name exists, or one does (possibly terminating). */
  public sealed interface State extends JsonSerializable {
    long resourceVersion();
  }

  /** No pod of this name exists (never created, or deleted). */
  public record Absent(long resourceVersion) implements State {}

  /** The pod as stored, its {@code metadata.resourceVersion} equal to {@code resourceVersion}. */
  public record Present(Pod pod, long resourceVersion) implements State {}

  // --- Commands ----------------------------------------------------------------------------------

  /** What a pod entity can be asked or told. */
  public sealed interface Command extends JsonSerializable {}

  /** Create the pod (already admitted: defaults applied and validated). */
  public record Create(Pod pod, Cause cause, ActorRef<Reply> replyTo) implements Command {}

  /** Read the pod. */
  public record Get(ActorRef<Reply> replyTo) implements Command {}

  /**
   * Replace what an update may change (labels, annotations, owners, finalizers, images), if the pod
   * is still at {@code expectedResourceVersion} (null: whatever it is at).
   */
  public record Update(
      Pod pod, String expectedResourceVersion, Cause cause, ActorRef<Reply> replyTo)
      implements Command {}

  /**
   * Replace the pod's status (the {@code /status} subresource), if the pod is still at {@code
   * expectedResourceVersion} (null: whatever it is at).
   */
  public record UpdateStatus(
      PodStatus status, String expectedResourceVersion, Cause cause, ActorRef<Reply> replyTo)
      implements Command {}

  /** Delete the pod gracefully; null grace means the pod's own. */
  public record Delete(Long gracePeriodSeconds, Cause cause, ActorRef<Reply> replyTo)
      implements Command {}

  /** What the pod's node observed of its containers. */
  public record ReportObservation(String nodeName, PodObservation observation, List<NodeNote> notes)
      implements Command {

    public ReportObservation {
      notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** An observation with nothing else to note. */
    public ReportObservation(String nodeName, PodObservation observation) {
      this(nodeName, observation, List.of());
    }
  }

  /** The node has stopped and removed every container of pod {@code uid}. */
  public record ConfirmTerminated(String nodeName, String uid) implements Command {}

  /** Reconciliation steps the entity sends itself. */
  public enum Reconcile implements Command {
    SCHEDULE
  }

  /** A scheduler's answer. */
  public record Placed(String uid, String nodeName, String reason) implements Command {}

  // --- Replies -----------------------------------------------------------------------------------

  /** The outcome of a request, with the pod as it stands when there is one. */
  public record Reply(Outcome outcome, Pod pod, List<FieldError> errors, boolean removed)
      implements JsonSerializable {
    public Reply(Outcome outcome, Pod pod, List<FieldError> errors) {
      this(outcome, pod, errors, false);
    }

    public Reply(Outcome outcome, Pod pod) {
      this(outcome, pod, null, false);
    }

    static Reply ok(Pod pod) {
      return new Reply(Outcome.OK, pod);
    }

    /** The pod's last form: the request removed it (an unbound pod's delete). */
    static Reply removed(Pod pod) {
      return new Reply(Outcome.OK, pod, null, true);
    }
  }

  // --- Factory -----------------------------------------------------------------------------------

  public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Pod");

  /** What every pod entity of a member needs. */
  public record Dependencies(
      ActorRef<Scheduler.Command> scheduler,
      ActorRef<Topic.Command<PodIndex.Command>> changes,
      ActorRef<EventRecorder.Command> events,
      Clock clock,
      Duration scheduleRetry,
      int snapshotEvery,
      Owners owners) {

    /** Dependencies of pods whose owners are not told of their changes. */
    public Dependencies(
        ActorRef<Scheduler.Command> scheduler,
        ActorRef<Topic.Command<PodIndex.Command>> changes,
        ActorRef<EventRecorder.Command> events,
        Clock clock,
        Duration scheduleRetry,
        int snapshotEvery) {
      this(scheduler, changes, events, clock, scheduleRetry, snapshotEvery, null);
    }
  }

  private static final Duration SCHEDULER_TIMEOUT = Duration.ofSeconds(5);

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final Dependencies deps;

  private PodEntity(
      String entityId,
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      Dependencies deps) {
    super(PersistenceId.of(TYPE_KEY.name(), entityId, "|"));
    this.context = context;
    this.timers = timers;
    this.deps = deps;
  }

  public static Behavior<Command> create(String entityId, Dependencies deps) {
    return Behaviors.setup(
        context -> Behaviors.withTimers(timers -> new PodEntity(entityId, context, timers, deps)));
  }

  public static void init(ClusterSharding sharding, Dependencies deps, String role) {
    sharding.init(
        Entity.of(TYPE_KEY, entityContext -> create(entityContext.getEntityId(), deps))
            .withRole(role));
  }

  public static String entityId(String namespace, String name) {
    return namespace + "/" + name;
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
  public CommandHandlerWithReply<Command, PodEvent, State> commandHandler() {
    CommandHandlerWithReplyBuilder<Command, PodEvent, State> builder =
        newCommandHandlerWithReplyBuilder();
    builder
        .forStateType(Absent.class)
        .onCommand(Create.class, this::onCreate)
        .onCommand(Get.class, (state, c) -> Effect().reply(c.replyTo(), notFound()))
        .onCommand(Delete.class, (state, c) -> Effect().reply(c.replyTo(), notFound()))
        .onCommand(Update.class, (state, c) -> Effect().reply(c.replyTo(), notFound()))
        .onCommand(UpdateStatus.class, (state, c) -> Effect().reply(c.replyTo(), notFound()))
        .onAnyCommand(c -> Effect().noReply());
    builder
        .forStateType(Present.class)
        .onCommand(
            Create.class,
            (state, c) -> Effect().reply(c.replyTo(), new Reply(Outcome.ALREADY_EXISTS, null)))
        .onCommand(Get.class, (state, c) -> Effect().reply(c.replyTo(), Reply.ok(state.pod())))
        .onCommand(Delete.class, this::onDelete)
        .onCommand(Update.class, this::onUpdate)
        .onCommand(UpdateStatus.class, this::onUpdateStatus)
        .onCommand(ReportObservation.class, this::onObservation)
        .onCommand(ConfirmTerminated.class, this::onConfirmTerminated)
        .onCommand(Reconcile.class, this::onReconcile)
        .onCommand(Placed.class, this::onPlaced);
    return builder.build();
  }

  private ReplyEffect<PodEvent, State> onCreate(Absent state, Create c) {
    Instant now = deps.clock().instant();
    Pod stamped = PodAdmission.stamp(c.pod(), UUID.randomUUID().toString(), now);
    return Effect()
        .persist(new PodCreated(stamped, now, c.cause()))
        .thenRun(this::publish)
        .thenRun(this::reconcile)
        .thenReply(c.replyTo(), s -> Reply.ok(((Present) s).pod()));
  }

  private ReplyEffect<PodEvent, State> onDelete(Present state, Delete c) {
    Pod pod = state.pod();
    if (pod.isTerminating()) {
      return Effect().reply(c.replyTo(), Reply.ok(pod));
    }
    Instant now = deps.clock().instant();
    long grace =
        c.gracePeriodSeconds() != null
            ? c.gracePeriodSeconds()
            : pod.spec().terminationGracePeriodSeconds();
    if (pod.spec().nodeName() == null) {
      // Nothing runs anywhere yet: like Kubernetes, an unbound pod goes at once.
      Pod deleted = pod.withMetadata(pod.metadata().withDeletion(now, 0));
      return Effect()
          .persist(
              List.of(
                  new PodDeletionRequested(0, now, c.cause()),
                  new PodDeleted(pod.uid(), now, c.cause())))
          .thenRun(s -> publishRemoved(deleted, s))
          .thenReply(c.replyTo(), s -> Reply.removed(withVersion(deleted, s)));
    }
    PodDeletionRequested requested = new PodDeletionRequested(grace, now, c.cause());
    return Effect()
        .persist(requested)
        .thenRun(this::publish)
        .thenRun(s -> note(requested, pod, s))
        .thenReply(c.replyTo(), s -> Reply.ok(((Present) s).pod()));
  }

  private ReplyEffect<PodEvent, State> onUpdate(Present state, Update c) {
    Pod current = state.pod();
    if (c.expectedResourceVersion() != null
        && !c.expectedResourceVersion().equals(current.metadata().resourceVersion())) {
      return Effect().reply(c.replyTo(), new Reply(Outcome.CONFLICT, current));
    }
    PodUpdates.Updated updated = PodUpdates.prepare(current, c.pod());
    if (!updated.isValid()) {
      return Effect().reply(c.replyTo(), new Reply(Outcome.INVALID, current, updated.errors()));
    }
    if (!PodUpdates.changes(current, updated.pod())) {
      // Nothing changed: nothing is written and the version stays.
      return Effect().reply(c.replyTo(), Reply.ok(current));
    }
    Pod pod = updated.pod();
    return Effect()
        .persist(new PodUpdated(pod.metadata(), pod.spec(), deps.clock().instant(), c.cause()))
        .thenRun(this::publish)
        .thenReply(c.replyTo(), s -> Reply.ok(((Present) s).pod()));
  }

  private ReplyEffect<PodEvent, State> onUpdateStatus(Present state, UpdateStatus c) {
    Pod current = state.pod();
    if (c.expectedResourceVersion() != null
        && !c.expectedResourceVersion().equals(current.metadata().resourceVersion())) {
      return Effect().reply(c.replyTo(), new Reply(Outcome.CONFLICT, current));
    }
    if (c.status().equals(current.status())) {
      return Effect().reply(c.replyTo(), Reply.ok(current));
    }
    PodStatusObserved written =
        new PodStatusObserved(c.status(), deps.clock().instant(), c.cause());
    return Effect()
        .persist(written)
        .thenRun(this::publish)
        .thenRun(s -> note(written, current, s))
        .thenReply(c.replyTo(), s -> Reply.ok(((Present) s).pod()));
  }

  private ReplyEffect<PodEvent, State> onObservation(Present state, ReportObservation c) {
    Pod pod = state.pod();
    if (!c.observation().podUid().equals(pod.uid())
        || !c.nodeName().equals(pod.spec().nodeName())) {
      return Effect().noReply();
    }
    Instant now = deps.clock().instant();
    PodStatus next = PodStatuses.observed(pod.status(), pod.spec(), c.observation(), now);
    List<PodEvent> events = new ArrayList<>();
    if (!c.notes().isEmpty()) {
      events.add(
          new PodNodeNoted(
              c.notes(),
              now,
              Cause.of("node/" + c.nodeName(), "containers", c.notes().get(0).message())));
    }
    boolean changed = !next.equals(pod.status());
    if (changed) {
      Cause cause =
          Cause.of("node/" + c.nodeName(), "observation", describeChange(pod.status(), next));
      events.add(new PodStatusObserved(next, now, cause));
    }
    if (events.isEmpty()) {
      return Effect().noReply();
    }
    return Effect()
        .persist(events)
        .thenRun(
            s -> {
              if (changed) {
                publish(s);
              }
              for (PodEvent event : events) {
                note(event, pod, s);
              }
            })
        .thenNoReply();
  }

  private ReplyEffect<PodEvent, State> onConfirmTerminated(Present state, ConfirmTerminated c) {
    Pod pod = state.pod();
    if (!pod.isTerminating() || !c.uid().equals(pod.uid())) {
      return Effect().noReply();
    }
    Cause cause =
        Cause.of("node/" + c.nodeName(), "termination", "all containers stopped and removed");
    return Effect()
        .persist(new PodDeleted(pod.uid(), deps.clock().instant(), cause))
        .thenRun(s -> publishRemoved(pod, s))
        .thenNoReply();
  }

  private ReplyEffect<PodEvent, State> onReconcile(Present state, Reconcile c) {
    reconcile(state);
    return Effect().noReply();
  }

  private ReplyEffect<PodEvent, State> onPlaced(Present state, Placed c) {
    Pod pod = state.pod();
    if (!pod.uid().equals(c.uid()) || pod.spec().nodeName() != null || pod.isTerminating()) {
      return Effect().noReply();
    }
    Instant now = deps.clock().instant();
    if (c.nodeName() != null) {
      Cause cause = Cause.of("scheduler", "placement", c.reason());
      PodScheduled scheduled = new PodScheduled(c.nodeName(), now, cause);
      return Effect()
          .persist(scheduled)
          .thenRun(this::publish)
          .thenRun(s -> note(scheduled, pod, s))
          .thenNoReply();
    }
    timers.startSingleTimer(Reconcile.SCHEDULE, deps.scheduleRetry());
    PodStatus unschedulable = unschedulable(pod.status(), c.reason(), now);
    if (unschedulable.equals(pod.status())) {
      return Effect().noReply();
    }
    Cause cause = Cause.of("scheduler", "placement", c.reason());
    PodStatusObserved observed = new PodStatusObserved(unschedulable, now, cause);
    return Effect()
        .persist(observed)
        .thenRun(this::publish)
        .thenRun(s -> note(observed, pod, s))
        .thenNoReply();
  }

  // --- Event handler -----------------------------------------------------------------------------

  @Override
  public EventHandler<State, PodEvent> eventHandler() {
    return (state, event) -> {
      long rv = ResourceVersions.next(state.resourceVersion(), event.at());
      String rvText = Long.toString(rv);
      if (event instanceof PodCreated e) {
        Pod pod = e.pod();
        return new Present(pod.withMetadata(pod.metadata().withResourceVersion(rvText)), rv);
      }
      if (event instanceof PodDeleted) {
        return new Absent(rv);
      }
      if (event instanceof PodNodeNoted) {
        // the pod object does not change, nor does its version
        return state;
      }
      Pod pod = ((Present) state).pod();
      Pod next;
      if (event instanceof PodScheduled e) {
        next =
            pod.withSpec(pod.spec().withNodeName(e.nodeName()))
                .withStatus(PodStatuses.scheduled(pod.status(), e.at()));
      } else if (event instanceof PodUpdated e) {
        next = pod.withMetadata(e.metadata()).withSpec(e.spec());
      } else if (event instanceof PodStatusObserved e) {
        next = pod.withStatus(e.status());
      } else if (event instanceof PodDeletionRequested e) {
        next = pod.withMetadata(pod.metadata().withDeletion(e.at(), e.gracePeriodSeconds()));
      } else {
        throw new IllegalStateException("unexpected event " + event);
      }
      return new Present(next.withMetadata(next.metadata().withResourceVersion(rvText)), rv);
    };
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), this::reconcile)
        .build();
  }

  // --- Reconciliation ----------------------------------------------------------------------------

  /** One step toward the desired state: an unbound pod asks for a node. */
  private void reconcile(State state) {
    if (state instanceof Present p
        && p.pod().spec().nodeName() == null
        && !p.pod().isTerminating()) {
      Pod pod = p.pod();
      context.ask(
          Placement.Decision.class,
          deps.scheduler(),
          SCHEDULER_TIMEOUT,
          replyTo -> new Scheduler.Schedule(pod, replyTo),
          (decision, failure) ->
              decision != null
                  ? new Placed(pod.uid(), decision.nodeName().orElse(null), decision.reason())
                  : new Placed(pod.uid(), null, "no scheduler answered: " + failure.getMessage()));
    }
  }

  private void publish(State state) {
    if (state instanceof Present p) {
      deps.changes().tell(Topic.publish(new PodIndex.Changed(p.pod(), false)));
      nudgeOwner(p.pod());
    }
  }

  /** Tells the pod's controller (its ReplicaSet), if it has one, that the pod changed. */
  private void nudgeOwner(Pod pod) {
    if (deps.owners() != null) {
      deps.owners().changed(pod.metadata());
    }
  }

  /**
   * Tells the event recorder what {@code event}, which turned {@code before} into the pod now,
   * means.
   */
  private void note(PodEvent event, Pod before, State state) {
    if (!(state instanceof Present p)) {
      return;
    }
    Pod after = p.pod();
    List<EventNote> notes = PodEventNotes.of(event, before, after);
    if (!notes.isEmpty()) {
      KubeEvents.Involved involved =
          new KubeEvents.Involved(
              Pod.KIND, Pod.API_VERSION, after.namespace(), after.name(), after.uid());
      deps.events().tell(new EventRecorder.Record(involved, notes, event.at()));
    }
  }

  private void publishRemoved(Pod pod, State state) {
    deps.changes().tell(Topic.publish(new PodIndex.Changed(withVersion(pod, state), true)));
    nudgeOwner(pod);
  }

  /** The last form of a deleted pod, carrying the version of its deletion. */
  private static Pod withVersion(Pod pod, State state) {
    return pod.withMetadata(
        pod.metadata().withResourceVersion(Long.toString(state.resourceVersion())));
  }

  private static Reply notFound() {
    return new Reply(Outcome.NOT_FOUND, null);
  }

  private static PodStatus unschedulable(PodStatus status, String reason, Instant at) {
    List<PodCondition> conditions = new ArrayList<>();
    PodCondition previous = null;
    for (PodCondition c : status.conditionsOrEmpty()) {
      if (c.type().equals(PodCondition.POD_SCHEDULED)) {
        previous = c;
      } else {
        conditions.add(c);
      }
    }
    boolean same =
        previous != null
            && previous.status().equals("False")
            && Objects.equals(previous.message(), reason);
    conditions.add(
        same
            ? previous
            : new PodCondition(
                PodCondition.POD_SCHEDULED,
                "False",
                null,
                at.truncatedTo(ChronoUnit.SECONDS),
                "Unschedulable",
                reason));
    return status.withConditions(List.copyOf(conditions));
  }

  private static String describeChange(PodStatus before, PodStatus after) {
    if (!Objects.equals(before.phase(), after.phase())) {
      return "phase " + before.phase() + " -> " + after.phase();
    }
    return "container status changed";
  }
}
