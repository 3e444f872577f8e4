package dev.troupe.core.model;

import java.util.List;

/** What is observed of a Deployment: its replicas by state, and its conditions. */
public record DeploymentStatus(
    Long observedGeneration,
    Integer replicas,
    Integer updatedReplicas,
    Integer readyReplicas,
    Integer availableReplicas,
    Integer unavailableReplicas,
    List<DeploymentCondition> conditions,
    Integer collisionCount) {}
