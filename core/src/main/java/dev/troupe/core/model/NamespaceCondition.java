package dev.troupe.core.model;

import java.time.Instant;

/** One of a namespace's conditions, such as {@code NamespaceContentRemaining}. */
public record NamespaceCondition(
    String type, String status, Instant lastTransitionTime, String reason, String message) {}
