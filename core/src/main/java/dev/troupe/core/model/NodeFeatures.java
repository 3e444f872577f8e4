package dev.troupe.core.model;

/** The features a node's kubelet and runtime support. */
public record NodeFeatures(Boolean supplementalGroupsPolicy) {}
