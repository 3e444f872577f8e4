package dev.troupe.core.model;

/** One key of a ConfigMap of the pod's namespace. */
public record ConfigMapKeySelector(String name, String key, Boolean optional) {}
