package dev.troupe.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Kubernetes' {@code IntOrString}: a port given by number ({@code 8080}) or by name ({@code
 * "http"}), written back in the form it was given. Exactly one of the two values is set.
 */
public record IntOrString(Integer intValue, String strValue) {

  public IntOrString {
    if ((intValue == null) == (strValue == null)) {
      throw new IllegalArgumentException("an IntOrString holds exactly one of a number or a text");
    }
  }

  public static IntOrString of(int value) {
    return new IntOrString(value, null);
  }

  public static IntOrString of(String value) {
    return new IntOrString(null, value);
  }

  /** Reads a JSON number (a 32-bit integer) or a JSON string; anything else is refused. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static IntOrString fromJson(JsonNode node) {
    if (node.isInt()) {
      return of(node.intValue());
    }
    if (node.isTextual()) {
      return of(node.textValue());
    }
    throw new IllegalArgumentException(
        "an IntOrString must be a 32-bit integer or a string, not " + node.getNodeType());
  }

  /** What is written: the number or the text, as it was given. */
  @JsonValue
  Object toJson() {
    return intValue != null ? intValue : strValue;
  }

  public boolean isInt() {
    return intValue != null;
  }

  @Override
  public String toString() {
    return String.valueOf(toJson());
  }
}
