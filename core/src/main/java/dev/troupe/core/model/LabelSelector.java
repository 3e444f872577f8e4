package dev.troupe.core.model;

import java.util.List;
import java.util.Map;

/**
 * A meta/v1 LabelSelector as written in a manifest: the labels that must match exactly and the
 * requirements that must all hold. {@link dev.troupe.core.selection.LabelSelector} evaluates it.
 */
public record LabelSelector(
    Map<String, String> matchLabels, List<LabelSelectorRequirement> matchExpressions) {}
