package dev.troupe.core.model;

import java.util.List;

/** Addresses that all serve the same ports; the not-ready ones are kept apart. */
public record EndpointSubset(
    List<EndpointAddress> addresses,
    List<EndpointAddress> notReadyAddresses,
    List<EndpointPort> ports) {}
