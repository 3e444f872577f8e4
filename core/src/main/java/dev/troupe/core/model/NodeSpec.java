package dev.troupe.core.model;

import java.util.List;

/**
 * How a node is to be used: its pod address ranges, whether it takes new pods, its taints. {@code
 * configSource} and {@code externalID} are deprecated in Kubernetes and kept only to read back.
 */
public record NodeSpec(
    String podCIDR,
    List<String> podCIDRs,
    String providerID,
    Boolean unschedulable,
    List<Taint> taints,
    NodeConfigSource configSource,
    String externalID) {}
