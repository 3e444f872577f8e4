package dev.troupe.core.model.discovery;

/**
 * What an endpoint can do: {@code ready} to take new traffic, {@code serving} whatever it is
 * terminating, {@code terminating} once its pod is being deleted.
 */
public record EndpointConditions(Boolean ready, Boolean serving, Boolean terminating) {}
