package dev.troupe.core.model;

/** How many pods of which template a ReplicaSet keeps, and how it recognises them. */
public record ReplicaSetSpec(
    Integer replicas, Integer minReadySeconds, LabelSelector selector, PodTemplateSpec template) {}
