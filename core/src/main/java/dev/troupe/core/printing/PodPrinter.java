package dev.troupe.core.printing;

import dev.troupe.core.model.ContainerState;
import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodCondition;
import dev.troupe.core.model.PodStatus;
import java.time.Instant;
import java.util.List;

/**
 * Pods as the Kubernetes API server prints them ({@code printPod} in pkg/printers/internalversion):
 * READY, STATUS and RESTARTS are summaries of the container statuses that kubectl shows as they
 * are, init containers' included ({@code Init:0/2}, {@code Init:Error}, {@code
 * Init:CrashLoopBackOff}; restartable sidecar init containers are not supported).
 */
public final class PodPrinter implements TablePrinter<Pod> {

  /** Shown for an empty cell, as Kubernetes does. */
  public static final String NONE = "<none>";

  public static final List<TableColumnDefinition> COLUMN_DEFINITIONS =
      List.of(
          Columns.NAME,
          Columns.string(
              "Ready", "The aggregate readiness state of this pod for accepting traffic."),
          Columns.string("Status", "The aggregate status of the containers in this pod."),
          Columns.string(
              "Restarts",
              "The number of times the containers in this pod have been restarted and when the"
                  + " last container in this pod has restarted."),
          Columns.AGE,
          Columns.wide(
              "IP",
              "podIP address allocated to the pod. Routable at least within the cluster. Empty if"
                  + " not yet allocated."),
          Columns.wide(
              "Node",
              "NodeName indicates in which node this pod is scheduled. If empty, this pod is a"
                  + " candidate for scheduling by the scheduler defined in schedulerName."),
          Columns.wide(
              "Nominated Node",
              "nominatedNodeName is set only when this pod preempts other pods on the node, but it"
                  + " cannot be scheduled right away as preemption victims receive their graceful"
                  + " termination periods."),
          Columns.wide(
              "Readiness Gates",
              "If specified, all readiness gates will be evaluated for pod readiness."));

  /** The pod status reason the node lifecycle controller sets when a node stops answering. */
  static final String NODE_LOST = "NodeLost";

  private static final String SCHEDULING_GATED = "SchedulingGated";

  @Override
  public List<TableColumnDefinition> columnDefinitions() {
    return COLUMN_DEFINITIONS;
  }

  @Override
  public List<Object> cells(Pod pod, Instant now) {
    Summary summary = summarize(pod);
    PodStatus status = pod.status();
    String podIP = status == null ? null : status.podIP();
    String nodeName = pod.spec() == null ? null : pod.spec().nodeName();
    return List.of(
        pod.name() == null ? "" : pod.name(),
        summary.readyContainers() + "/" + summary.totalContainers(),
        summary.status(),
        restarts(summary, now),
        HumanDuration.since(pod.metadata().creationTimestamp(), now),
        orNone(podIP),
        orNone(nodeName),
        NONE, // nominatedNodeName: Troupe's scheduler does not preempt
        NONE); // readinessGates: not modelled
  }

  @Override
  public ObjectMeta metadata(Pod pod) {
    return pod.metadata();
  }

  @Override
  public Pod withTypeMeta(Pod pod) {
    return pod.withTypeMeta();
  }

  /** Finished pods carry a {@code Completed} row condition, as upstream marks them. */
  @Override
  public List<TableRowCondition> conditions(Pod pod) {
    String phase = pod.status() == null ? null : pod.status().phase();
    if (PodStatus.SUCCEEDED.equals(phase)) {
      return List.of(
          TableRowCondition.completed(PodStatus.SUCCEEDED, "The pod has completed successfully."));
    }
    if (PodStatus.FAILED.equals(phase)) {
      return List.of(TableRowCondition.completed(PodStatus.FAILED, "The pod failed."));
    }
    return List.of();
  }

  /**
   * The STATUS cell: the pod's reason or phase, overridden by container states, then by deletion.
   * Containers are read from last to first, so with two containers the first one's waiting or
   * terminated reason is what shows: [ContainerCreating, CrashLoopBackOff] prints
   * ContainerCreating.
   */
  public static String computeStatus(Pod pod) {
    return summarize(pod).status();
  }

