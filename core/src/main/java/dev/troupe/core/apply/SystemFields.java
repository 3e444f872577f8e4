package dev.troupe.core.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * The fields field management leaves alone: the object's type and identity, what the server sets
 * ({@code metadata.uid}, {@code .resourceVersion}, {@code .generation}, timestamps, {@code
 * .managedFields}; apiserver's stripMeta list) and, for the main resource, {@code status} (its
 * reset fields). Apply and update work on the rest, the object's body.
 */
final class SystemFields {

  private static final Set<String> TOP = Set.of("apiVersion", "kind");
  private static final Set<String> METADATA =
      Set.of(
          "name",
          "namespace",
          "selfLink",
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "deletionTimestamp",
          "managedFields");
  private static final Set<String> IDENTITY = Set.of("name", "namespace");
  static final String STATUS = "status";

  private SystemFields() {}

  /**
   * A copy of {@code object} without its system fields; {@code metadata} is left out when nothing
   * else is in it. {@code keepStatus} is for writes to the status subresource.
   */
  static ObjectNode body(JsonNode object, boolean keepStatus) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    if (object == null || !object.isObject()) {
      return body;
    }
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      String name = member.getKey();
      if (TOP.contains(name) || (!keepStatus && name.equals(STATUS))) {
        continue;
      }
      if (name.equals("metadata") && member.getValue().isObject()) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : member.getValue().properties()) {
          if (!METADATA.contains(field.getKey())) {
            metadata.set(field.getKey(), field.getValue().deepCopy());
          }
        }
        if (!metadata.isEmpty()) {
          body.set(name, metadata);
        }
      } else {
        body.set(name, member.getValue().deepCopy());
      }
    }
    return body;
  }

  /**
   * {@code body} with the system fields of {@code source} put back, in the order Kubernetes
   * serializes them: type, then metadata with identity first, then the body, then status. From a
   * configuration ({@code identityOnly}) only the type, name and namespace are taken: the server
   * sets the rest.
   */
  static ObjectNode join(JsonNode source, ObjectNode body, boolean identityOnly) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    for (String name : new String[] {"apiVersion", "kind"}) {
      if (source.has(name)) {
        object.set(name, source.get(name).deepCopy());
      }
    }
    ObjectNode metadata = JsonNodeFactory.instance.objectNode();
    JsonNode sourceMetadata = source.path("metadata");
    for (Map.Entry<String, JsonNode> field : sourceMetadata.properties()) {
      String name = field.getKey();
      boolean system = identityOnly ? IDENTITY.contains(name) : METADATA.contains(name);
      if (system && !name.equals("managedFields")) {
        metadata.set(name, field.getValue().deepCopy());
      }
    }
    body.path("metadata")
        .properties()
        .forEach(field -> metadata.set(field.getKey(), field.getValue()));
    if (!metadata.isEmpty()) {
      object.set("metadata", metadata);
    }
    for (Map.Entry<String, JsonNode> member : body.properties()) {
      if (!member.getKey().equals("metadata")) {
        object.set(member.getKey(), member.getValue());
      }
    }
    if (!identityOnly && source.has(STATUS)) {
      object.set(STATUS, source.get(STATUS).deepCopy());
    }
    return object;
  }
}
