package dev.troupe.core.model;

import java.time.Instant;

/** A meta/v1 Condition, the shape newer kinds report conditions in (a Service's status). */
public record Condition(
    String type,
    String status,
    Long observedGeneration,
    Instant lastTransitionTime,
    String reason,
    String message) {}
