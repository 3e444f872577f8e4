package dev.troupe.core.model;

import com.fasterxml.jackson.databind.JsonNode;
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
    String nominatedNodeName,
    String hostIP,
    List<HostIP> hostIPs,
    String podIP,
    List<PodIP> podIPs,
    Instant startTime,
    List<ContainerStatus> initContainerStatuses,
    List<ContainerStatus> containerStatuses,
    String qosClass,
    List<ContainerStatus> ephemeralContainerStatuses,
    String resize,
    List<JsonNode> resourceClaimStatuses,
    List<HostPort> hostPorts) {

  public static final String PENDING = "Pending";
  public static final String RUNNING = "Running";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";
  public static final String UNKNOWN = "Unknown";

  /** A status with only the fields Troupe observes. */
  public PodStatus(
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
    this(
        phase,
        conditions,
        message,
        reason,
        null,
        hostIP,
        null,
        podIP,
        null,
        startTime,
        null,
        containerStatuses,
        qosClass,
        null,
        null,
        null,
        hostPorts);
  }

  public static PodStatus pending(String qosClass) {
    return new PodStatus(PENDING, null, null, null, null, null, null, null, qosClass, null);
  }

  public PodStatus withConditions(List<PodCondition> newConditions) {
    return new PodStatus(
        phase,
        newConditions,
        message,
        reason,
        nominatedNodeName,
        hostIP,
        hostIPs,
        podIP,
        podIPs,
        startTime,
        initContainerStatuses,
        containerStatuses,
        qosClass,
        ephemeralContainerStatuses,
        resize,
        resourceClaimStatuses,
        hostPorts);
  }

  public PodStatus withInitContainerStatuses(List<ContainerStatus> newInitContainerStatuses) {
    return new PodStatus(
        phase,
        conditions,
        message,
        reason,
        nominatedNodeName,
        hostIP,
        hostIPs,
        podIP,
        podIPs,
        startTime,
        newInitContainerStatuses,
        containerStatuses,
        qosClass,
        ephemeralContainerStatuses,
        resize,
        resourceClaimStatuses,
        hostPorts);
  }

  public List<ContainerStatus> initContainerStatusesOrEmpty() {
    return initContainerStatuses == null ? List.of() : initContainerStatuses;
  }

  public List<ContainerStatus> containerStatusesOrEmpty() {
    return containerStatuses == null ? List.of() : containerStatuses;
  }

  public List<PodCondition> conditionsOrEmpty() {
    return conditions == null ? List.of() : conditions;
  }
}
