package dev.troupe.core.scheduling;

/** What a scheduler knows of a node when it decides: an immutable snapshot. */
public record NodeView(String name, boolean ready, boolean unschedulable, int podCount) {}
