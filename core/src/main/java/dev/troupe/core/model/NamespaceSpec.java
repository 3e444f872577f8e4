package dev.troupe.core.model;

import java.util.List;

/** What must happen before a namespace is deleted: each finalizer must be removed. */
public record NamespaceSpec(List<String> finalizers) {}
