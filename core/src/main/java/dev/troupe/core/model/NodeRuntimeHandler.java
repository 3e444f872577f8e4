package dev.troupe.core.model;

/** A runtime handler of a node's container runtime ({@code ""} is the default one). */
public record NodeRuntimeHandler(String name, NodeRuntimeHandlerFeatures features) {}