  private static Summary summarize(Pod pod) {
    PodStatus status = pod.status();
    String phase = status == null || status.phase() == null ? "" : status.phase();
    String reason = status != null && nonEmpty(status.reason()) ? status.reason() : phase;
    List<ContainerStatus> containers =
        status == null ? List.of() : status.containerStatusesOrEmpty();
    List<PodCondition> conditions = status == null ? List.of() : status.conditionsOrEmpty();
    for (PodCondition condition : conditions) {
      if (PodCondition.POD_SCHEDULED.equals(condition.type())
          && SCHEDULING_GATED.equals(condition.reason())) {
        reason = SCHEDULING_GATED;
      }
    }

    int restarts = 0;
    int ready = 0;
    Instant lastRestart = null;
    boolean hasRunning = false;
    boolean initializing = false;
    List<ContainerStatus> inits =
        status == null ? List.of() : status.initContainerStatusesOrEmpty();
    int initCount = pod.spec() == null ? 0 : pod.spec().initContainersOrEmpty().size();
    for (int i = 0; i < inits.size(); i++) {
      ContainerStatus init = inits.get(i);
      restarts += init.restartCount();
      lastRestart = later(lastRestart, finishedAt(init.lastState()));
      ContainerState state = init.state();
      ContainerState.Terminated terminated = state == null ? null : state.terminated();
      ContainerState.Waiting waiting = state == null ? null : state.waiting();
      if (terminated != null && terminated.exitCode() == 0) {
        continue;
      }
      if (terminated != null) {
        reason =
            nonEmpty(terminated.reason())
                ? "Init:" + terminated.reason()
                : terminated.signal() != null && terminated.signal() != 0
                    ? "Init:Signal:" + terminated.signal()
                    : "Init:ExitCode:" + terminated.exitCode();
      } else if (waiting != null
          && nonEmpty(waiting.reason())
          && !"PodInitializing".equals(waiting.reason())) {
        reason = "Init:" + waiting.reason();
      } else {
        reason = "Init:" + i + "/" + initCount;
      }
      initializing = true;
      break;
    }
    for (int i = containers.size() - 1; i >= 0 && !initializing; i--) {
      ContainerStatus container = containers.get(i);
      restarts += container.restartCount();
      lastRestart = later(lastRestart, finishedAt(container.lastState()));
      ContainerState state = container.state();
      ContainerState.Waiting waiting = state == null ? null : state.waiting();
      ContainerState.Terminated terminated = state == null ? null : state.terminated();
      if (waiting != null && nonEmpty(waiting.reason())) {
        reason = waiting.reason();
      } else if (terminated != null && nonEmpty(terminated.reason())) {
        reason = terminated.reason();
      } else if (terminated != null) {
        reason =
            terminated.signal() != null && terminated.signal() != 0
                ? "Signal:" + terminated.signal()
                : "ExitCode:" + terminated.exitCode();
      } else if (container.ready() && state != null && state.running() != null) {
        hasRunning = true;
        ready++;
      }
    }
    // A pod whose first container completed while another still runs is not "Completed".
    if ("Completed".equals(reason) && hasRunning) {
      reason = hasReadyCondition(conditions) ? PodStatus.RUNNING : "NotReady";
    }

    if (pod.isTerminating()) {
      if (status != null && NODE_LOST.equals(status.reason())) {
        reason = PodStatus.UNKNOWN;
      } else if (!PodStatus.SUCCEEDED.equals(phase) && !PodStatus.FAILED.equals(phase)) {
        // Since Kubernetes 1.31 a finished pod keeps its status (Completed, Error) while deleted.
        reason = "Terminating";
      }
    }
    int total = pod.spec() == null ? 0 : pod.spec().containersOrEmpty().size();
    return new Summary(ready, total, reason, restarts, lastRestart);
  }

  /** "0", or "5 (30s ago)" with the age of the most recent restart when one is known. */
  private static String restarts(Summary summary, Instant now) {
    if (summary.restarts() != 0 && summary.lastRestart() != null) {
      return summary.restarts() + " (" + HumanDuration.since(summary.lastRestart(), now) + " ago)";
    }
    return Integer.toString(summary.restarts());
  }

  private static Instant finishedAt(ContainerState lastState) {
    return lastState == null || lastState.terminated() == null
        ? null
        : lastState.terminated().finishedAt();
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b != null && b.isAfter(a) ? b : a;
  }

  private static boolean hasReadyCondition(List<PodCondition> conditions) {
    for (PodCondition condition : conditions) {
      if (PodCondition.READY.equals(condition.type()) && "True".equals(condition.status())) {
        return true;
      }
    }
    return false;
  }

  private static boolean nonEmpty(String value) {
    return value != null && !value.isEmpty();
  }

  private static String orNone(String value) {
    return nonEmpty(value) ? value : NONE;
  }

  private record Summary(
      int readyContainers, int totalContainers, String status, int restarts, Instant lastRestart) {}
}
