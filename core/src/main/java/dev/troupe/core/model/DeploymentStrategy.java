package dev.troupe.core.model;

/** How a Deployment replaces old pods: {@code RollingUpdate} or {@code Recreate}. */
public record DeploymentStrategy(String type, RollingUpdateDeployment rollingUpdate) {}
