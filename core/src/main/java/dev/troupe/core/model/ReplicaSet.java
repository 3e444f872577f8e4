package dev.troupe.core.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An apps/v1 ReplicaSet: keeps a number of pods of one template running. */
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "spec", "status"})
public record ReplicaSet(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    ReplicaSetSpec spec,
    ReplicaSetStatus status) {}
