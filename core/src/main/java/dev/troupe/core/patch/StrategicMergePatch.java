package dev.troupe.core.patch;

import static dev.troupe.core.patch.StrategicMergePatchErrors.BAD_JSON_DOC;
import static dev.troupe.core.patch.StrategicMergePatchErrors.BAD_PRIMITIVE_LIST;
import static dev.troupe.core.patch.StrategicMergePatchErrors.BAD_RETAIN_KEYS;
import static dev.troupe.core.patch.StrategicMergePatchErrors.BAD_SET_ELEMENT_ORDER;
import static dev.troupe.core.patch.StrategicMergePatchErrors.SLICE;
import static dev.troupe.core.patch.StrategicMergePatchErrors.UNSUPPORTED;
import static dev.troupe.core.patch.StrategicMergePatchErrors.badArgType;
import static dev.troupe.core.patch.StrategicMergePatchErrors.badPatchType;
import static dev.troupe.core.patch.StrategicMergePatchErrors.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.patch.StrategicMergePatchErrors.PatchException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes' strategic merge patch ({@code application/strategic-merge-patch+json}) applied to a
 * served kind, as apimachinery's {@code strategicpatch.StrategicMergeMapPatch} applies it on the
 * server: maps merge and {@code null} deletes (as in RFC 7386); the lists named by {@link
 * PatchStrategies} merge element by element on their merge key (or as a set of primitives), other
 * lists are replaced; and the directives {@code $patch} (replace, delete), {@code $retainKeys},
 * {@code $setElementOrder/<list>} and {@code $deleteFromPrimitiveList/<list>} are honoured.
 *
 * <p>Pure: the inputs are never changed. No key starting with {@code $} reaches the result: the
 * directives are consumed, and one that is not known is ignored (the API server's typed decoding
 * drops such keys too).
 */
public final class StrategicMergePatch {

  static final String DIRECTIVE = "$patch";
  static final String REPLACE = "replace";
  static final String DELETE = "delete";
  static final String MERGE = "merge";
  static final String RETAIN_KEYS = "$retainKeys";
  static final String SET_ELEMENT_ORDER = "$setElementOrder";
  static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The patched object, or why the patch could not be applied. */
  public record Result(JsonNode value, String error) {
    public boolean isValid() {
      return error == null;
    }

    static Result of(JsonNode value) {
      return new Result(value, null);
    }

    static Result failed(String error) {
      return new Result(null, error);
    }
  }

  private final StrategicMergePatchLists lists;

  private StrategicMergePatch(Map<String, String> mergeLists) {
    this.lists = new StrategicMergePatchLists(this, mergeLists);
  }

  /**
   * Applies {@code patch} to {@code original}, an object of {@code kind} (one of {@link
   * PatchStrategies#kinds()}). A missing or JSON {@code null} patch changes nothing.
   */
  public static Result apply(JsonNode original, JsonNode patch, String kind) {
    if (!PatchStrategies.supports(kind)) {
      return Result.failed(UNSUPPORTED);
    }
    if (original == null || !original.isObject()) {
      return Result.failed(BAD_JSON_DOC);
    }
    if (patch == null || patch.isNull() || patch.isMissingNode()) {
      return Result.of(original.deepCopy());
    }
    if (!patch.isObject()) {
      return Result.failed(BAD_JSON_DOC);
    }
    try {
      StrategicMergePatch merger = new StrategicMergePatch(PatchStrategies.mergeLists(kind));
      return Result.of(merger.mergeMap(original.deepCopy(), (ObjectNode) patch, ""));
    } catch (PatchException e) {
      return Result.failed(e.getMessage());
    }
  }

