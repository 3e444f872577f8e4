package dev.troupe.core.printing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.model.KubeObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Cells the printers of JSON kinds have in common, read as leniently as kubectl reads them. */
final class ObjectCells {

  /** Shown for an empty cell, as Kubernetes does. */
  static final String NONE = PodPrinter.NONE;

  private ObjectCells() {}

  /** The text of {@code node}, or "" when it is absent or null (Go's zero value). */
  static String text(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() ? "" : node.asText();
  }

  /** The whole number in {@code node}, or 0 when it is absent or not a number. */
  static long number(JsonNode node) {
    return node == null ? 0 : node.asLong(0);
  }

  static String orNone(String value) {
    return value == null || value.isEmpty() ? NONE : value;
  }

  static String name(KubeObject object) {
    return object.name() == null ? "" : object.name();
  }

  static String age(KubeObject object, Instant now) {
    return HumanDuration.since(object.metadata().creationTimestamp(), now);
  }

  /**
   * A timestamp as RFC 3339 text ({@code Time} or {@code MicroTime}); null when absent or
   * unreadable, which prints as {@code <unknown>}.
   */
  static Instant timestamp(JsonNode node) {
    String text = text(node);
    if (text.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notATimestamp) {
      return null;
    }
  }

  /** The containers' names joined by commas, as upstream's {@code layoutContainerCells}. */
  static String containerNames(JsonNode containers) {
    return joinEach(containers, "name");
  }

  /** The containers' images joined by commas. */
  static String containerImages(JsonNode containers) {
    return joinEach(containers, "image");
  }

  private static String joinEach(JsonNode items, String field) {
    List<String> values = new ArrayList<>();
    for (JsonNode item : items) {
      values.add(text(item.path(field)));
    }
    return String.join(",", values);
  }

  /** A string map as apimachinery's {@code labels.FormatLabels}: sorted {@code k=v}, or none. */
  static String formatLabels(JsonNode map) {
    Map<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : map.properties()) {
      sorted.put(entry.getKey(), text(entry.getValue()));
    }
    List<String> pairs = new ArrayList<>();
    sorted.forEach((key, value) -> pairs.add(key + "=" + value));
    return pairs.isEmpty() ? NONE : String.join(",", pairs);
  }
}
