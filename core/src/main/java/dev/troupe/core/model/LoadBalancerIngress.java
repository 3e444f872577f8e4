package dev.troupe.core.model;

import java.util.List;

/** One entry point of a load balancer: an IP address or a host name, and its ports. */
public record LoadBalancerIngress(
    String ip, String hostname, String ipMode, List<PortStatus> ports) {}
