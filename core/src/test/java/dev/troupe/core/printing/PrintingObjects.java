package dev.troupe.core.printing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.KubeObject;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Objects of the JSON kinds for printer tests: created five minutes before {@link #NOW}. */
final class PrintingObjects {

  static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  private PrintingObjects() {}

  /** An object named {@code name}, five minutes old, with {@code fields} beside its metadata. */
  static KubeObject object(String name, String fields) {
    String json =
        "{\"metadata\":{\"name\":\""
            + name
            + "\",\"namespace\":\"default\",\"creationTimestamp\":\"2024-05-01T11:55:00Z\"}"
            + (fields.isBlank() ? "" : "," + fields)
            + "}";
    try {
      return KubeObject.of((ObjectNode) Json.mapper().readTree(json));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same, with labels. */
  static KubeObject labelled(String name, String labels, String fields) {
    String json =
        "{\"metadata\":{\"name\":\""
            + name
            + "\",\"labels\":"
            + labels
            + ",\"creationTimestamp\":\"2024-05-01T11:55:00Z\"}"
            + (fields.isBlank() ? "" : "," + fields)
            + "}";
    try {
      return KubeObject.of((ObjectNode) Json.mapper().readTree(json));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
