package dev.troupe.core.kinds;

import static dev.troupe.core.kinds.JsonFields.isAbsent;
import static dev.troupe.core.kinds.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values as Go's {@code %#v} prints them, for the messages in which Kubernetes shows a struct or a
 * map as it is: {@code spec.selector: Invalid value:
 * v1.LabelSelector{MatchLabels:map[string]string{"app":"web"},
 * MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable}.
 */
final class GoValues {

  private GoValues() {}

  /** An invalid-value error whose value is already written as Go writes it. */
  static FieldError invalid(String field, String goValue, String detail) {
    return new FieldError(FieldError.Type.INVALID, field, goValue, detail);
  }

  /** A text as Go's {@code %q} writes it. */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\t' -> quoted.append("\\t");
        case '\r' -> quoted.append("\\r");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\x%02x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }

  /** A {@code map[string]string}: keys sorted, {@code (nil)} when absent. */
  static String stringMap(JsonNode map) {
    if (isAbsent(map)) {
      return "map[string]string(nil)";
    }
    Map<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : map.properties()) {
      sorted.put(entry.getKey(), text(entry.getValue()));
    }
    List<String> entries = new ArrayList<>();
    sorted.forEach((key, value) -> entries.add(quote(key) + ":" + quote(value)));
    return "map[string]string{" + String.join(", ", entries) + "}";
  }

  /**
   * A {@code metav1.LabelSelector} as the value of an error. An absent selector is a nil pointer,
   * which Kubernetes writes as {@code "null"}.
   */
  static String labelSelector(JsonNode selector) {
    if (isAbsent(selector)) {
      return quote("null");
    }
    return "v1.LabelSelector{MatchLabels:"
        + stringMap(selector.path("matchLabels"))
        + ", MatchExpressions:"
        + requirements(selector.path("matchExpressions"))
        + "}";
  }

  private static String requirements(JsonNode expressions) {
    if (isAbsent(expressions)) {
      return "[]v1.LabelSelectorRequirement(nil)";
    }
    List<String> written = new ArrayList<>();
    for (JsonNode expression : expressions) {
      written.add(
          "v1.LabelSelectorRequirement{Key:"
              + quote(text(expression.path("key")))
              + ", Operator:"
              + quote(text(expression.path("operator")))
              + ", Values:"
              + strings(expression.path("values"))
              + "}");
    }
    return "[]v1.LabelSelectorRequirement{" + String.join(", ", written) + "}";
  }

  private static String strings(JsonNode values) {
    if (isAbsent(values)) {
      return "[]string(nil)";
    }
    List<String> written = new ArrayList<>();
    for (JsonNode value : values) {
      written.add(quote(text(value)));
    }
    return "[]string{" + String.join(", ", written) + "}";
  }

  /** An {@code intstr.IntOrString}: type 0 holds a number, type 1 a text such as {@code 25%}. */
  static String intOrString(JsonNode value) {
    if (value.isTextual()) {
      return "intstr.IntOrString{Type:1, IntVal:0, StrVal:" + quote(value.asText()) + "}";
    }
    return "intstr.IntOrString{Type:0, IntVal:" + value.asLong(0) + ", StrVal:\"\"}";
  }
}
