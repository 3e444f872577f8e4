package dev.troupe.core.model;

/** A container port as published on the node: connect to {@code hostIP:hostPort}. */
public record HostPort(
    String container, int containerPort, String protocol, String hostIP, int hostPort) {}
