package dev.troupe.node.agent;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerPort;
import dev.troupe.core.model.ContainerState;
import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.HostPort;
import dev.troupe.core.model.LifecycleHandler;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.model.Probe;
import dev.troupe.core.model.Quantity;
import dev.troupe.core.pod.ContainerEnv;
import dev.troupe.core.pod.NodeNote;
import dev.troupe.core.pod.PodObservation;
import dev.troupe.core.pod.ProbeState;
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
  private final Prober hooks;
  private final String sandboxImage;

  PodSync(
      ContainerRuntime runtime,
      String nodeName,
      RestartBackoff backoff,
      ImagePulls pulls,
      String sandboxImage,
      Clock clock) {
    this.pulls = pulls;
    this.sandboxImage = sandboxImage;
    this.hooks = new Prober(runtime);
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
    Sandbox sandbox = sandbox(pod, existing, notes);
    List<ContainerInfo.PublishedPort> ports =
        sandbox.running() == null ? List.of() : portsOf(sandbox.running());
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
            sandbox.running() == null ? List.of() : hostPorts(pod, ports));
    return new Result(observation, nextPass, false, Map.copyOf(running), List.copyOf(notes));
  }

  /** The pod's sandbox after a pass: running, or why it could not be made, or none needed. */
  private record Sandbox(ContainerInfo running, String failure) {}

  /**
   * The pod's sandbox (the kubelet's pause container), which holds the pod's network: every port of
   * the pod is published on it and the containers join it. Made when missing; when it stopped, a
   * new one is made and the containers of the old one are replaced. A pod none of whose containers
   * will run again needs none, and its sandbox is stopped.
   */
  private Sandbox sandbox(Pod pod, List<ContainerInfo> existing, List<NodeNote> notes) {
    List<ContainerInfo> sandboxes =
        existing.stream()
            .filter(ContainerLabels::isSandbox)
            .sorted(Comparator.comparingInt(PodSync::attemptOf))
            .toList();
    ContainerInfo current = sandboxes.isEmpty() ? null : sandboxes.get(sandboxes.size() - 1);
    if (!needsSandbox(pod, existing)) {
      for (ContainerInfo c : sandboxes) {
        if (c.isRunning()) {
          runtime.stop(c.id(), Duration.ZERO);
        }
      }
      return new Sandbox(null, null);
    }
    try {
      if (current != null && current.isRunning()) {
        return new Sandbox(current, null);
      }
      if (current != null && current.state() == ContainerInfo.State.CREATED) {
        runtime.start(current.id());
        return new Sandbox(runtime.inspect(current.id()).orElse(current), null);
      }
      int attempt = current == null ? 0 : attemptOf(current) + 1;
      for (ContainerInfo old : sandboxes) {
        runtime.remove(old.id());
      }
      runtime.ensureImage(sandboxImage, Container.PULL_IF_NOT_PRESENT);
      ContainerInfo made = runtime.create(sandboxSpec(pod, attempt));
      runtime.start(made.id());
      return new Sandbox(runtime.inspect(made.id()).orElse(made), null);
    } catch (RuntimeFailure failure) {
      notes.add(
          new NodeNote(
              "",
              "FailedCreatePodSandBox",
              true,
              "Failed to create pod sandbox: " + failure.getMessage(),
              clock.instant()));
      return new Sandbox(null, failure.getMessage());
    }
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

  private ContainerSpec sandboxSpec(Pod pod, int attempt) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ContainerLabels.NODE, nodeName);
    labels.put(ContainerLabels.POD_UID, pod.uid());
    labels.put(ContainerLabels.POD_NAME, pod.name());
    labels.put(ContainerLabels.POD_NAMESPACE, pod.namespace());
    labels.put(ContainerLabels.SANDBOX, "true");
    labels.put(ContainerLabels.ATTEMPT, Integer.toString(attempt));
    String hostname = pod.spec().hostname() != null ? pod.spec().hostname() : pod.name();
    return new ContainerSpec(
        ContainerLabels.sandboxName(pod, attempt),
        sandboxImage,
        null,
        null,
        null,
        Map.of(),
        podPorts(pod),
        hostname.length() > 63 ? hostname.substring(0, 63) : hostname,
        labels,
        null,
        null);
  }

  /**
   * Every port the pod publishes, on its sandbox: its containers' ports, and the ports its probes
   * reach (the node reaches containers only through published ports).
   */
  private List<ContainerSpec.PortSpec> podPorts(Pod pod) {
    List<ContainerSpec.PortSpec> ports = new ArrayList<>();
    for (Container container : pod.spec().containersOrEmpty()) {
      for (ContainerPort p : container.portsOrEmpty()) {
        ports.add(
            new ContainerSpec.PortSpec(
                p.containerPort(),
                p.protocol() == null ? "TCP" : p.protocol(),
                p.hostIP() == null || p.hostIP().isEmpty() ? runtime.nodeAddress() : p.hostIP(),
                p.hostPort()));
      }
    }
    for (Container container : pod.spec().containersOrEmpty()) {
      for (Integer probed : probedPorts(container)) {
        if (ports.stream().noneMatch(p -> p.containerPort() == probed)) {
          ports.add(new ContainerSpec.PortSpec(probed, "TCP", runtime.nodeAddress(), null));
        }
      }
    }
    return ports;
  }

  /** The ports of a container the node itself reaches: its probes' and its HTTP hooks'. */
  private static List<Integer> probedPorts(Container container) {
    List<Integer> ports = new ArrayList<>();
    for (Probe probe :
        new Probe[] {
          container.livenessProbe(), container.readinessProbe(), container.startupProbe()
        }) {
      Integer probed = probedPort(probe, container);
      if (probed != null) {
        ports.add(probed);
      }
    }
    if (container.lifecycle() != null) {
      for (LifecycleHandler hook :
          new LifecycleHandler[] {
            container.lifecycle().postStart(), container.lifecycle().preStop()
          }) {
        if (hook != null && hook.httpGet() != null) {
          Integer port = Prober.containerPort(hook.httpGet().port(), container);
          if (port != null) {
            ports.add(port);
          }
        }
      }
    }
    return ports;
  }

  private static List<ContainerInfo.PublishedPort> portsOf(ContainerInfo sandbox) {
    return sandbox.ports() == null ? List.of() : sandbox.ports();
  }

  /**
   * The pod's published ports, each under the container that declares it (a port only probed goes
   * under the container whose probe reaches it).
   */
  private static List<HostPort> hostPorts(Pod pod, List<ContainerInfo.PublishedPort> ports) {
    List<HostPort> hostPorts = new ArrayList<>();
    for (ContainerInfo.PublishedPort p : ports) {
      String owner = null;
      for (Container container : pod.spec().containersOrEmpty()) {
        boolean declares =
            container.portsOrEmpty().stream()
                .anyMatch(d -> d.containerPort() != null && d.containerPort() == p.containerPort());
        if (owner == null && declares) {
          owner = container.name();
        }
      }
      for (Container container : pod.spec().containersOrEmpty()) {
        if (owner == null && probedPorts(container).contains(p.containerPort())) {
          owner = container.name();
        }
      }
      if (owner != null) {
        hostPorts.add(
            new HostPort(owner, p.containerPort(), p.protocol(), p.hostIP(), p.hostPort()));
      }
    }
    return hostPorts;
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
          preStop(pod, spec.get(), c, deadline, notes);
        }
        Duration grace = Duration.between(clock.instant(), deadline);
        if (hooked && grace.compareTo(MIN_GRACE_AFTER_HOOK) < 0) {
          // as the kubelet: a hook that used up the grace still leaves the container 2 s
          grace = MIN_GRACE_AFTER_HOOK;
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

  /** The grace a container still gets after its pre-stop hook used up the pod's. */
  static final Duration MIN_GRACE_AFTER_HOOK = Duration.ofSeconds(2);

  private static Optional<Container> specOf(Pod pod, ContainerInfo c) {
    String name = c.labels().get(ContainerLabels.CONTAINER);
    return pod.spec().containersOrEmpty().stream().filter(x -> x.name().equals(name)).findFirst();
  }

  /**
   * Runs the container's pre-stop hook within what is left of the grace period: a command in the
   * container, an HTTP GET of one of its ports, or a sleep. A hook that fails is noted
   * (FailedPreStopHook) and the container is stopped all the same.
   */
  private void preStop(
      Pod pod, Container container, ContainerInfo c, Instant deadline, List<NodeNote> notes) {
    LifecycleHandler hook = container.lifecycle().preStop();
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.isNegative() || left.isZero()) {
      return;
    }
    String failure = runHook(hook, container, c, left);
    if (failure != null) {
      log.debug(
          "pod {}/{}: preStop of {} failed: {}",
          pod.namespace(),
          pod.name(),
          container.name(),
          failure);
      notes.add(
          new NodeNote(
              container.name(),
              "FailedPreStopHook",
              true,
              "PreStopHook failed: " + failure,
              clock.instant()));
    }
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
          || (sandbox != null && !outlived(current, pod, init) && !joined(current, sandbox))) {
        // The pod's image was updated, or the sandbox whose network it shared is gone: like the
        // kubelet, replace the container.
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
      postStart(pod, container, started, notes);
      started = runtime.inspect(created.id()).orElse(started);
    }
    return started;
  }

  /** How long a post-start hook may take: Kubernetes gives it no limit; Troupe gives it this. */
  static final Duration POST_START_LIMIT = Duration.ofMinutes(2);

  /**
   * Runs the container's post-start hook right after it started (exec, httpGet or sleep); a hook
   * that fails has the container killed, as the kubelet does, so the restart policy takes over, and
   * is noted (FailedPostStartHook).
   */
  private void postStart(
      Pod pod, Container container, ContainerInfo started, List<NodeNote> notes) {
    LifecycleHandler hook = container.lifecycle().postStart();
    String failure = runHook(hook, container, started, POST_START_LIMIT);
    if (failure != null) {
      notes.add(
          new NodeNote(
              container.name(),
              "FailedPostStartHook",
              true,
              "PostStartHook failed: " + failure,
              clock.instant()));
      Long grace = pod.spec().terminationGracePeriodSeconds();
      runtime.stop(started.id(), Duration.ofSeconds(grace == null ? 30 : grace));
    }
  }

  /** Runs a lifecycle hook within {@code limit}; why it failed, or null when it did not. */
  private String runHook(
      LifecycleHandler hook, Container container, ContainerInfo c, Duration limit) {
    if (hook.sleep() != null && hook.sleep().seconds() != null) {
      Duration nap = Duration.ofSeconds(hook.sleep().seconds());
      try {
        Thread.sleep(Math.min(nap.toMillis(), limit.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }
    if (hook.exec() != null || hook.httpGet() != null) {
      long seconds = Math.max(1, limit.toSeconds());
      Probe asProbe =
          new Probe(
              hook.exec(), hook.httpGet(), null, null, 0, (int) seconds, null, null, null, null);
      ProbeState.Result result = hooks.run(asProbe, container, c);
      return result.success() ? null : result.message();
    }
    return "the hook has no handler this node runs (exec, httpGet or sleep)";
  }

  /** Whether a run joined the network of this sandbox. */
  private static boolean joined(ContainerInfo run, ContainerInfo sandbox) {
    return Integer.toString(attemptOf(sandbox))
        .equals(run.labels().get(ContainerLabels.SANDBOX_ATTEMPT));
  }

  /**
   * Whether a run has exited for good (the restart policy will not restart it): such a run stays as
   * it is whatever became of its sandbox.
   */
  private static boolean outlived(ContainerInfo run, Pod pod, boolean init) {
    return run.state() == ContainerInfo.State.EXITED && !shouldRestart(pod, run, init);
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

  private static Integer probedPort(Probe probe, Container container) {
    if (probe == null) {
      return null;
    }
    if (probe.httpGet() != null) {
      return Prober.containerPort(probe.httpGet().port(), container);
    }
    if (probe.tcpSocket() != null) {
      return Prober.containerPort(probe.tcpSocket().port(), container);
    }
    return null;
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
