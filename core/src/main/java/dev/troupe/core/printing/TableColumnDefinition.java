package dev.troupe.core.printing;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One column of a {@link Table}. {@code format} is {@code "name"} on the column kubectl prefixes
 * with the kind ({@code deployment.apps/web}) and empty otherwise; columns with {@code priority} 1
 * or more appear only with {@code -o wide}. Every field is always written, as Kubernetes does.
 */
@JsonPropertyOrder({"name", "type", "format", "description", "priority"})
public record TableColumnDefinition(
    String name, String type, String format, String description, int priority) {}
