package dev.troupe.core.model;

/** How long a client stays on one pod under {@code ClientIP} session affinity. */
public record ClientIPConfig(Integer timeoutSeconds) {}
