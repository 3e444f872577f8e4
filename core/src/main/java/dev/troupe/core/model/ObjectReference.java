package dev.troupe.core.model;

/** A core/v1 ObjectReference: another object, possibly a field of it, by kind and name. */
public record ObjectReference(
    String kind,
    String namespace,
    String name,
    String uid,
    String apiVersion,
    String resourceVersion,
    String fieldPath) {}
