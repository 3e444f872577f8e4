package dev.troupe.core.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.model.KubeObject;
import java.util.function.Consumer;

/**
 * Reading and defaulting fields of an object kept as JSON, with Go's notion of unset: a pointer
 * field is unset when absent or null, a text field also when empty.
 */
final class JsonFields {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonFields() {}

  /** Whether {@code node} is absent or null. */
  static boolean isAbsent(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull();
  }

  /** The text of {@code node}, or "" when it is absent or null. */
  static String text(JsonNode node) {
    return isAbsent(node) ? "" : node.asText();
  }

  /**
   * A copy of {@code object}'s {@code spec} to default: a new empty one when absent, as Go decodes
   * a missing struct, or null when it is not an object (defaults then leave it as sent).
   */
  static ObjectNode specOf(KubeObject object) {
    JsonNode spec = object.field("spec");
    if (isAbsent(spec)) {
      return NODES.objectNode();
    }
    return spec instanceof ObjectNode sent ? sent.deepCopy() : null;
  }

  /**
   * The object at {@code parent.field}, created when absent or null; null when something else is
   * there.
   */
  static ObjectNode object(ObjectNode parent, String field) {
    JsonNode child = parent.get(field);
    if (isAbsent(child)) {
      return parent.putObject(field);
    }
    return child instanceof ObjectNode existing ? existing : null;
  }

  /** Calls {@code action} with each object in the array {@code items}; other items are skipped. */
  static void eachObject(JsonNode items, Consumer<ObjectNode> action) {
    if (!items.isArray()) {
      return;
    }
    for (JsonNode item : items) {
      if (item instanceof ObjectNode object) {
        action.accept(object);
      }
    }
  }

  /** Sets a field Go holds by pointer: when it is absent or null. */
  static void setIfAbsent(ObjectNode node, String field, JsonNode value) {
    if (isAbsent(node.get(field))) {
      node.set(field, value);
    }
  }

  /** Sets a text field Go holds by value: when it is absent, null or empty. */
  static void setIfEmpty(ObjectNode node, String field, String value) {
    if (text(node.get(field)).isEmpty()) {
      node.put(field, value);
    }
  }

  /** Sets a number field Go holds by value, where zero counts as unset. */
  static void setIfZero(ObjectNode node, String field, int value) {
    JsonNode current = node.get(field);
    if (isAbsent(current) || (current.isNumber() && current.asLong() == 0)) {
      node.put(field, value);
    }
  }
}
