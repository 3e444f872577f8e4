package dev.troupe.core.model;

import java.time.Instant;

/** One of a ReplicaSet's conditions, such as {@code ReplicaFailure}. */
public record ReplicaSetCondition(
    String type, String status, Instant lastTransitionTime, String reason, String message) {}
