package dev.troupe.core.model;

import java.time.Instant;
import java.util.List;

/**
 * What is observed of a pod. {@code hostPorts} is Troupe's addition: where each container port is
 * published on the node, so a client knows where to connect.
 */
public record PodStatus(
    String phase,
    List<PodCondition> conditions,
    String message,
    String reason,
    String hostIP,
    String podIP,
    Instant startTime,
    List<ContainerStatus> containerStatuses,
    String qosClass,
    List<HostPort> hostPorts) {

  public static final String PENDING = "Pending";
  public static final String RUNNING = "Running";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";
  public static final String UNKNOWN = "Unknown";

  public static PodStatus pending(String qosClass) {
    return new PodStatus(PENDING, null, null, null, null, null, null, null, qosClass, null);
  }

  public PodStatus withConditions(List<PodCondition> newConditions) {
    return new PodStatus(
        phase,
        newConditions,
        message,
        reason,
        hostIP,
        podIP,
        startTime,
        containerStatuses,
        qosClass,
        hostPorts);
  }

  public List<ContainerStatus> containerStatusesOrEmpty() {
    return containerStatuses == null ? List.of() : containerStatuses;
  }

  public List<PodCondition> conditionsOrEmpty() {
    return conditions == null ? List.of() : conditions;
  }
}
