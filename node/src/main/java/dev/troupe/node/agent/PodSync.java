package dev.troupe.node.agent;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerState;
import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.model.Probe;
import dev.troupe.core.model.Quantity;
import dev.troupe.core.pod.ContainerEnv;
import dev.troupe.core.pod.NodeNote;
import dev.troupe.core.pod.PodObservation;
import dev.troupe.core.pod.RestartBackoff;
import dev.troupe.node.runtime.ContainerInfo;
import dev.troupe.node.runtime.ContainerRuntime;
import dev.troupe.node.runtime.ContainerSpec;
import dev.troupe.node.runtime.RuntimeFailure;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One synchronous pass over one pod's containers: start what is missing, restart what exited when
 * the restart policy and back-off allow, or stop and remove everything of a terminating pod; then
 * report what is observed. Runs on a runtime thread, never on an actor thread.
 */
final class PodSync {

  private static final Logger log = LoggerFactory.getLogger(PodSync.class);

  /**
   * What one pass observed, how soon the next pass is due (null: the regular interval), and the
   * containers it found running, by name (for their probes).
   */
  record Result(
      PodObservation observation,
      Duration nextPassWithin,
      boolean allGone,
      Map<String, ContainerInfo> running,
      List<NodeNote> notes) {}

  /** The node's capacity, for a resourceFieldRef of a limit the container does not set. */
  private static final int NODE_CPUS = Runtime.getRuntime().availableProcessors();

  private static final long NODE_MEMORY = physicalMemory();

