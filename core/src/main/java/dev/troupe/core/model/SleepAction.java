package dev.troupe.core.model;

/** Waits {@code seconds} before the container is stopped (a pre-stop hook). */
public record SleepAction(Long seconds) {}
