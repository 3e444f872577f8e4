package dev.troupe.core.model;

/** A ConfigMap whose every key becomes an environment variable. */
public record ConfigMapEnvSource(String name, Boolean optional) {}
