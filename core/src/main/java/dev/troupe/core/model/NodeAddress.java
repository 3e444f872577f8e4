package dev.troupe.core.model;

/** One address of a node: {@code InternalIP}, {@code ExternalIP}, {@code Hostname} ... */
public record NodeAddress(String type, String address) {}
