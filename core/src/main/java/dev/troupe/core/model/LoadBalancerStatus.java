package dev.troupe.core.model;

import java.util.List;

/** Where a Service's load balancer receives traffic. */
public record LoadBalancerStatus(List<LoadBalancerIngress> ingress) {}
