package dev.troupe.core.model;

/** One of the IP addresses of the node the pod runs on. */
public record HostIP(String ip) {}
