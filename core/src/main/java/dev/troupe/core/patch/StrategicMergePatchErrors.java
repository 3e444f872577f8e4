package dev.troupe.core.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The errors of a strategic merge patch, worded as apimachinery's mergepatch and strategicpatch
 * packages word them (values printed the way Go's {@code %v} prints decoded JSON).
 */
final class StrategicMergePatchErrors {

  static final String BAD_JSON_DOC = "invalid JSON document";
  static final String NO_LIST_OF_LISTS = "lists of lists are not supported";
  static final String BAD_PRIMITIVE_LIST = "invalid patch format of primitive list";
  static final String BAD_RETAIN_KEYS = "invalid patch format of retainKeys";
  static final String BAD_SET_ELEMENT_ORDER = "invalid patch format of setElementOrder list";
  static final String UNSUPPORTED = "strategic merge patch format is not supported";
  static final String NO_ELEMENTS = "no elements in any of the given slices";
  static final String MERGE_IN_LIST = "merging lists cannot yet be specified in the patch";
  static final String MAP = "map[string]interface {}";
  static final String SLICE = "[]interface {}";

  private StrategicMergePatchErrors() {}

  /** A malformed patch; carries its message out of the recursion. */
  static final class PatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PatchException(String message) {
      super(message, null, false, false);
    }
  }

  static PatchException error(String message) {
    return new PatchException(message);
  }

  static PatchException noMergeKey(JsonNode map, String key) {
    return error("map: " + go(map) + " does not contain declared merge key: " + key);
  }

  static PatchException badArgType(String expected, JsonNode actual) {
    return error("expected a " + expected + ", but received a " + goType(actual));
  }

  static PatchException badPatchType(JsonNode directive, JsonNode map) {
    String shown =
        directive.isTextual()
            ? directive.textValue()
            : "%!s(" + goType(directive) + "=" + go(directive) + ")";
    return error("unknown patch type: " + shown + " in map: " + go(map));
  }

  static PatchException orderMismatch(JsonNode patchList, JsonNode order) {
    return error(
        "The order in patch list:\n"
            + go(patchList)
            + "\n doesn't match $setElementOrder list:\n"
            + go(order)
            + "\n");
  }

  static PatchException notIdentical(List<? extends JsonNode> slices) {
    List<String> shown = new ArrayList<>();
    for (JsonNode slice : slices) {
      shown.add(slice == null ? "[]" : go(slice));
    }
    return error("list element types are not identical: [" + String.join(" ", shown) + "]");
  }

  /** The Go type a decoded JSON value has. */
  static String goType(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "<nil>";
    }
    if (node.isObject()) {
      return MAP;
    }
    if (node.isArray()) {
      return SLICE;
    }
    if (node.isTextual()) {
      return "string";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    return node.isIntegralNumber() ? "int64" : "float64";
  }

  /** A decoded JSON value as Go's {@code %v} prints it: {@code map[a:1 b:[x y]]}. */
  static String go(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "<nil>";
    }
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
      StringJoiner joined = new StringJoiner(" ", "map[", "]");
      sorted.forEach((key, value) -> joined.add(key + ":" + go(value)));
      return joined.toString();
    }
    if (node.isArray()) {
      StringJoiner joined = new StringJoiner(" ", "[", "]");
      node.forEach(element -> joined.add(go(element)));
      return joined.toString();
    }
    return node.asText();
  }
}
