package dev.troupe.core.model;

import java.time.Instant;

/** One of a Deployment's conditions: Available, Progressing, ReplicaFailure. */
public record DeploymentCondition(
    String type,
    String status,
    Instant lastUpdateTime,
    Instant lastTransitionTime,
    String reason,
    String message) {}
