package dev.troupe.core.model;

/** A ConfigMap holding a node's kubelet configuration under {@code kubeletConfigKey}. */
public record ConfigMapNodeConfigSource(
    String namespace, String name, String uid, String resourceVersion, String kubeletConfigKey) {}
