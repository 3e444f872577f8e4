package dev.troupe.node.agent;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.Probe;
import dev.troupe.core.pod.NodeNote;
import dev.troupe.core.pod.ProbeState;
import dev.troupe.core.pod.ProbeState.Kind;
import dev.troupe.core.pod.ProbeState.Result;
import dev.troupe.node.runtime.ContainerInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The probes of one pod's running containers, as the kubelet's probe workers keep them: a state per
 * probe of each container run (a restarted container starts afresh), the startup probe gating the
 * other two, and what a result means: a failing readiness probe makes the container not ready, a
 * failing liveness or startup probe has it killed and restarted. Owned by one pod worker; not
 * thread-safe.
 */
final class PodProbes {

  /** One probe to run now. */
  record Due(
      String container,
      String containerId,
      Kind kind,
      Probe probe,
      Container spec,
      ContainerInfo info) {}

  /** What a probe result changed. */
  record Recorded(boolean statusChanged, boolean kill, List<NodeNote> notes) {}

  private static final Recorded NOTHING = new Recorded(false, false, List.of());

  /** The probing of one container run. */
  private static final class Run {
    final Container spec;
    final ContainerInfo info;
    final Map<Kind, ProbeState> states = new EnumMap<>(Kind.class);
    final Set<Kind> inFlight = EnumSet.noneOf(Kind.class);
    boolean killed;

    Run(Container spec, ContainerInfo info) {
      this.spec = spec;
      this.info = info;
    }
  }

  private final Map<String, Run> runs = new HashMap<>();

  /**
   * Follows the containers a pass found running ({@code running}, by container name): a new run
   * starts its probes from its start time, a run that is gone is forgotten.
   */
  void track(Pod pod, Map<String, ContainerInfo> running) {
    runs.keySet().removeIf(name -> !running.containsKey(name));
    for (Container container : pod.spec().containersOrEmpty()) {
      ContainerInfo info = running.get(container.name());
      if (info == null) {
        continue;
      }
      Run run = runs.get(container.name());
      if (run != null && run.info.id().equals(info.id())) {
        continue;
      }
      Run fresh = new Run(container, info);
      Instant started = info.startedAt() == null ? Instant.EPOCH : info.startedAt();
      for (Kind kind : Kind.values()) {
        Probe probe = probe(container, kind);
        if (probe != null) {
          fresh.states.put(kind, ProbeState.initial(kind, probe, started));
        }
      }
      runs.put(container.name(), fresh);
    }
  }

  /** The probes due at {@code now}, each marked as running until its result is recorded. */
  List<Due> due(Instant now) {
    List<Due> due = new ArrayList<>();
    runs.forEach(
        (name, run) -> {
          if (run.killed) {
            return;
          }
          for (Map.Entry<Kind, ProbeState> entry : run.states.entrySet()) {
            Kind kind = entry.getKey();
            if (run.inFlight.contains(kind) || !entry.getValue().isDue(now) || !probes(run, kind)) {
              continue;
            }
            run.inFlight.add(kind);
            due.add(new Due(name, run.info.id(), kind, probe(run.spec, kind), run.spec, run.info));
          }
        });
    return due;
  }

  /** When the next probe is due, if any is. */
  Optional<Instant> nextDue() {
    Instant next = null;
    for (Run run : runs.values()) {
      if (run.killed) {
        continue;
      }
      for (Map.Entry<Kind, ProbeState> entry : run.states.entrySet()) {
        if (run.inFlight.contains(entry.getKey()) || !probes(run, entry.getKey())) {
          continue;
        }
        Instant at = entry.getValue().nextAt();
        if (next == null || at.isBefore(next)) {
          next = at;
        }
      }
    }
    return Optional.ofNullable(next);
  }

  /** Records a probe's result; says whether the status changed and whether to kill. */
  Recorded record(Due probe, Result result, Instant now) {
    Run run = runs.get(probe.container());
    if (run == null || !run.info.id().equals(probe.containerId())) {
      return NOTHING;
    }
    run.inFlight.remove(probe.kind());
    ProbeState before = run.states.get(probe.kind());
    boolean startedBefore = started(run);
    boolean readyBefore = ready(run);
    ProbeState after = before.after(result, probe.probe(), now);
    run.states.put(probe.kind(), after);
    List<NodeNote> notes = new ArrayList<>();
    if (!result.success()) {
      notes.add(NodeNote.probeFailed(probe.container(), probe.kind(), result.message(), now));
    }
    boolean kill = probe.kind() != Kind.READINESS && after.justFailed(before);
    if (probe.kind() == Kind.STARTUP && !result.success()) {
      // a startup probe never passed, so it cannot flip: its failures in a row count
      int threshold =
          Math.max(1, java.util.Objects.requireNonNullElse(probe.probe().failureThreshold(), 3));
      kill = after.failures() >= threshold;
    }
    if (kill) {
      run.killed = true;
      notes.add(NodeNote.killedForProbe(probe.container(), probe.kind(), now));
    }
    boolean changed = startedBefore != started(run) || readyBefore != ready(run);
    return new Recorded(changed, kill, List.copyOf(notes));
  }

  /** What the probes say now, for a pass on another thread: by container id. */
  View view() {
    Map<String, Boolean> started = new HashMap<>();
    Map<String, Boolean> ready = new HashMap<>();
    runs.values()
        .forEach(
            run -> {
              started.put(run.info.id(), started(run));
              ready.put(run.info.id(), ready(run));
            });
    return new View(Map.copyOf(started), Map.copyOf(ready));
  }

  /**
   * Which container runs have started and are ready, by container id. A run not probed yet (just
   * started) has started when it has no startup probe and is ready when it has no readiness or
   * startup probe either.
   */
  record View(Map<String, Boolean> started, Map<String, Boolean> ready) {

    static final View NONE = new View(Map.of(), Map.of());

    boolean started(String containerId, Container spec) {
      return started.getOrDefault(containerId, spec.startupProbe() == null);
    }

    boolean ready(String containerId, Container spec) {
      return started(containerId, spec)
          && ready.getOrDefault(
              containerId, spec.readinessProbe() == null && spec.startupProbe() == null);
    }
  }

  private static boolean started(Run run) {
    ProbeState startup = run.states.get(Kind.STARTUP);
    return startup == null || startup.passing();
  }

  private static boolean ready(Run run) {
    if (run.killed || !started(run)) {
      return false;
    }
    ProbeState readiness = run.states.get(Kind.READINESS);
    return readiness == null || readiness.passing();
  }

  /** Whether {@code kind} runs now: the startup probe until it passes, the others after. */
  private static boolean probes(Run run, Kind kind) {
    return kind == Kind.STARTUP ? !started(run) : started(run);
  }

  static Probe probe(Container container, Kind kind) {
    return switch (kind) {
      case LIVENESS -> container.livenessProbe();
      case READINESS -> container.readinessProbe();
      case STARTUP -> container.startupProbe();
    };
  }
}
