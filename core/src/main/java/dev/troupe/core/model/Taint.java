package dev.troupe.core.model;

import java.time.Instant;

/** A taint on a node: pods that do not tolerate it are kept off ({@code effect}) the node. */
public record Taint(String key, String value, String effect, Instant timeAdded) {}
