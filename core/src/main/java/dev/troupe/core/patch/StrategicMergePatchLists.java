package dev.troupe.core.patch;

import static dev.troupe.core.patch.StrategicMergePatch.DELETE;
import static dev.troupe.core.patch.StrategicMergePatch.DIRECTIVE;
import static dev.troupe.core.patch.StrategicMergePatch.MERGE;
import static dev.troupe.core.patch.StrategicMergePatch.NODES;
import static dev.troupe.core.patch.StrategicMergePatch.REPLACE;
import static dev.troupe.core.patch.StrategicMergePatch.is;
import static dev.troupe.core.patch.StrategicMergePatch.scrub;
import static dev.troupe.core.patch.StrategicMergePatchErrors.MAP;
import static dev.troupe.core.patch.StrategicMergePatchErrors.MERGE_IN_LIST;
import static dev.troupe.core.patch.StrategicMergePatchErrors.NO_ELEMENTS;
import static dev.troupe.core.patch.StrategicMergePatchErrors.NO_LIST_OF_LISTS;
import static dev.troupe.core.patch.StrategicMergePatchErrors.badArgType;
import static dev.troupe.core.patch.StrategicMergePatchErrors.badPatchType;
import static dev.troupe.core.patch.StrategicMergePatchErrors.error;
import static dev.troupe.core.patch.StrategicMergePatchErrors.noMergeKey;
import static dev.troupe.core.patch.StrategicMergePatchErrors.notIdentical;
import static dev.troupe.core.patch.StrategicMergePatchErrors.orderMismatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The lists of a strategic merge patch: merging by key or as a set, the {@code $patch} elements,
 * and the order of the result (upstream's mergeSlice, normalizeElementOrder and mergeSortedSlice:
 * the patch's items keep the patch's order, the server-only items keep the original's order, and
 * the two are interleaved by their places in the original).
 */
final class StrategicMergePatchLists {

  private final StrategicMergePatch maps;
  private final Map<String, String> mergeLists;

  StrategicMergePatchLists(StrategicMergePatch maps, Map<String, String> mergeLists) {
    this.maps = maps;
    this.mergeLists = mergeLists;
  }

  /** The merge key of the list at {@code path}; "" for a set of primitives or a replaced list. */
  String mergeKey(String path) {
    return mergeLists.getOrDefault(path, "");
  }

  /** Upstream's mergeSliceHandler: merge lists merge (as do deletion lists), others replace. */
  ArrayNode merge(ArrayNode original, ArrayNode patch, String path, boolean deleteList) {
    String mergeKey = mergeLists.get(path);
    if (mergeKey == null && !deleteList) {
      return (ArrayNode) scrub(patch);
    }
    return mergeSlice(original, patch, mergeKey == null ? "" : mergeKey, path, deleteList);
  }

  private ArrayNode mergeSlice(
      ArrayNode original, ArrayNode patch, String mergeKey, String path, boolean deleteList) {
    if (original.isEmpty() && patch.isEmpty()) {
      return original;
    }
    JsonNodeType kind = elementType(original, patch);
    List<JsonNode> items = elements(original);
    List<JsonNode> patchItems;
    List<JsonNode> serverOrder;
    if (kind != JsonNodeType.OBJECT) {
      if (deleteList) {
        items.removeIf(item -> contains(elements(patch), item));
        return array(items);
      }
      serverOrder = elements(original);
      patchItems = elements(patch);
      for (JsonNode item : patchItems) {
        if (!contains(items, item)) {
          items.add(item.deepCopy());
        }
      }
      List<JsonNode> unique = new ArrayList<>();
      items.forEach(item -> add(unique, item));
      items = unique;
    } else {
      if (mergeKey.isEmpty()) {
        throw error("cannot merge lists without merge key for " + path);
      }
      patchItems = new ArrayList<>();
      boolean replace = false;
      for (JsonNode element : patch) {
        JsonNode directive = element.get(DIRECTIVE);
        if (directive == null) {
          patchItems.add(element);
        } else if (is(directive, DELETE)) {
          JsonNode value = element.get(mergeKey);
          if (value == null) {
            throw noMergeKey(element, mergeKey);
          }
          items.removeIf(item -> same(item.get(mergeKey), value));
        } else if (is(directive, REPLACE)) {
          replace = true;
        } else if (is(directive, MERGE)) {
          throw error(MERGE_IN_LIST);
        } else {
          throw badPatchType(directive, element);
        }
      }
      if (replace) {
        items = new ArrayList<>();
        for (JsonNode element : patchItems) {
          items.add(scrub(element));
        }
        patchItems = List.of();
      }
      serverOrder = new ArrayList<>(items);
      for (JsonNode element : patchItems) {
        JsonNode value = element.get(mergeKey);
        if (value == null) {
          throw noMergeKey(element, mergeKey);
        }
        int at = indexOfKey(items, mergeKey, value);
        if (at >= 0) {
          items.set(
              at, maps.mergeMap((ObjectNode) items.get(at), (ObjectNode) element, path + "[]"));
        } else {
          items.add(scrub(element));
        }
      }
    }
    List<List<JsonNode>> parts = partition(items, patchItems, mergeKey);
    return array(normalize(parts.get(0), parts.get(1), patchItems, serverOrder, mergeKey, kind));
  }

