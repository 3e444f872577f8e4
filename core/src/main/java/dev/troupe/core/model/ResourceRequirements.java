package dev.troupe.core.model;

import java.util.Map;

/**
 * CPU and memory a container asks for and may not exceed. Values stay as written ({@code 500m},
 * {@code 128Mi}) so an object reads back exactly as it was sent; {@link Quantity} parses them.
 */
public record ResourceRequirements(Map<String, String> limits, Map<String, String> requests) {}
