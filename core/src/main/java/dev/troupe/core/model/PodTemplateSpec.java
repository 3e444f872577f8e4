package dev.troupe.core.model;

/** The pods a workload creates: their metadata and spec, as a Deployment or ReplicaSet holds. */
public record PodTemplateSpec(ObjectMeta metadata, PodSpec spec) {}
