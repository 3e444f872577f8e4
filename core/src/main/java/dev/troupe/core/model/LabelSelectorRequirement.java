package dev.troupe.core.model;

import java.util.List;

/** One requirement of a label selector: {@code key In/NotIn values}, {@code Exists}, ... */
public record LabelSelectorRequirement(String key, String operator, List<String> values) {}
