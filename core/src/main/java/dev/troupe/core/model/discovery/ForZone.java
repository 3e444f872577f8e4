package dev.troupe.core.model.discovery;

/** A zone an endpoint should serve. */
public record ForZone(String name) {}
