package dev.troupe.core.model;

/** The state of one port of a load balancer entry point; {@code error} when it failed. */
public record PortStatus(Integer port, String protocol, String error) {}
