package dev.troupe.core.model;

import java.util.List;

/** What is observed of a namespace: {@code Active} or {@code Terminating}, and why. */
public record NamespaceStatus(String phase, List<NamespaceCondition> conditions) {}
