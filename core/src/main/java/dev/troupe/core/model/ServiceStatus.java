package dev.troupe.core.model;

import java.util.List;

/** What is observed of a Service: its load balancer, and conditions. */
public record ServiceStatus(LoadBalancerStatus loadBalancer, List<Condition> conditions) {}
