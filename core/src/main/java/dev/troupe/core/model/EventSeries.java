package dev.troupe.core.model;

import java.time.Instant;

/** A run of the same event: how many so far, and when the last was seen. */
public record EventSeries(Integer count, Instant lastObservedTime) {}
