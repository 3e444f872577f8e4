package dev.troupe.node.agent;

import dev.troupe.actors.pod.PodEntity;
import dev.troupe.core.JsonSerializable;
import dev.troupe.core.model.Pod;
import dev.troupe.core.pod.NodeNote;
import dev.troupe.core.pod.PodObservation;
import dev.troupe.core.pod.ProbeState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Keeps one pod's containers as its spec says (the kubelet's pod worker): one runtime pass at a
 * time, re-run on every change of the pod and on a timer, each result reported to the pod entity
 * when it differs from the last report.
 */
final class PodWorker extends AbstractBehavior<PodWorker.Command> {

  /** What a pod worker is told. */
  sealed interface Command extends JsonSerializable {}

  /** The pod as last committed. */
  record Update(Pod pod) implements Command {}

  /** The pod no longer exists. */
  enum Gone implements Command {
    INSTANCE
  }

  /** Time for a pass. */
  enum Tick implements Command {
    INSTANCE
  }

  /** A pass finished. */
  record Passed(PodSync.Result result, String failure) implements Command {}

  /** Time to run the probes that are due. */
  enum ProbeTick implements Command {
    INSTANCE
  }

  /** A probe ran. */
  record Probed(PodProbes.Due probe, ProbeState.Result result) implements Command {}

  /** A container that failed its liveness or startup probe was stopped. */
  record Killed(String containerId, String failure) implements Command {}

  /** Re-send an unchanged observation this often, in case a report was lost. */
  private static final Duration REPORT_REFRESH = Duration.ofSeconds(30);

  private final PodSync sync;
  private final Prober prober;
  private final PodProbes probes = new PodProbes();
  private final List<NodeNote> notes = new ArrayList<>();
  private final Executor runtimeThreads;
  private final TimerScheduler<Command> timers;
  private final Duration interval;
  private final String nodeName;
  private final EntityRef<PodEntity.Command> entity;
  private final Clock clock;

  private Pod pod;
  private boolean gone;
  private boolean busy;
  private boolean passAgain;
  private PodObservation lastReported;
  private Instant lastReportAt = Instant.EPOCH;

  private PodWorker(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      Pod pod,
      PodSync sync,
      Prober prober,
      Executor runtimeThreads,
      Duration interval,
      String nodeName,
      ClusterSharding sharding,
      Clock clock) {
    super(context);
    this.timers = timers;
    this.pod = pod;
    this.sync = sync;
    this.prober = prober;
    this.runtimeThreads = runtimeThreads;
    this.interval = interval;
    this.nodeName = nodeName;
    this.clock = clock;
    this.entity =
        sharding.entityRefFor(PodEntity.TYPE_KEY, PodEntity.entityId(pod.namespace(), pod.name()));
    startPass();
  }

