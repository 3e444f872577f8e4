package dev.troupe.core.model;

/** Which kubelet configuration a node was assigned, runs and last knew good (deprecated). */
public record NodeConfigStatus(
    NodeConfigSource assigned,
    NodeConfigSource active,
    NodeConfigSource lastKnownGood,
    String error) {}