  /** Upstream's validatePatchWithSetOrderList: the patch's items, in order, are in the order. */
  void validateOrder(ArrayNode patchList, ArrayNode order, String mergeKey) {
    if (order.isEmpty() || patchList == null || patchList.isEmpty()) {
      return;
    }
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode element : patchList) {
      if (!mergeKey.isEmpty() && !element.isObject()) {
        throw badArgType(MAP, element);
      }
      if (mergeKey.isEmpty() || !is(element.get(DIRECTIVE), DELETE)) {
        items.add(element);
      }
    }
    int patchIndex = 0;
    int orderIndex = 0;
    while (patchIndex < items.size() && orderIndex < order.size()) {
      JsonNode item = items.get(patchIndex);
      if (item.isObject() && item.has(DIRECTIVE)) {
        patchIndex++;
        continue;
      }
      if (sameKey(item, order.get(orderIndex), mergeKey)) {
        patchIndex++;
      }
      orderIndex++;
    }
    if (patchIndex < items.size()) {
      throw orderMismatch(patchList, order);
    }
  }

  private static boolean sameKey(JsonNode left, JsonNode right, String mergeKey) {
    if (mergeKey.isEmpty()) {
      return same(left, right);
    }
    for (JsonNode side : List.of(left, right)) {
      if (!side.isObject()) {
        throw badArgType(MAP, side);
      }
      if (!side.has(mergeKey)) {
        throw noMergeKey(side, mergeKey);
      }
    }
    return same(left.get(mergeKey), right.get(mergeKey));
  }

  /**
   * Orders a merged list by a {@code $setElementOrder} list (upstream's mergePatchIntoOriginal).
   */
  ArrayNode order(
      ArrayNode merged, ArrayNode order, ArrayNode original, ArrayNode patch, String mergeKey) {
    List<List<JsonNode>> parts = partition(elements(merged), elements(order), mergeKey);
    JsonNodeType kind = elementType(original, patch);
    List<JsonNode> serverOrder = original == null ? List.of() : elements(original);
    return array(
        normalize(parts.get(0), parts.get(1), elements(order), serverOrder, mergeKey, kind));
  }

  /** The items found in {@code by}, and the others. */
  private static List<List<JsonNode>> partition(
      List<JsonNode> items, List<JsonNode> by, String mergeKey) {
    List<JsonNode> found = new ArrayList<>();
    List<JsonNode> others = new ArrayList<>();
    for (JsonNode item : items) {
      boolean present;
      if (mergeKey.isEmpty()) {
        present = contains(by, item);
      } else {
        if (!item.isObject()) {
          throw badArgType(MAP, item);
        }
        if (!item.has(mergeKey)) {
          throw noMergeKey(item, mergeKey);
        }
        present = indexOfKey(by, mergeKey, item.get(mergeKey)) >= 0;
      }
      (present ? found : others).add(item);
    }
    return List.of(found, others);
  }

  private static List<JsonNode> normalize(
      List<JsonNode> patchItems,
      List<JsonNode> serverOnly,
      List<JsonNode> patchOrder,
      List<JsonNode> serverOrder,
      String mergeKey,
      JsonNodeType kind) {
    List<JsonNode> right = sortByOrder(patchItems, patchOrder, mergeKey, kind);
    List<JsonNode> left = sortByOrder(serverOnly, serverOrder, mergeKey, kind);
    List<JsonNode> all = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < left.size() || j < right.size()) {
      if (j >= right.size()) {
        all.add(left.get(i++));
      } else if (i >= left.size()) {
        all.add(right.get(j++));
      } else {
        int l = index(serverOrder, left.get(i), mergeKey, kind);
        int r = index(serverOrder, right.get(j), mergeKey, kind);
        all.add(l >= 0 && r >= 0 && l < r ? left.get(i++) : right.get(j++));
      }
    }
    return all;
  }

  /**
   * Upstream's normalizeSliceOrder: a stable insertion sort by place in {@code order} (an item
   * missing from it counts as smaller), with {@code $patch: delete} elements moved last.
   */
  private static List<JsonNode> sortByOrder(
      List<JsonNode> toSort, List<JsonNode> order, String mergeKey, JsonNodeType kind) {
    List<JsonNode> sorted = new ArrayList<>();
    List<JsonNode> deletions = new ArrayList<>();
    if (kind == JsonNodeType.OBJECT) {
      for (List<JsonNode> list : List.of(toSort, order)) {
        for (JsonNode item : list) {
          if (!item.isObject()) {
            throw badArgType(MAP, item);
          }
          if (!item.has(mergeKey)) {
            throw noMergeKey(item, mergeKey);
          }
        }
      }
    }
    for (JsonNode item : toSort) {
      boolean deletion = kind == JsonNodeType.OBJECT && is(item.get(DIRECTIVE), DELETE);
      (deletion ? deletions : sorted).add(item);
    }
    for (int i = 1; i < sorted.size(); i++) {
      for (int j = i; j > 0 && less(sorted.get(j), sorted.get(j - 1), order, mergeKey, kind); j--) {
        sorted.set(j - 1, sorted.set(j, sorted.get(j - 1)));
      }
    }
    sorted.addAll(deletions);
    return sorted;
  }

  private static boolean less(
      JsonNode a, JsonNode b, List<JsonNode> order, String mergeKey, JsonNodeType kind) {
    int ia = index(order, a, mergeKey, kind);
    int ib = ia < 0 ? -1 : index(order, b, mergeKey, kind);
    return ia < 0 || ib < 0 || ia < ib;
  }

  /** Where {@code item} is in {@code list}: by merge key for maps, by value otherwise. */
  private static int index(List<JsonNode> list, JsonNode item, String mergeKey, JsonNodeType kind) {
    for (int i = 0; i < list.size(); i++) {
      JsonNode candidate = list.get(i);
      boolean match =
          kind == JsonNodeType.OBJECT
              ? same(candidate.get(mergeKey), item.get(mergeKey))
              : same(candidate, item);
      if (match) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOfKey(List<JsonNode> list, String mergeKey, JsonNode value) {
    for (int i = 0; i < list.size(); i++) {
      JsonNode element = list.get(i);
      if (!element.isObject()) {
        throw error("value for key " + i + " is not a map");
      }
      if (element.has(mergeKey) && same(element.get(mergeKey), value)) {
        return i;
      }
    }
    return -1;
  }

  /** Upstream's sliceElementType: the one type of all the elements of the given lists. */
  private static JsonNodeType elementType(ArrayNode... lists) {
    JsonNodeType type = null;
    for (ArrayNode list : lists) {
      if (list == null) {
        continue;
      }
      for (JsonNode element : list) {
        if (type == null) {
          type = element.getNodeType();
          if (type == JsonNodeType.ARRAY) {
            throw error(NO_LIST_OF_LISTS);
          }
        } else if (type != element.getNodeType()) {
          throw notIdentical(Arrays.asList(lists));
        }
      }
    }
    if (type == null) {
      throw error(NO_ELEMENTS);
    }
    return type;
  }

  /** JSON equality, with numbers compared by value (an integer never equals a fraction). */
  static boolean same(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.isIntegralNumber() == b.isIntegralNumber()
          && a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  private static boolean contains(List<JsonNode> list, JsonNode item) {
    return list.stream().anyMatch(candidate -> same(candidate, item));
  }

  private static void add(List<JsonNode> unique, JsonNode item) {
    if (!contains(unique, item)) {
      unique.add(item);
    }
  }

  private static List<JsonNode> elements(ArrayNode list) {
    List<JsonNode> elements = new ArrayList<>();
    list.forEach(elements::add);
    return elements;
  }

  private static ArrayNode array(List<JsonNode> items) {
    ArrayNode array = NODES.arrayNode();
    items.forEach(array::add);
    return array;
  }
}
