package dev.troupe.core.model;

/** One address of an endpoint, and the object (usually a pod) behind it. */
public record EndpointAddress(
    String ip, String hostname, String nodeName, ObjectReference targetRef) {}