  private static long physicalMemory() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return Runtime.getRuntime().maxMemory();
  }

  private final ContainerRuntime runtime;
  private final String nodeName;
  private final RestartBackoff backoff;
  private final Clock clock;
  private final String runtimeScheme;

  private final ImagePulls pulls;
  private final LifecycleHooks hooks;
  private final PodSandboxes sandboxes;

  PodSync(
      ContainerRuntime runtime,
      String nodeName,
      RestartBackoff backoff,
      ImagePulls pulls,
      String sandboxImage,
      Clock clock) {
    this.pulls = pulls;
    this.hooks = new LifecycleHooks(runtime, clock);
    this.sandboxes = new PodSandboxes(runtime, nodeName, sandboxImage, clock);
    this.runtime = runtime;
    this.nodeName = nodeName;
    this.backoff = backoff;
    this.clock = clock;
    String version = runtime.version();
    this.runtimeScheme =
        version.contains("://") ? version.substring(0, version.indexOf("://")) : version;
  }

  /**
   * Brings the pod's containers toward its spec and observes them; {@code probes} say which running
   * containers have started and are ready.
   */
  Result syncRunning(Pod pod, PodProbes.View probes) {
    List<ContainerInfo> existing = runtime.listByLabel(ContainerLabels.POD_UID, pod.uid());
    List<ContainerStatus> statuses = new ArrayList<>();
    Map<String, ContainerInfo> running = new LinkedHashMap<>();
    List<NodeNote> notes = new ArrayList<>();
    Duration nextPass = null;
    PodSandboxes.Sandbox sandbox =
        sandboxes.sandbox(pod, existing, needsSandbox(pod, existing), notes);
    List<ContainerInfo.PublishedPort> ports =
        sandbox.running() == null ? List.of() : PodSandboxes.portsOf(sandbox.running());
    // init containers run one after the other, each to completion, before the others start
    List<ContainerStatus> initStatuses = new ArrayList<>();
    boolean initialized = true;
    for (Container init : pod.spec().initContainersOrEmpty()) {
      List<ContainerInfo> runs = runsOf(existing, init.name());
      ContainerInfo last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (sandbox.failure() != null || !initialized) {
        String reason = sandbox.failure() != null ? "ContainerCreating" : "PodInitializing";
        initStatuses.add(status(init, last, ContainerState.waiting(reason, null), last));
        continue;
      }
      ContainerStep step =
          syncContainer(pod, init, runs, PodProbes.View.NONE, notes, sandbox.running(), true);
      initStatuses.add(step.status());
      ContainerState.Terminated done =
          step.status().state() == null ? null : step.status().state().terminated();
      initialized = done != null && done.exitCode() == 0;
      if (step.retryIn() != null && (nextPass == null || step.retryIn().compareTo(nextPass) < 0)) {
        nextPass = step.retryIn();
      }
    }
    for (Container container : pod.spec().containersOrEmpty()) {
      List<ContainerInfo> runs = runsOf(existing, container.name());
      if (sandbox.failure() != null || !initialized) {
        ContainerInfo last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        if (last != null && last.isRunning() && !sandboxOf(last, sandbox.running())) {
          // its sandbox is gone and the init containers run again first: it waits, stopped
          Long grace = pod.spec().terminationGracePeriodSeconds();
          runtime.stop(last.id(), Duration.ofSeconds(grace == null ? 30 : grace));
          last = runtime.inspect(last.id()).orElse(last);
        }
        String reason = sandbox.failure() != null ? "ContainerCreating" : "PodInitializing";
        statuses.add(status(container, last, ContainerState.waiting(reason, null), last));
        continue;
      }
      ContainerStep step =
          syncContainer(pod, container, runs, probes, notes, sandbox.running(), false);
      statuses.add(step.status());
      step.current()
          .filter(ContainerInfo::isRunning)
          .ifPresent(c -> running.put(container.name(), c.withPorts(ports)));
      if (step.retryIn() != null && (nextPass == null || step.retryIn().compareTo(nextPass) < 0)) {
        nextPass = step.retryIn();
      }
    }
    Instant startTime =
        pod.status() != null && pod.status().startTime() != null
            ? pod.status().startTime()
            : clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    PodObservation observation =
        new PodObservation(
            pod.uid(),
            runtime.nodeAddress(),
            runtime.nodeAddress(),
            startTime,
            initStatuses.isEmpty() ? null : List.copyOf(initStatuses),
            List.copyOf(statuses),
            sandbox.running() == null ? List.of() : PodSandboxes.hostPorts(pod, ports));
    return new Result(observation, nextPass, false, Map.copyOf(running), List.copyOf(notes));
  }

  /**
   * Whether any container of the pod is to run: one never started, one running, or one that exited
   * and will be restarted or replaced.
   */
  private boolean needsSandbox(Pod pod, List<ContainerInfo> existing) {
    for (Container init : pod.spec().initContainersOrEmpty()) {
      List<ContainerInfo> runs = runsOf(existing, init.name());
      ContainerInfo last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (last == null || last.state() != ContainerInfo.State.EXITED) {
        return true;
      }
      if (exitCode(last) != 0) {
        // failed: it runs again, unless the pod never restarts anything and so has failed
        return shouldRestart(pod, last, true);
      }
    }
    for (Container container : pod.spec().containersOrEmpty()) {
      List<ContainerInfo> runs = runsOf(existing, container.name());
      ContainerInfo last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (last == null
          || last.state() != ContainerInfo.State.EXITED
          || shouldRestart(pod, last, false)
          || !container.image().equals(last.image())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Stops every container of a terminating pod within what is left of its grace period, then
   * removes them.
   */
  Result terminate(Pod pod) {
    // the containers first, their sandbox (and so their network) last
    List<ContainerInfo> existing =
        runtime.listByLabel(ContainerLabels.POD_UID, pod.uid()).stream()
            .sorted(Comparator.comparing(ContainerLabels::isSandbox))
            .toList();
    Instant deadline = graceDeadline(pod);
    List<NodeNote> notes = new ArrayList<>();
    for (ContainerInfo c : existing) {
      if (c.isRunning()) {
        Optional<Container> spec = specOf(pod, c);
        boolean hooked =
            spec.map(s -> s.lifecycle() != null && s.lifecycle().preStop() != null).orElse(false);
        if (hooked) {
          hooks.preStop(pod, spec.get(), c, deadline, notes);
        }
        Duration grace = Duration.between(clock.instant(), deadline);
        if (hooked && grace.compareTo(LifecycleHooks.MIN_GRACE_AFTER_HOOK) < 0) {
          // as the kubelet: a hook that used up the grace still leaves the container 2 s
          grace = LifecycleHooks.MIN_GRACE_AFTER_HOOK;
        }
        runtime.stop(c.id(), grace.isNegative() ? Duration.ZERO : grace);
      }
    }
    List<ContainerStatus> statuses = new ArrayList<>();
    for (Container container : pod.spec().containersOrEmpty()) {
      List<ContainerInfo> runs =
          runsOf(runtime.listByLabel(ContainerLabels.POD_UID, pod.uid()), container.name());
      Optional<ContainerInfo> last =
          runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
      int attempt = last.map(PodSync::attemptOf).orElse(0);
      ContainerState state =
          last.map(c -> ContainerState.terminated(terminated(c)))
              .orElse(ContainerState.waiting("ContainerCreating", null));
      statuses.add(
          new ContainerStatus(
              container.name(),
              state,
              null,
              false,
              attempt,
              container.image(),
              last.map(ContainerInfo::imageId).orElse(null),
              last.map(this::containerId).orElse(null),
              false));
    }
    for (ContainerInfo c : existing) {
      runtime.remove(c.id());
    }
    boolean allGone = runtime.listByLabel(ContainerLabels.POD_UID, pod.uid()).isEmpty();
    PodObservation observation =
        new PodObservation(
            pod.uid(),
            runtime.nodeAddress(),
            runtime.nodeAddress(),
            pod.status() == null ? null : pod.status().startTime(),
            List.copyOf(statuses),
            List.of());
    if (allGone) {
      pulls.forget(pod);
    }
    return new Result(
        observation, allGone ? null : Duration.ofSeconds(1), allGone, Map.of(), List.copyOf(notes));
  }

  private static Optional<Container> specOf(Pod pod, ContainerInfo c) {
    String name = c.labels().get(ContainerLabels.CONTAINER);
    return pod.spec().containersOrEmpty().stream().filter(x -> x.name().equals(name)).findFirst();
  }

  /** Stops and removes containers whose pod no longer exists. */
  void removeOrphan(ContainerInfo container, Duration grace) {
    log.info(
        "removing container {} of pod {} that no longer exists",
        container.name(),
        container.labels().get(ContainerLabels.POD_UID));
    if (container.isRunning()) {
      runtime.stop(container.id(), grace);
    }
    runtime.remove(container.id());
  }

  private record ContainerStep(
      ContainerStatus status, Optional<ContainerInfo> current, Duration retryIn) {}

  /**
   * Stops a container that failed its liveness or startup probe, within the probe's grace period or
   * else the pod's; the next pass restarts it as the restart policy says.
   */
  void kill(Pod pod, String containerId, Probe probe) {
    Long grace = probe.terminationGracePeriodSeconds();
    if (grace == null) {
      grace = pod.spec().terminationGracePeriodSeconds();
    }
    runtime.stop(containerId, Duration.ofSeconds(grace == null ? 30 : grace));
  }

  private ContainerStep syncContainer(
      Pod pod,
      Container container,
      List<ContainerInfo> runs,
      PodProbes.View probes,
      List<NodeNote> notes,
      ContainerInfo sandbox,
      boolean init) {
    ContainerInfo current = runs.isEmpty() ? null : runs.get(runs.size() - 1);
    try {
      if (current == null) {
        current = startAttempt(pod, container, 0, notes, sandbox);
      } else if ((current.image() != null && !current.image().equals(container.image()))
          || (sandbox != null
              && !joined(current, sandbox)
              && replacedWithSandbox(current, pod, init))) {
        // The pod's image was updated, or the sandbox whose network it shared is gone: like the
        // kubelet, replace the container (an init container runs again, as after a new sandbox).
        ContainerInfo outdated = current;
        if (outdated.isRunning()) {
          Long grace = pod.spec().terminationGracePeriodSeconds();
          runtime.stop(outdated.id(), Duration.ofSeconds(grace == null ? 30 : grace));
        }
        current = startAttempt(pod, container, attemptOf(outdated) + 1, notes, sandbox);
        for (ContainerInfo old : runs) {
          if (!old.id().equals(outdated.id())) {
            runtime.remove(old.id());
          }
        }
      } else if (current.state() == ContainerInfo.State.CREATED) {
        runtime.start(current.id());
        current = runtime.inspect(current.id()).orElse(current);
      } else if (current.state() == ContainerInfo.State.EXITED
          && shouldRestart(pod, current, init)) {
        int attempt = attemptOf(current);
        Duration ranFor = ranFor(current);
        Duration delay = backoff.forPod(pod.metadata()).computeDelay(attempt, ranFor);
        Instant restartAt = finishedAt(current).plus(delay);
        Instant now = clock.instant();
        if (now.isBefore(restartAt)) {
          Duration wait = Duration.between(now, restartAt);
          String message =
              "back-off %s restarting failed container=%s pod=%s_%s(%s)"
                  .formatted(
                      formatSeconds(delay),
                      container.name(),
                      pod.name(),
                      pod.namespace(),
                      pod.uid());
          return new ContainerStep(
              status(
                  container, current, ContainerState.waiting("CrashLoopBackOff", message), current),
              Optional.of(current),
              wait);
        }
        ContainerInfo previous = current;
        current = startAttempt(pod, container, attempt + 1, notes, sandbox);
        // Keep the previous run (for its exit code and logs); older runs go.
        for (ContainerInfo old : runs) {
          if (!old.id().equals(previous.id())) {
            runtime.remove(old.id());
          }
        }
      }
    } catch (RuntimeFailure failure) {
      log.debug(
          "pod {}/{} container {}: {}",
          pod.namespace(),
          pod.name(),
          container.name(),
          failure.getMessage());
      ContainerState waiting = ContainerState.waiting(failure.reason(), failure.getMessage());
      return new ContainerStep(
          status(container, current, waiting, current),
          Optional.empty(),
          pulls.retryIn(pod, container));
    }
    ContainerInfo now = current;
    // the run before this one (kept after a restart for its exit and logs) is the last state
    ContainerInfo before =
        runs.stream()
            .filter(r -> !r.id().equals(now.id()) && r.state() == ContainerInfo.State.EXITED)
            .filter(r -> attemptOf(r) < attemptOf(now))
            .reduce((a, b) -> b)
            .orElse(now);
    return new ContainerStep(
        observe(container, current, before, probes), Optional.of(current), null);
  }

  private ContainerInfo startAttempt(
      Pod pod, Container container, int attempt, List<NodeNote> notes, ContainerInfo sandbox) {
    pulls.ensure(pod, container, notes);
    ContainerInfo created = runtime.create(containerSpec(pod, container, attempt, sandbox));
    runtime.start(created.id());
    ContainerInfo started = runtime.inspect(created.id()).orElse(created);
    if (container.lifecycle() != null && container.lifecycle().postStart() != null) {
      hooks.postStart(pod, container, started, notes);
      started = runtime.inspect(created.id()).orElse(started);
    }
    return started;
  }

  /** Whether a run joined the network of {@code sandbox}, the pod's running one (null: none). */
  private static boolean sandboxOf(ContainerInfo run, ContainerInfo sandbox) {
    return sandbox == null || joined(run, sandbox);
  }

  /** Whether a run joined the network of this sandbox. */
  private static boolean joined(ContainerInfo run, ContainerInfo sandbox) {
    return Integer.toString(attemptOf(sandbox))
        .equals(run.labels().get(ContainerLabels.SANDBOX_ATTEMPT));
  }

  /**
   * Whether a run of a sandbox that is gone is replaced on the new one. A run that has exited for
   * good (the restart policy will not restart it) stays as it is, except that, as the kubelet does
   * with a new sandbox, init containers that completed run again unless the pod never restarts.
   */
  private static boolean replacedWithSandbox(ContainerInfo run, Pod pod, boolean init) {
    if (init && !PodSpec.RESTART_NEVER.equals(pod.spec().restartPolicy())) {
      return true;
    }
    return run.state() != ContainerInfo.State.EXITED || shouldRestart(pod, run, init);
  }

  private ContainerSpec containerSpec(
      Pod pod, Container container, int attempt, ContainerInfo sandbox) {
    ContainerEnv.Resolved resolved =
        ContainerEnv.resolve(
            pod,
            container,
            new ContainerEnv.NodeFacts(
                runtime.nodeAddress(), runtime.nodeAddress(), NODE_CPUS, NODE_MEMORY));
    if (resolved.isFailed()) {
      throw new RuntimeFailure("CreateContainerConfigError", resolved.error());
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ContainerLabels.NODE, nodeName);
    labels.put(ContainerLabels.POD_UID, pod.uid());
    labels.put(ContainerLabels.POD_NAME, pod.name());
    labels.put(ContainerLabels.POD_NAMESPACE, pod.namespace());
    labels.put(ContainerLabels.CONTAINER, container.name());
    labels.put(ContainerLabels.ATTEMPT, Integer.toString(attempt));
    labels.put(ContainerLabels.SANDBOX_ATTEMPT, Integer.toString(attemptOf(sandbox)));
    Map<String, String> limits =
        container.resources() == null || container.resources().limits() == null
            ? Map.of()
            : container.resources().limits();
    Long memory =
        Optional.ofNullable(limits.get("memory"))
            .flatMap(Quantity::parse)
            .map(Quantity::toBytes)
            .orElse(null);
    Long nanoCpus =
        Optional.ofNullable(limits.get("cpu"))
            .flatMap(Quantity::parse)
            .map(cores -> cores.multiply(BigDecimal.valueOf(1_000_000_000L)).longValue())
            .orElse(null);
    // the sandbox holds the pod's ports and host name; the container joins its network
    return new ContainerSpec(
        ContainerLabels.containerName(pod, container.name(), attempt),
        container.image(),
        resolved.command(),
        resolved.args(),
        container.workingDir(),
        resolved.env(),
        List.of(),
        null,
        labels,
        memory,
        nanoCpus,
        "container:" + sandbox.id());
  }

  private ContainerStatus observe(
      Container container, ContainerInfo current, ContainerInfo last, PodProbes.View probes) {
    ContainerState state =
        switch (current.state()) {
          case RUNNING -> ContainerState.running(seconds(current.startedAt()));
          case EXITED -> ContainerState.terminated(terminated(current));
          default -> ContainerState.waiting("ContainerCreating", null);
        };
    ContainerStatus status = status(container, current, state, last);
    if (state.running() == null) {
      return status;
    }
    return status.withReadiness(
        probes.ready(current.id(), container), probes.started(current.id(), container));
  }

  private ContainerStatus status(
      Container container, ContainerInfo current, ContainerState state, ContainerInfo last) {
    ContainerState lastState = null;
    if (state.terminated() == null && last != null && last.state() == ContainerInfo.State.EXITED) {
      lastState = ContainerState.terminated(terminated(last));
    }
    boolean running = state.running() != null;
    return new ContainerStatus(
        container.name(),
        state,
        lastState,
        running,
        current == null ? 0 : attemptOf(current),
        container.image(),
        current == null ? null : current.imageId(),
        current == null ? null : containerId(current),
        running);
  }

  private ContainerState.Terminated terminated(ContainerInfo c) {
    int exitCode = c.exitCode() == null ? 0 : c.exitCode();
    String reason = c.oomKilled() ? "OOMKilled" : exitCode == 0 ? "Completed" : "Error";
    Integer signal = exitCode > 128 ? exitCode - 128 : null;
    String message = c.error() == null || c.error().isEmpty() ? null : c.error();
    return new ContainerState.Terminated(
        exitCode,
        signal,
        reason,
        message,
        seconds(c.startedAt()),
        seconds(c.finishedAt()),
        containerId(c));
  }

  /** Kubernetes' form of a container id: {@code <runtime>://<id>}, e.g. {@code docker://3f2a…}. */
  private String containerId(ContainerInfo c) {
    return runtimeScheme + "://" + c.id();
  }

  /** Kubernetes' timestamps have whole seconds. */
  private static Instant seconds(Instant t) {
    return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  /**
   * Whether an exited run is restarted: per the pod's restart policy, except that an init container
   * that completed is done and one that failed restarts unless the policy is Never.
   */
  private static boolean shouldRestart(Pod pod, ContainerInfo exited, boolean init) {
    String policy = pod.spec().restartPolicy();
    int exitCode = exitCode(exited);
    if (init) {
      return exitCode != 0 && !PodSpec.RESTART_NEVER.equals(policy);
    }
    return PodSpec.RESTART_ALWAYS.equals(policy)
        || (PodSpec.RESTART_ON_FAILURE.equals(policy) && exitCode != 0);
  }

  private static int exitCode(ContainerInfo exited) {
    return exited.exitCode() == null ? 0 : exited.exitCode();
  }

  private static List<ContainerInfo> runsOf(List<ContainerInfo> all, String containerName) {
    return all.stream()
        .filter(c -> containerName.equals(c.labels().get(ContainerLabels.CONTAINER)))
        .sorted(Comparator.comparingInt(PodSync::attemptOf))
        .toList();
  }

  static int attemptOf(ContainerInfo c) {
    try {
      return Integer.parseInt(c.labels().getOrDefault(ContainerLabels.ATTEMPT, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private Instant finishedAt(ContainerInfo c) {
    return c.finishedAt() != null ? c.finishedAt() : clock.instant();
  }

  private Duration ranFor(ContainerInfo c) {
    if (c.startedAt() == null || c.finishedAt() == null) {
      return Duration.ZERO;
    }
    return Duration.between(c.startedAt(), c.finishedAt());
  }

  /** The kubelet's rule: the containers get the pod's grace period from when killing starts. */
  private Instant graceDeadline(Pod pod) {
    Long grace = pod.metadata().deletionGracePeriodSeconds();
    if (grace == null) {
      grace = pod.spec().terminationGracePeriodSeconds();
    }
    return clock.instant().plusSeconds(grace == null ? 30 : grace);
  }

  private static String formatSeconds(Duration d) {
    long s = d.toSeconds();
    return s >= 60 && s % 60 == 0
        ? (s / 60) + "m0s"
        : s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
  }
}
