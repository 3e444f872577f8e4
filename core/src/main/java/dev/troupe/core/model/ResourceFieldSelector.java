package dev.troupe.core.model;

/**
 * A container's resource request or limit, such as {@code limits.memory}; {@code divisor} is a
 * quantity kept as written.
 */
public record ResourceFieldSelector(String containerName, String resource, String divisor) {}
