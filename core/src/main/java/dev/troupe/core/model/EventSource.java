package dev.troupe.core.model;

/** The component, and the host it runs on, that reported an event. */
public record EventSource(String component, String host) {}
