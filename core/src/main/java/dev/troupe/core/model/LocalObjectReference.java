package dev.troupe.core.model;

/** An object of the pod's own namespace, by name (such as an image pull secret). */
public record LocalObjectReference(String name) {}
