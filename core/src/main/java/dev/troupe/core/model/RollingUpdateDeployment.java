package dev.troupe.core.model;

/** How far a rolling update may go below and above the wanted replicas, by count or percent. */
public record RollingUpdateDeployment(IntOrString maxUnavailable, IntOrString maxSurge) {}
