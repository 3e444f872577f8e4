package dev.troupe.core.model;

/** What a Deployment should run and how it rolls out: every field of apps/v1 DeploymentSpec. */
public record DeploymentSpec(
    Integer replicas,
    LabelSelector selector,
    PodTemplateSpec template,
    DeploymentStrategy strategy,
    Integer minReadySeconds,
    Integer revisionHistoryLimit,
    Boolean paused,
    Integer progressDeadlineSeconds) {}
