package dev.troupe.core.model;

/** Hooks run right after a container starts and right before it is stopped. */
public record Lifecycle(LifecycleHandler postStart, LifecycleHandler preStop) {}
