package dev.troupe.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The port a node daemon listens on; Kubernetes spells the field {@code Port}, capitalised. */
public record DaemonEndpoint(@JsonProperty("Port") Integer port) {}
