package dev.troupe.core.pod;

import dev.troupe.core.model.ContainerState;
import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.PodCondition;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.model.PodStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Computes a pod's status (phase, conditions) from what its node observed. Pure. */
public final class PodStatuses {

  private PodStatuses() {}

  /** The status of a pod that has just been created and waits for a node. */
  public static PodStatus initial(PodSpec spec) {
    return PodStatus.pending(QosClasses.compute(spec));
  }

  /** The status once the pod is bound to {@code nodeName}. */
  public static PodStatus scheduled(PodStatus previous, Instant at) {
    List<PodCondition> conditions =
        setCondition(previous.conditionsOrEmpty(), PodCondition.POD_SCHEDULED, true, null, at);
    return previous.withConditions(conditions);
  }

  /** The status that follows from an observation of the pod's containers. */
  public static PodStatus observed(
      PodStatus previous, PodSpec spec, PodObservation observation, Instant at) {
    List<ContainerStatus> containers = observation.containerStatuses();
    List<ContainerStatus> inits = observation.initContainerStatusesOrEmpty();
    String phase = computePhase(spec, inits, containers);
    List<String> incomplete = incompleteInits(spec, inits);
    boolean allReady =
        !containers.isEmpty()
            && containers.size() == spec.containersOrEmpty().size()
            && containers.stream().allMatch(ContainerStatus::ready);
    String notReadyReason = allReady ? null : "ContainersNotReady";
    List<PodCondition> conditions = previous.conditionsOrEmpty();
    conditions = setCondition(conditions, PodCondition.POD_SCHEDULED, true, null, at);
    conditions =
        incomplete.isEmpty()
            ? setCondition(conditions, PodCondition.INITIALIZED, true, null, at)
            : setCondition(
                conditions,
                PodCondition.INITIALIZED,
                false,
                "ContainersNotInitialized",
                "containers with incomplete status: [" + String.join(" ", incomplete) + "]",
                at);
    conditions =
        setCondition(conditions, PodCondition.CONTAINERS_READY, allReady, notReadyReason, at);
    conditions = setCondition(conditions, PodCondition.READY, allReady, notReadyReason, at);
    PodStatus status =
        new PodStatus(
            phase,
            conditions,
            null,
            null,
            observation.hostIP(),
            observation.podIP(),
            previous.startTime() != null ? previous.startTime() : observation.startTime(),
            containers,
            previous.qosClass() != null ? previous.qosClass() : QosClasses.compute(spec),
            observation.hostPorts());
    return inits.isEmpty() ? status : status.withInitContainerStatuses(inits);
  }

  /** The init containers that have not yet completed successfully, by name. */
  static List<String> incompleteInits(PodSpec spec, List<ContainerStatus> inits) {
    List<String> incomplete = new ArrayList<>();
    for (var init : spec.initContainersOrEmpty()) {
      ContainerStatus status =
          inits.stream().filter(s -> s.name().equals(init.name())).findFirst().orElse(null);
      boolean done =
          status != null
              && status.state() != null
              && status.state().terminated() != null
              && status.state().terminated().exitCode() == 0;
      if (!done) {
        incomplete.add(init.name());
      }
    }
    return incomplete;
  }

  /** The phase of a pod with these init and app container statuses. */
  public static String computePhase(
      PodSpec spec, List<ContainerStatus> inits, List<ContainerStatus> containers) {
    int pending = 0;
    int failed = 0;
    for (var init : spec.initContainersOrEmpty()) {
      ContainerStatus status =
          inits.stream().filter(s -> s.name().equals(init.name())).findFirst().orElse(null);
      ContainerState state = status == null ? null : status.state();
      if (state == null || state.running() != null) {
        pending++;
      } else if (state.terminated() != null) {
        if (state.terminated().exitCode() != 0) {
          failed++;
        }
      } else if (status.lastState() != null
          && status.lastState().terminated() != null
          && status.lastState().terminated().exitCode() != 0) {
        failed++;
      } else {
        pending++;
      }
    }
    String policy = Objects.requireNonNullElse(spec.restartPolicy(), PodSpec.RESTART_ALWAYS);
    if (failed > 0 && PodSpec.RESTART_NEVER.equals(policy)) {
      return PodStatus.FAILED;
    }
    if (pending > 0 || failed > 0) {
      return PodStatus.PENDING;
    }
    return computePhase(spec, containers);
  }

  /**
   * Kubernetes' phase rules: Pending while any container waits to start for the first time, Running
   * while any runs (or will be restarted), Succeeded when all exited 0, Failed when all exited and
   * one failed under a policy that will not restart it.
   */
  public static String computePhase(PodSpec spec, List<ContainerStatus> containers) {
    int expected = spec.containersOrEmpty().size();
    int waiting = 0;
    int running = 0;
    int succeeded = 0;
    int failed = 0;
    for (ContainerStatus c : containers) {
      ContainerState state = c.state();
      if (state == null) {
        waiting++;
      } else if (state.running() != null) {
        running++;
      } else if (state.terminated() != null) {
        if (state.terminated().exitCode() == 0) {
          succeeded++;
        } else {
          failed++;
        }
      } else if (c.lastState() != null && c.lastState().terminated() != null) {
        // waiting to be restarted after a previous run: counts as stopped, not as not-yet-started
        if (c.lastState().terminated().exitCode() == 0) {
          succeeded++;
        } else {
          failed++;
        }
      } else {
        waiting++;
      }
    }
    if (containers.size() < expected || waiting > 0) {
      return PodStatus.PENDING;
    }
    if (running > 0) {
      return PodStatus.RUNNING;
    }
    String policy = Objects.requireNonNullElse(spec.restartPolicy(), PodSpec.RESTART_ALWAYS);
    if (policy.equals(PodSpec.RESTART_ALWAYS)) {
      return PodStatus.RUNNING;
    }
    if (failed == 0) {
      return PodStatus.SUCCEEDED;
    }
    return policy.equals(PodSpec.RESTART_NEVER) ? PodStatus.FAILED : PodStatus.RUNNING;
  }

  /** Whether no container of a pod in this phase will ever run again. */
  public static boolean isFinished(String phase) {
    return PodStatus.SUCCEEDED.equals(phase) || PodStatus.FAILED.equals(phase);
  }

  static List<PodCondition> setCondition(
      List<PodCondition> conditions, String type, boolean value, String reason, Instant time) {
    return setCondition(conditions, type, value, reason, null, time);
  }

  static List<PodCondition> setCondition(
      List<PodCondition> conditions,
      String type,
      boolean value,
      String reason,
      String message,
      Instant time) {
    // Kubernetes' timestamps have whole seconds.
    Instant at = time.truncatedTo(ChronoUnit.SECONDS);
    String status = value ? "True" : "False";
    List<PodCondition> result = new ArrayList<>();
    boolean found = false;
    for (PodCondition c : conditions) {
      if (c.type().equals(type)) {
        found = true;
        boolean same =
            c.status().equals(status)
                && Objects.equals(c.reason(), reason)
                && Objects.equals(c.message(), message);
        result.add(same ? c : new PodCondition(type, status, null, at, reason, message));
      } else {
        result.add(c);
      }
    }
    if (!found) {
      result.add(new PodCondition(type, status, null, at, reason, message));
    }
    return List.copyOf(result);
  }
}
