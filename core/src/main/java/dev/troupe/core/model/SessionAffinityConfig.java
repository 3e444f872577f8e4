package dev.troupe.core.model;

/** How a Service keeps a client on one pod. */
public record SessionAffinityConfig(ClientIPConfig clientIP) {}
