package dev.troupe.core.model;

import java.time.Instant;

/** One of a node's conditions: Ready, MemoryPressure, DiskPressure, PIDPressure ... */
public record NodeCondition(
    String type,
    String status,
    Instant lastHeartbeatTime,
    Instant lastTransitionTime,
    String reason,
    String message) {}