  static Behavior<Command> create(
      Pod pod,
      PodSync sync,
      Prober prober,
      Executor runtimeThreads,
      Duration interval,
      String nodeName,
      ClusterSharding sharding,
      Clock clock) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers ->
                    new PodWorker(
                        context,
                        timers,
                        pod,
                        sync,
                        prober,
                        runtimeThreads,
                        interval,
                        nodeName,
                        sharding,
                        clock)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Update.class, this::onUpdate)
        .onMessage(Gone.class, g -> onGone())
        .onMessage(Tick.class, t -> onTick())
        .onMessage(Passed.class, this::onPassed)
        .onMessage(ProbeTick.class, t -> onProbeTick())
        .onMessage(Probed.class, this::onProbed)
        .onMessage(Killed.class, this::onKilled)
        .build();
  }

  private Behavior<Command> onUpdate(Update u) {
    if (!u.pod().uid().equals(pod.uid())) {
      return this;
    }
    boolean changed =
        !u.pod().metadata().resourceVersion().equals(pod.metadata().resourceVersion());
    pod = u.pod();
    if (changed) {
      startPass();
    }
    return this;
  }

  private Behavior<Command> onGone() {
    gone = true;
    if (!busy) {
      // The pod is gone: whatever still runs of it must go too (normally nothing does).
      startPass();
    }
    return this;
  }

  private Behavior<Command> onTick() {
    startPass();
    return this;
  }

  private Behavior<Command> onPassed(Passed p) {
    busy = false;
    if (p.failure() != null) {
      getContext()
          .getLog()
          .warn(
              "pod {}/{} {}: pass failed: {}", pod.namespace(), pod.name(), pod.uid(), p.failure());
      timers.startSingleTimer(Tick.INSTANCE, interval);
      return this;
    }
    PodSync.Result result = p.result();
    if (gone && result.allGone()) {
      return Behaviors.stopped();
    }
    if (!gone) {
      notes.addAll(result.notes());
      report(result);
    }
    probes.track(pod, gone || pod.isTerminating() ? Map.of() : result.running());
    scheduleProbes();
    if (passAgain) {
      passAgain = false;
      startPass();
    } else {
      Duration next = result.nextPassWithin();
      timers.startSingleTimer(
          Tick.INSTANCE, next != null && next.compareTo(interval) < 0 ? next : interval);
    }
    return this;
  }

  private Behavior<Command> onProbeTick() {
    if (gone || pod.isTerminating()) {
      return this;
    }
    for (PodProbes.Due due : probes.due(clock.instant())) {
      getContext()
          .pipeToSelf(
              CompletableFuture.supplyAsync(
                  () -> prober.run(due.probe(), due.spec(), due.info()), runtimeThreads),
              (result, failure) ->
                  new Probed(
                      due,
                      result != null
                          ? result
                          : ProbeState.Result.failed("probe error: " + describe(failure))));
    }
    scheduleProbes();
    return this;
  }

  private Behavior<Command> onProbed(Probed p) {
    PodProbes.Recorded recorded = probes.record(p.probe(), p.result(), clock.instant());
    notes.addAll(recorded.notes());
    if (recorded.kill()) {
      Pod target = pod;
      String containerId = p.probe().containerId();
      getContext()
          .getLog()
          .info(
              "pod {}/{}: container {} failed its {} probe, restarting it",
              pod.namespace(),
              pod.name(),
              p.probe().container(),
              p.probe().kind().title().toLowerCase(java.util.Locale.ROOT));
      getContext()
          .pipeToSelf(
              CompletableFuture.runAsync(
                  () -> sync.kill(target, containerId, p.probe().probe()), runtimeThreads),
              (done, failure) ->
                  new Killed(containerId, failure == null ? null : describe(failure)));
    }
    if (recorded.statusChanged() || !recorded.notes().isEmpty()) {
      startPass();
    }
    scheduleProbes();
    return this;
  }

  private Behavior<Command> onKilled(Killed k) {
    if (k.failure() != null) {
      getContext()
          .getLog()
          .warn(
              "pod {}/{}: stopping {} failed: {}",
              pod.namespace(),
              pod.name(),
              k.containerId(),
              k.failure());
    }
    startPass();
    return this;
  }

  /** Sets the probe timer for the next probe due, if any. */
  private void scheduleProbes() {
    probes
        .nextDue()
        .ifPresentOrElse(
            at -> {
              Duration wait = Duration.between(clock.instant(), at);
              timers.startSingleTimer(ProbeTick.INSTANCE, wait.isNegative() ? Duration.ZERO : wait);
            },
            () -> timers.cancel(ProbeTick.INSTANCE));
  }

  private void report(PodSync.Result result) {
    Instant now = clock.instant();
    boolean changed = !Objects.equals(result.observation(), lastReported);
    if (changed
        || !notes.isEmpty()
        || Duration.between(lastReportAt, now).compareTo(REPORT_REFRESH) >= 0) {
      entity.tell(
          new PodEntity.ReportObservation(nodeName, result.observation(), List.copyOf(notes)));
      notes.clear();
      lastReported = result.observation();
      lastReportAt = now;
    }
    if (result.allGone()) {
      entity.tell(new PodEntity.ConfirmTerminated(nodeName, pod.uid()));
    }
  }

  private void startPass() {
    if (busy) {
      passAgain = true;
      return;
    }
    busy = true;
    timers.cancel(Tick.INSTANCE);
    Pod target = pod;
    boolean stop = gone || target.isTerminating();
    PodProbes.View view = probes.view();
    getContext()
        .pipeToSelf(
            CompletableFuture.supplyAsync(
                () -> stop ? sync.terminate(target) : sync.syncRunning(target, view),
                runtimeThreads),
            (result, failure) -> new Passed(result, failure == null ? null : describe(failure)));
  }

  private static String describe(Throwable failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
