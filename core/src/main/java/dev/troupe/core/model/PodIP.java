package dev.troupe.core.model;

/** One of the pod's IP addresses. */
public record PodIP(String ip) {}
