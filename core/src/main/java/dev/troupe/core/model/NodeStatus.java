package dev.troupe.core.model;

import java.util.List;
import java.util.Map;

/**
 * What is observed of a node: every field of core/v1 NodeStatus, in its order. Resource amounts
 * stay as written ({@code 8Gi}, {@code 3800m}); {@link Quantity} parses them.
 */
public record NodeStatus(
    Map<String, String> capacity,
    Map<String, String> allocatable,
    String phase,
    List<NodeCondition> conditions,
    List<NodeAddress> addresses,
    NodeDaemonEndpoints daemonEndpoints,
    NodeSystemInfo nodeInfo,
    List<ContainerImage> images,
    List<String> volumesInUse,
    List<AttachedVolume> volumesAttached,
    NodeConfigStatus config,
    List<NodeRuntimeHandler> runtimeHandlers,
    NodeFeatures features) {}
