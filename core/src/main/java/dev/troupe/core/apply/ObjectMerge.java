package dev.troupe.core.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * structured-merge-diff's Merge of an applied configuration into the live object: objects merge
 * field by field, associative lists item by item on their keys, sets as unions; scalars and atomic
 * lists take the configuration's value.
 */
final class ObjectMerge {

  private ObjectMerge() {}

  static ObjectNode merge(ObjectNode live, ObjectNode config, String kind) {
    return (ObjectNode) merge(live, config, "", kind);
  }

  private static JsonNode merge(JsonNode live, JsonNode config, String schemaPath, String kind) {
    if (config == null) {
      return live.deepCopy();
    }
    if (live == null) {
      return config.deepCopy();
    }
    if (live.isObject() && config.isObject()) {
      ObjectNode merged = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> member : live.properties()) {
        String name = member.getKey();
        merged.set(
            name,
            merge(member.getValue(), config.get(name), ListShape.field(schemaPath, name), kind));
      }
      for (Map.Entry<String, JsonNode> member : config.properties()) {
        if (!live.has(member.getKey())) {
          merged.set(member.getKey(), member.getValue().deepCopy());
        }
      }
      return merged;
    }
    if (live.isArray() && config.isArray()) {
      ListShape shape = ListShape.of(kind, schemaPath);
      if (!shape.isAtomic()) {
        return mergeItems(live, config, shape, ListShape.items(schemaPath), kind);
      }
    }
    return config.deepCopy();
  }

  private record Item(PathElement element, JsonNode value) {}

  /**
   * Merges two associative lists or sets. The configuration's items keep the configuration's order;
   * an item only the live list has stays where it was relative to the items around it. For live [a,
   * b] and config [c, a] the result is [c, a, b]: c comes before a as the configuration says, and b
   * still follows a.
   */
  private static ArrayNode mergeItems(
      JsonNode live, JsonNode config, ListShape shape, String itemPath, String kind) {
    List<Item> left = items(live, shape);
    List<Item> right = items(config, shape);
    Map<PathElement, JsonNode> leftByElement = shape.index(live);
    Map<PathElement, JsonNode> rightByElement = shape.index(config);
    Deque<PathElement> sharedInConfigOrder = new ArrayDeque<>();
    for (Item item : right) {
      if (item.element() != null && leftByElement.containsKey(item.element())) {
        sharedInConfigOrder.add(item.element());
      }
    }
    Set<PathElement> merged = new HashSet<>();
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    int l = 0;
    int r = 0;
    while (l < left.size() || r < right.size()) {
      Item liveItem = l < left.size() ? left.get(l) : null;
      Item configItem = r < right.size() ? right.get(r) : null;
      boolean shared = liveItem != null && rightByElement.containsKey(liveItem.element());
      if (shared && configItem != null && liveItem.element().equals(configItem.element())) {
        out.add(mergeItem(liveItem.value(), configItem.value(), shape, itemPath, kind));
        merged.add(liveItem.element());
        sharedInConfigOrder.poll();
        l++;
        r++;
      } else if (shared
          && configItem != null
          && !liveItem.element().equals(sharedInConfigOrder.peek())) {
        // The configuration puts this item later: take it when the configuration gets there.
        l++;
      } else if (liveItem != null && !shared) {
        out.add(liveItem.value().deepCopy());
        l++;
      } else if (liveItem != null && merged.contains(liveItem.element())) {
        l++;
      } else if (configItem != null) {
        JsonNode liveValue =
            configItem.element() == null ? null : leftByElement.get(configItem.element());
        out.add(mergeItem(liveValue, configItem.value(), shape, itemPath, kind));
        if (configItem.element() != null) {
          merged.add(configItem.element());
          if (configItem.element().equals(sharedInConfigOrder.peek())) {
            sharedInConfigOrder.poll();
          }
        }
        r++;
      } else {
        l++;
      }
    }
    return out;
  }

  /**
   * The items with their elements; a live item that cannot be identified, or repeats an earlier
   * one, has a null element and is kept as it is.
   */
  private static List<Item> items(JsonNode list, ListShape shape) {
    List<Item> items = new ArrayList<>();
    Set<PathElement> seen = new HashSet<>();
    for (JsonNode value : list) {
      PathElement element = shape.elementOf(value);
      items.add(new Item(element != null && seen.add(element) ? element : null, value));
    }
    return items;
  }

  private static JsonNode mergeItem(
      JsonNode live, JsonNode config, ListShape shape, String itemPath, String kind) {
    if (shape.type() == ListShape.Type.SET) {
      return config.deepCopy();
    }
    return merge(live, config, itemPath, kind);
  }
}
