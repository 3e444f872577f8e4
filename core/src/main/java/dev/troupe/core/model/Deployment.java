package dev.troupe.core.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An apps/v1 Deployment: replicas of a pod template, rolled out through ReplicaSets. */
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "spec", "status"})
public record Deployment(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    DeploymentSpec spec,
    DeploymentStatus status) {}
