package dev.troupe.core.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One entry of {@code metadata.managedFields}: the fields a manager owns through one kind of write.
 * A manager has at most one {@code Apply} entry and one {@code Update} entry per API version (and
 * per subresource).
 *
 * @param time when the entry's fields last changed, or null
 * @param subresource {@code status} or {@code scale} for writes to a subresource, otherwise null
 */
public record ManagedFieldsEntry(
    String manager,
    Operation operation,
    String apiVersion,
    Instant time,
    FieldSet fields,
    String subresource) {

  /** How the manager wrote its fields. */
  public enum Operation {
    APPLY("Apply"),
    UPDATE("Update");

    private final String text;

    Operation(String text) {
      this.text = text;
    }

    /** The operation as managedFields spells it. */
    public String text() {
      return text;
    }

    static Operation parse(String text) {
      for (Operation operation : values()) {
        if (operation.text.equals(text)) {
          return operation;
        }
      }
      return null;
    }
  }

  static final String FIELDS_TYPE = "FieldsV1";

  public ManagedFieldsEntry {
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(fields, "fields");
    time = time == null ? null : time.truncatedTo(ChronoUnit.SECONDS);
    subresource = subresource == null || subresource.isEmpty() ? null : subresource;
  }

  public ManagedFieldsEntry withFields(FieldSet newFields) {
    return new ManagedFieldsEntry(manager, operation, apiVersion, time, newFields, subresource);
  }

  public ManagedFieldsEntry withTime(Instant newTime) {
    return new ManagedFieldsEntry(manager, operation, apiVersion, newTime, fields, subresource);
  }

  /**
   * Whether both entries belong to the same writer, as the apiserver identifies them: by manager,
   * operation and subresource, and for updates also by API version (an applier keeps one entry
   * whatever version it applies).
   */
  public boolean sameWriter(ManagedFieldsEntry other) {
    return manager.equals(other.manager)
        && operation == other.operation
        && Objects.equals(subresource, other.subresource)
        && (operation == Operation.APPLY || Objects.equals(apiVersion, other.apiVersion));
  }

  /** The entry as Kubernetes serializes it, fields in ManagedFieldsEntry's order. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("manager", manager);
    json.put("operation", operation.text());
    if (apiVersion != null) {
      json.put("apiVersion", apiVersion);
    }
    if (time != null) {
      json.put("time", DateTimeFormatter.ISO_INSTANT.format(time));
    }
    json.put("fieldsType", FIELDS_TYPE);
    json.set("fieldsV1", fields.toFieldsV1());
    if (subresource != null) {
      json.put("subresource", subresource);
    }
    return json;
  }

  /**
   * Reads the entry at {@code index} of a managedFields list.
   *
   * @throws IllegalArgumentException with the apiserver's wording when it cannot be read
   */
  public static ManagedFieldsEntry fromJson(JsonNode json, int index) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("managed fields entry " + index + " is not an object");
    }
    String fieldsType = text(json, "fieldsType");
    if (fieldsType == null || fieldsType.isEmpty()) {
      throw new IllegalArgumentException("missing fieldsType in managed fields entry " + index);
    }
    if (!fieldsType.equals(FIELDS_TYPE)) {
      throw new IllegalArgumentException(
          "invalid fieldsType \"" + fieldsType + "\" in managed fields entry " + index);
    }
    Operation operation = Operation.parse(text(json, "operation"));
    if (operation == null) {
      throw new IllegalArgumentException(
          "invalid operation \"" + text(json, "operation") + "\" in managed fields entry " + index);
    }
    String manager = text(json, "manager");
    try {
      return new ManagedFieldsEntry(
          manager == null ? "" : manager,
          operation,
          text(json, "apiVersion"),
          time(text(json, "time")),
          FieldSet.fromFieldsV1(json.get("fieldsV1")),
          text(json, "subresource"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "error decoding managed fields entry " + index + ": " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || !value.isTextual() ? null : value.textValue();
  }

  private static Instant time(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("invalid time " + text, e);
    }
  }
}
