package dev.troupe.core.model;

/** The features a runtime handler supports. */
public record NodeRuntimeHandlerFeatures(Boolean recursiveReadOnlyMounts, Boolean userNamespaces) {}
