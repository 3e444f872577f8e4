package dev.troupe.core.model.discovery;

/** A port every endpoint of a slice serves; an absent port number means every port. */
public record EndpointPort(String name, String protocol, Integer port, String appProtocol) {}
