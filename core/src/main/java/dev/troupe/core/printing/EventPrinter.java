package dev.troupe.core.printing;

import static dev.troupe.core.printing.ObjectCells.name;
import static dev.troupe.core.printing.ObjectCells.text;
import static dev.troupe.core.printing.ObjectCells.timestamp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.model.KubeObject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * core/v1 Events as Kubernetes prints them ({@code printEvent}). LAST SEEN is the age of {@code
 * lastTimestamp}, else of the first sighting ({@code firstTimestamp}, else {@code eventTime}); an
 * event with a {@code series} is last seen at the series' last observation and counted by it.
 * Unlike most kinds, the name is a wide column.
 */
public final class EventPrinter extends KubeObjectPrinter {

  public static final List<TableColumnDefinition> COLUMN_DEFINITIONS =
      List.of(
          Columns.string(
              "Last Seen",
              "The time at which the most recent occurrence of this event was recorded."),
          Columns.string(
              "Type",
              "Type of this event (Normal, Warning), new types could be added in the future"),
          Columns.string(
              "Reason",
              "This should be a short, machine understandable string that gives the reason for"
                  + " the transition into the object's current status."),
          Columns.string("Object", "The object that this event is about."),
          Columns.wide(
              "Subobject",
              "If referring to a piece of an object instead of an entire object, this string"
                  + " should contain a valid JSON/Go field access statement, such as"
                  + " desiredState.manifest.containers[2]."),
          Columns.wide(
              "Source",
              "The component reporting this event. Should be a short machine understandable"
                  + " string."),
          Columns.string(
              "Message", "A human-readable description of the status of this operation."),
          Columns.wide(
              "First Seen",
              "The time at which the event was first recorded. (Time of server receipt is in"
                  + " TypeMeta.)"),
          Columns.wide("Count", "The number of times this event has occurred."),
          new TableColumnDefinition(
              Columns.NAME.name(), "string", "name", Columns.NAME.description(), 1));

  public EventPrinter() {
    super(ResourceTypes.EVENTS, COLUMN_DEFINITIONS);
  }

  @Override
  public List<Object> cells(KubeObject event, Instant now) {
    Instant first = timestamp(event.field("firstTimestamp"));
    String firstSeen =
        HumanDuration.since(first != null ? first : timestamp(event.field("eventTime")), now);
    Instant last = timestamp(event.field("lastTimestamp"));
    String lastSeen = last != null ? HumanDuration.since(last, now) : firstSeen;
    long count = event.field("count").asLong(0);
    JsonNode series = event.field("series");
    if (series.isObject()) {
      lastSeen = HumanDuration.since(timestamp(series.path("lastObservedTime")), now);
      count = series.path("count").asLong(0);
    } else if (count == 0) {
      // events reported through events.k8s.io carry no count when they happened once
      count = 1;
    }
    return List.of(
        lastSeen,
        text(event.field("type")),
        text(event.field("reason")),
        object(event.field("involvedObject")),
        text(event.at("/involvedObject/fieldPath")),
        source(event),
        text(event.field("message")).strip(),
        firstSeen,
        count,
        name(event));
  }

  /** {@code kind/name} with the kind in lower case, or the kind alone for an unnamed object. */
  private static String object(JsonNode involved) {
    String kind = text(involved.path("kind")).toLowerCase(Locale.ROOT);
    String name = text(involved.path("name"));
    return name.isEmpty() ? kind : kind + "/" + name;
  }

  /**
   * {@code component, host}, each falling back to {@code reportingController} and {@code
   * reportingInstance}; the host is left out when neither is set.
   */
  private static String source(KubeObject event) {
    String component =
        firstNonEmpty(text(event.at("/source/component")), text(event.field("reportingComponent")));
    String host =
        firstNonEmpty(text(event.at("/source/host")), text(event.field("reportingInstance")));
    return host.isEmpty() ? component : component + ", " + host;
  }

  private static String firstNonEmpty(String first, String second) {
    return first.isEmpty() ? second : first;
  }
}