  /**
   * Merges {@code patch} into {@code original} (which belongs to the result and may be changed) at
   * {@code path}; returns the merged map, which is a new one under {@code $patch}.
   */
  ObjectNode mergeMap(ObjectNode original, ObjectNode patch, String path) {
    JsonNode directive = patch.get(DIRECTIVE);
    if (directive != null) {
      if (is(directive, REPLACE)) {
        return (ObjectNode) scrub(patch);
      }
      if (is(directive, DELETE)) {
        return NODES.objectNode();
      }
      throw badPatchType(directive, patch);
    }
    retainKeys(original, patch);
    Set<String> ordered = new HashSet<>();
    for (Map.Entry<String, JsonNode> entry : patch.properties()) {
      if (entry.getKey().startsWith(SET_ELEMENT_ORDER)) {
        ordered.add(setElementOrder(original, patch, entry.getKey(), entry.getValue(), path));
      }
    }
    for (Map.Entry<String, JsonNode> entry : patch.properties()) {
      String key = entry.getKey();
      if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        mergeField(
            original, listKey(key, DELETE_FROM_PRIMITIVE_LIST), entry.getValue(), path, true);
      } else if (!key.startsWith("$") && !ordered.contains(key)) {
        mergeField(original, key, entry.getValue(), path, false);
      }
    }
    return original;
  }

  private void mergeField(
      ObjectNode original, String key, JsonNode value, String path, boolean deleteList) {
    if (value.isNull()) {
      original.remove(key);
      return;
    }
    JsonNode current = original.get(key);
    if (current == null || current.getNodeType() != value.getNodeType()) {
      if (!deleteList) {
        place(original, key, materialize(value));
      }
      return;
    }
    String at = child(path, key);
    if (current.isObject()) {
      original.set(key, mergeMap((ObjectNode) current, (ObjectNode) value, at));
    } else if (current.isArray()) {
      original.set(key, lists.merge((ArrayNode) current, (ArrayNode) value, at, deleteList));
    } else {
      original.set(key, value.deepCopy());
    }
  }

  /**
   * {@code $retainKeys}: every key the patch sets must be listed, and the original keeps only the
   * listed keys (before the merge, as upstream does; the outcome is the same as after it).
   */
  private static void retainKeys(ObjectNode original, ObjectNode patch) {
    JsonNode retain = patch.get(RETAIN_KEYS);
    if (retain == null) {
      return;
    }
    if (!retain.isArray()) {
      throw error(BAD_RETAIN_KEYS);
    }
    Set<String> keep = new HashSet<>();
    for (JsonNode key : retain) {
      if (key.isTextual()) {
        keep.add(key.textValue());
      }
    }
    for (Map.Entry<String, JsonNode> entry : patch.properties()) {
      String key = entry.getKey();
      boolean exempt =
          key.equals(RETAIN_KEYS)
              || entry.getValue().isNull()
              || key.startsWith(DELETE_FROM_PRIMITIVE_LIST)
              || key.startsWith(SET_ELEMENT_ORDER);
      if (!exempt && !keep.contains(key)) {
        throw error(BAD_RETAIN_KEYS);
      }
    }
    original.retain(keep);
  }

  /**
   * {@code $setElementOrder/<list>}: merges the list now (when the patch has it) and orders the
   * result; returns the list's key so that the main merge skips it.
   */
  private String setElementOrder(
      ObjectNode original, ObjectNode patch, String directiveKey, JsonNode order, String path) {
    if (!order.isArray()) {
      throw badArgType(SLICE, order);
    }
    String key = listKey(directiveKey, SET_ELEMENT_ORDER);
    ArrayNode originalList = arrayOrNull(original.get(key));
    ArrayNode patchList = arrayOrNull(patch.get(key));
    String at = child(path, key);
    String mergeKey = lists.mergeKey(at);
    lists.validateOrder(patchList, (ArrayNode) order, mergeKey);
    ArrayNode merged;
    if (originalList == null && patchList == null) {
      return key;
    } else if (patchList == null) {
      merged = originalList;
    } else if (originalList == null) {
      merged = (ArrayNode) materialize(patchList).orElseThrow();
    } else {
      merged = lists.merge(originalList, patchList, at, false);
    }
    original.set(key, lists.order(merged, (ArrayNode) order, originalList, patchList, mergeKey));
    return key;
  }

  private static ArrayNode arrayOrNull(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (!node.isArray()) {
      throw badArgType(SLICE, node);
    }
    return (ArrayNode) node;
  }

  /** The list a {@code $setElementOrder/} or {@code $deleteFromPrimitiveList/} key names. */
  private static String listKey(String key, String prefix) {
    int slash = key.indexOf('/');
    if (slash < 0 || !key.substring(0, slash).equals(prefix)) {
      throw error(prefix.equals(SET_ELEMENT_ORDER) ? BAD_SET_ELEMENT_ORDER : BAD_PRIMITIVE_LIST);
    }
    return key.substring(slash + 1);
  }

  static boolean is(JsonNode directive, String value) {
    return directive != null && directive.isTextual() && directive.textValue().equals(value);
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static void place(ObjectNode target, String key, Optional<JsonNode> value) {
    if (value.isPresent()) {
      target.set(key, value.get());
    } else {
      target.remove(key);
    }
  }

  /**
   * A patch value taken where the original has nothing to merge it with (upstream's
   * discardNullValuesFromPatch and removeDirectives): {@code null}s in maps are dropped, and so is
   * every map that carries {@code $patch} (empty when the value itself does).
   */
  static Optional<JsonNode> materialize(JsonNode value) {
    if (value.isObject()) {
      if (value.has(DIRECTIVE)) {
        return Optional.empty();
      }
      ObjectNode copy = NODES.objectNode();
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        if (!e.getValue().isNull() && !e.getKey().startsWith("$")) {
          materialize(e.getValue()).ifPresent(v -> copy.set(e.getKey(), v));
        }
      }
      return Optional.of(copy);
    }
    if (value.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      value.forEach(element -> materialize(element).ifPresent(copy::add));
      return Optional.of(copy);
    }
    return Optional.of(value.deepCopy());
  }

  /**
   * A patch value taken as it is (a replaced list, a map under {@code $patch: replace}, a new
   * element of a merged list), as the API server's typed decoding sees it: without the {@code
   * null}s of its maps and without directive keys.
   */
  static JsonNode scrub(JsonNode value) {
    if (value.isObject()) {
      ObjectNode copy = NODES.objectNode();
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        if (!e.getValue().isNull() && !e.getKey().startsWith("$")) {
          copy.set(e.getKey(), scrub(e.getValue()));
        }
      }
      return copy;
    }
    if (value.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      value.forEach(element -> copy.add(scrub(element)));
      return copy;
    }
    return value.deepCopy();
  }
}
