package dev.troupe.core.model;

/** The ports of the daemons running on a node. */
public record NodeDaemonEndpoints(DaemonEndpoint kubeletEndpoint) {}
