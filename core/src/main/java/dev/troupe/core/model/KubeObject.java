package dev.troupe.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.api.ApiObject;
import dev.troupe.core.json.Json;
import dev.troupe.core.selection.SelectableFields;
import java.util.Map;

/**
 * An object of a kind Troupe stores and serves as sent, in its JSON form (services, deployments,
 * namespaces …): metadata is typed, everything else is kept as JSON. Immutable: every {@code with}
 * returns a new object.
 */
public final class KubeObject implements ApiObject {

  private final ObjectNode json;
  private final ObjectMeta metadata;

  private KubeObject(ObjectNode json, ObjectMeta metadata) {
    this.json = json;
    this.metadata = metadata;
  }

  /** The object {@code json} describes; it is copied, so later changes to it do not leak in. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static KubeObject of(ObjectNode json) {
    ObjectNode copy = json.deepCopy();
    JsonNode meta = copy.path("metadata");
    ObjectMeta metadata;
    try {
      metadata =
          meta.isObject()
              ? Json.mapper().treeToValue(meta, ObjectMeta.class)
              : ObjectMeta.named(null, null);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("metadata: " + e.getOriginalMessage(), e);
    }
    copy.set("metadata", Json.mapper().valueToTree(metadata));
    return new KubeObject(copy, metadata);
  }

  /** The object as JSON. Callers must not change it; {@link #copyOfJson()} gives a copy. */
  @JsonValue
  public ObjectNode json() {
    return json;
  }

  public ObjectNode copyOfJson() {
    return json.deepCopy();
  }

  @Override
  public ObjectMeta metadata() {
    return metadata;
  }

  public String kind() {
    return json.path("kind").asText(null);
  }

  public String apiVersion() {
    return json.path("apiVersion").asText(null);
  }

  /** The node at a JSON pointer such as {@code /spec/replicas}; missing when absent. */
  public JsonNode at(String pointer) {
    return json.at(pointer);
  }

  /** The text at {@code pointer}, or "" when absent or null. */
  public String text(String pointer) {
    JsonNode node = json.at(pointer);
    return node.isMissingNode() || node.isNull() ? "" : node.asText();
  }

  /** A top-level field such as {@code spec}; missing when absent. */
  public JsonNode field(String name) {
    JsonNode node = json.get(name);
    return node == null ? MissingNode.getInstance() : node;
  }

  public KubeObject withMetadata(ObjectMeta newMetadata) {
    ObjectNode copy = json.deepCopy();
    copy.set("metadata", Json.mapper().valueToTree(newMetadata));
    return new KubeObject(copy, newMetadata);
  }

  /** This object with the top-level field {@code name} set to {@code value} (null removes it). */
  public KubeObject with(String name, JsonNode value) {
    ObjectNode copy = json.deepCopy();
    if (value == null || value.isMissingNode()) {
      copy.remove(name);
    } else {
      copy.set(name, value.deepCopy());
    }
    return new KubeObject(copy, metadata);
  }

  /** This object with {@code kind} and {@code apiVersion} first, as replies carry them. */
  public KubeObject withTypeMeta(String apiVersion, String kind) {
    ObjectNode copy = Json.mapper().createObjectNode();
    copy.put("kind", kind);
    copy.put("apiVersion", apiVersion);
    for (var e : json.properties()) {
      if (!e.getKey().equals("kind") && !e.getKey().equals("apiVersion")) {
        copy.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    return new KubeObject(copy, metadata);
  }

  public boolean isTerminating() {
    return metadata.deletionTimestamp() != null;
  }

  @Override
  public Map<String, String> selectableFields() {
    return SelectableFields.of(this);
  }

  /**
   * Objects are equal when their JSON means the same: key order and number types aside (a record
   * writes a long where a parsed request holds an int, and Jackson's nodes of the two differ).
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof KubeObject o
        && (json.equals(o.json) || Json.canonical(json).equals(Json.canonical(o.json)));
  }

  @Override
  public int hashCode() {
    return Json.canonical(json).hashCode();
  }

  @Override
  public String toString() {
    return json.toString();
  }
}
