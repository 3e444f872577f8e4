package dev.troupe.core.model;

import java.util.List;

/** What is observed of a ReplicaSet: its pods by state, and its conditions. */
public record ReplicaSetStatus(
    Integer replicas,
    Integer fullyLabeledReplicas,
    Integer readyReplicas,
    Integer availableReplicas,
    Long observedGeneration,
    List<ReplicaSetCondition> conditions) {}
