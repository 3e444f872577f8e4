package dev.troupe.core.model;

import java.util.List;

/** An image present on a node, by all its names, and its size. */
public record ContainerImage(List<String> names, Long sizeBytes) {}
