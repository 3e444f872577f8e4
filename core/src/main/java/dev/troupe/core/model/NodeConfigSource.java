package dev.troupe.core.model;

/** Where a node's kubelet configuration comes from (deprecated dynamic kubelet config). */
public record NodeConfigSource(ConfigMapNodeConfigSource configMap) {}
