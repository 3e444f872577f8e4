package dev.troupe.core.model;

/** The observed state of one container of a pod. */
public record ContainerStatus(
    String name,
    ContainerState state,
    ContainerState lastState,
    boolean ready,
    int restartCount,
    String image,
    String imageID,
    String containerID,
    Boolean started) {}
