package dev.troupe.core.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A core/v1 Namespace: a scope for names, and the unit a team's objects are deleted in. */
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "spec", "status"})
public record Namespace(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    NamespaceSpec spec,
    NamespaceStatus status) {}
