package dev.troupe.core.model;

/** A field of the pod, such as {@code metadata.name} or {@code status.podIP}. */
public record ObjectFieldSelector(String apiVersion, String fieldPath) {}
