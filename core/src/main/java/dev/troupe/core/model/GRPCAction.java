package dev.troupe.core.model;

/** A gRPC health check on {@code port}; {@code service} defaults to the empty string. */
public record GRPCAction(Integer port, String service) {}
