package dev.troupe.core.model;

import java.time.Instant;

/** One of a pod's conditions: PodScheduled, Initialized, ContainersReady, Ready. */
public record PodCondition(
    String type,
    String status,
    Instant lastProbeTime,
    Instant lastTransitionTime,
    String reason,
    String message) {

  public static final String POD_SCHEDULED = "PodScheduled";
  public static final String INITIALIZED = "Initialized";
  public static final String CONTAINERS_READY = "ContainersReady";
  public static final String READY = "Ready";
}
