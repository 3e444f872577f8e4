package dev.troupe.core.model;

/** One port of an endpoint subset. */
public record EndpointPort(String name, Integer port, String protocol, String appProtocol) {}
