package dev.troupe.core.model;

/** A link from a dependent object to its owner, as in Kubernetes' garbage collector. */
public record OwnerReference(
    String apiVersion,
    String kind,
    String name,
    String uid,
    Boolean controller,
    Boolean blockOwnerDeletion) {}
