package dev.troupe.core.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The equality of the JSON patch {@code test} operation. evanphx/json-patch compares objects and
 * arrays structurally and scalars by their compact JSON text, so {@code 1} and {@code 1.0} differ;
 * here numbers are equal when both are integers or both are not, and their values are equal.
 */
final class JsonValues {

  private JsonValues() {}

  /** Whether {@code a} and {@code b} are the same JSON value; Java null is JSON null. */
  static boolean same(JsonNode a, JsonNode b) {
    boolean aNull = a == null || a.isNull();
    boolean bNull = b == null || b.isNull();
    if (aNull || bNull) {
      return aNull && bNull;
    }
    if (a.isObject() || b.isObject()) {
      return a.isObject() && b.isObject() && sameMembers(a, b);
    }
    if (a.isArray() || b.isArray()) {
      return a.isArray() && b.isArray() && sameElements(a, b);
    }
    if (a.isNumber() || b.isNumber()) {
      return a.isNumber()
          && b.isNumber()
          && a.isIntegralNumber() == b.isIntegralNumber()
          && sameNumber(a, b);
    }
    if (a.isTextual() || b.isTextual()) {
      return a.isTextual() && b.isTextual() && a.textValue().equals(b.textValue());
    }
    return a.equals(b);
  }

  private static boolean sameNumber(JsonNode a, JsonNode b) {
    try {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    } catch (NumberFormatException notFinite) {
      return a.doubleValue() == b.doubleValue();
    }
  }

  private static boolean sameMembers(JsonNode a, JsonNode b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (Map.Entry<String, JsonNode> member : a.properties()) {
      JsonNode other = b.get(member.getKey());
      if (other == null || !same(member.getValue(), other)) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameElements(JsonNode a, JsonNode b) {
    if (a.size() != b.size()) {
      return false;
    }
    Iterator<JsonNode> others = b.iterator();
    for (JsonNode element : a) {
      if (!same(element, others.next())) {
        return false;
      }
    }
    return true;
  }
}
