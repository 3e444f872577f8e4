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
    List<ContainerStatus> containerStatuses,
    List<HostPort> hostPorts)
    implements JsonSerializable {}
