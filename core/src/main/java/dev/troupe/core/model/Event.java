package dev.troupe.core.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * A core/v1 Event: something that happened to an object, reported by a component. {@code eventTime}
 * and a series' {@code lastObservedTime} are Kubernetes' MicroTime (microseconds), the other stamps
 * whole seconds.
 */
@JsonPropertyOrder({"kind", "apiVersion", "metadata"})
public record Event(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    ObjectReference involvedObject,
    String reason,
    String message,
    EventSource source,
    Instant firstTimestamp,
    Instant lastTimestamp,
    Integer count,
    String type,
    Instant eventTime,
    EventSeries series,
    String action,
    ObjectReference related,
    String reportingComponent,
    String reportingInstance) {}
