package dev.troupe.core.model;

/** An environment variable of a container. */
public record EnvVar(String name, String value) {}
