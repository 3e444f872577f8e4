package dev.troupe.core.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A core/v1 Node: a machine that runs pods. */
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "spec", "status"})
public record Node(
    String apiVersion, String kind, ObjectMeta metadata, NodeSpec spec, NodeStatus status) {}
