package dev.troupe.core.model;

import java.util.List;
import java.util.Map;

/** What a Service exposes and to which pods: every field of core/v1 ServiceSpec, in its order. */
public record ServiceSpec(
    List<ServicePort> ports,
    Map<String, String> selector,
    String clusterIP,
    List<String> clusterIPs,
    String type,
    List<String> externalIPs,
    String sessionAffinity,
    String loadBalancerIP,
    List<String> loadBalancerSourceRanges,
    String externalName,
    String externalTrafficPolicy,
    Integer healthCheckNodePort,
    Boolean publishNotReadyAddresses,
    SessionAffinityConfig sessionAffinityConfig,
    List<String> ipFamilies,
    String ipFamilyPolicy,
    Boolean allocateLoadBalancerNodePorts,
    String loadBalancerClass,
    String internalTrafficPolicy,
    String trafficDistribution) {}
