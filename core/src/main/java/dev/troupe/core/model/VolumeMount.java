package dev.troupe.core.model;

/** Where one of the pod's volumes appears inside a container. */
public record VolumeMount(
    String name,
    Boolean readOnly,
    String recursiveReadOnly,
    String mountPath,
    String subPath,
    String mountPropagation,
    String subPathExpr) {}
