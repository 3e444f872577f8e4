package dev.troupe.core.model.discovery;

import java.util.List;

/** Topology-aware routing hints: the zones an endpoint should serve. */
public record EndpointHints(List<ForZone> forZones) {}
