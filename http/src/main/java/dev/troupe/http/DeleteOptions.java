package dev.troupe.http;

import java.util.Map;

/** meta/v1 DeleteOptions as kubectl sends them. */
record DeleteOptions(
    String kind,
    String apiVersion,
    Long gracePeriodSeconds,
    String propagationPolicy,
    Map<String, Object> preconditions,
    java.util.List<String> dryRun) {}
