package dev.troupe.core.pod;

import dev.troupe.core.JsonSerializable;
import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.HostPort;
import java.time.Instant;
import java.util.List;

/**
 * What a node saw of a pod's containers at one moment. The pod's phase and conditions are computed
 * from it by {@link PodStatuses}, never reported by the node.
 */
public record PodObservation(
    String podUid,
    String hostIP,
    String podIP,
    Instant startTime,
    List<ContainerStatus> initContainerStatuses,
    List<ContainerStatus> containerStatuses,
    List<HostPort> hostPorts)
    implements JsonSerializable {

  /** An observation of a pod without init containers. */
  public PodObservation(
      String podUid,
      String hostIP,
      String podIP,
      Instant startTime,
      List<ContainerStatus> containerStatuses,
      List<HostPort> hostPorts) {
    this(podUid, hostIP, podIP, startTime, null, containerStatuses, hostPorts);
  }

  public List<ContainerStatus> initContainerStatusesOrEmpty() {
    return initContainerStatuses == null ? List.of() : initContainerStatuses;
  }
}
