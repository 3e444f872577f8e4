package dev.troupe.core.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.troupe.core.patch.PatchStrategies;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How server-side apply treats a list of a kind, from the list's {@code listType}: {@code map}
 * lists hold items identified by a key field, {@code set} lists hold distinct scalars, and {@code
 * atomic} lists (every list the kind's strategies do not name) are one value. Kubernetes takes the
 * same keys as strategic merge patch's, from {@link PatchStrategies}.
 *
 * <p>Schema paths run from the root with dots between field names and {@code []} after a list whose
 * items they enter: {@code spec.template.spec.containers[].ports}.
 */
record ListShape(Type type, String key) {

  enum Type {
    ATOMIC,
    SET,
    MAP
  }

  private static final ListShape ATOMIC = new ListShape(Type.ATOMIC, null);
  private static final ListShape SET = new ListShape(Type.SET, null);

  static ListShape of(String kind, String schemaPath) {
    return PatchStrategies.mergeKey(kind, schemaPath)
        .map(key -> key.equals(PatchStrategies.SET) ? SET : new ListShape(Type.MAP, key))
        .orElse(ATOMIC);
  }

  static String field(String schemaPath, String name) {
    return schemaPath.isEmpty() ? name : schemaPath + "." + name;
  }

  static String items(String schemaPath) {
    return schemaPath + "[]";
  }

  boolean isAtomic() {
    return type == Type.ATOMIC;
  }

  /** The path element of an item, or null when the item cannot be one of this list's. */
  PathElement elementOf(JsonNode item) {
    return problemWith(item) == null
        ? type == Type.MAP ? PathElement.key(key, item.get(key)) : PathElement.value(item)
        : null;
  }

  /** Why {@code item} cannot be in this list, worded as structured-merge-diff words it. */
  String problemWith(JsonNode item) {
    if (type == Type.MAP) {
      if (item == null || item.isNull()) {
        return "associative list with keys may not have a null element";
      }
      if (!item.isObject()) {
        return "associative list with keys may not have non-map elements";
      }
      if (!item.has(key)) {
        return "associative list with keys has an element that omits all key fields [\""
            + key
            + "\"] (and doesn't have default values for any key fields)";
      }
      return null;
    }
    if (item != null && item.isObject()) {
      return "associative list without keys has an element that's a map type";
    }
    if (item != null && item.isArray()) {
      return "not supported: associative list with lists as elements";
    }
    return null;
  }

  /**
   * The items of a list by their path elements, in order; an item that cannot be identified, or
   * repeats an earlier one's element, is left out (the first of equal items wins, as in
   * structured-merge-diff's comparison).
   */
  Map<PathElement, JsonNode> index(JsonNode list) {
    Map<PathElement, JsonNode> items = new LinkedHashMap<>();
    if (list instanceof ArrayNode) {
      for (JsonNode item : list) {
        PathElement element = elementOf(item);
        if (element != null) {
          items.putIfAbsent(element, item);
        }
      }
    }
    return items;
  }
}
