package dev.troupe.core.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A core/v1 Service: a stable address for a set of pods chosen by labels. */
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "spec", "status"})
public record Service(
    String apiVersion, String kind, ObjectMeta metadata, ServiceSpec spec, ServiceStatus status) {}
