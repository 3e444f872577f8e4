package dev.troupe.core.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The removal half of apply (structured-merge-diff's prune): what a manager applied last time and
 * leaves out now goes, unless some manager (the applier's new configuration included) still owns
 * it.
 */
final class ObjectPrune {

  private ObjectPrune() {}

  /**
   * {@code merged} without the fields of {@code lastApplied} that nobody in {@code owned} claims.
   *
   * <p>It runs in structured-merge-diff's three steps, with every field of an object treated as a
   * struct field (a field on the way to an owned field counts as owned). First everything last
   * applied is removed, whole subtrees with it. Then, starting again from {@code merged}, only what
   * that removed and nobody owns is removed. Last, of what that removed, only what was last applied
   * is removed: a field that merely sat inside a removed one, and that the applier never owned,
   * stays. Worked example: last applied {@code spec.replicas} and {@code spec.paused}, now only
   * {@code spec.replicas}. Step one drops all of {@code spec}; step two drops only {@code
   * spec.paused}, as the new configuration owns {@code spec} and {@code spec.replicas}; step three
   * confirms that removal, as {@code spec.paused} was last applied.
   */
  static ObjectNode prune(ObjectNode merged, FieldSet lastApplied, FieldSet owned, String kind) {
    if (lastApplied.isEmpty()) {
      return merged;
    }
    FieldSet last = lastApplied.withFieldNodesAsMembers();
    FieldSet mergedNodes = ObjectFields.nodes(merged, kind);
    ObjectNode withoutLast = remove(merged, last, kind);
    FieldSet kept = ObjectFields.nodes(withoutLast, kind).union(owned.withFieldNodesAsMembers());
    ObjectNode withoutUnowned = remove(merged, mergedNodes.minus(kept), kind);
    FieldSet dropped = mergedNodes.minus(ObjectFields.nodes(withoutUnowned, kind));
    return remove(merged, dropped.intersect(last), kind);
  }

  /**
   * A copy of {@code object} without the members of {@code set}, each with everything in it. An
   * object or list that this empties goes too, as Kubernetes drops the empty value when it stores
   * the object.
   */
  static ObjectNode remove(ObjectNode object, FieldSet set, String kind) {
    JsonNode kept = remove(object, set, "", kind);
    return kept == null ? JsonNodeFactory.instance.objectNode() : (ObjectNode) kept;
  }

  private static JsonNode remove(JsonNode value, FieldSet set, String schemaPath, String kind) {
    if (value.isObject()) {
      ObjectNode kept = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> member : value.properties()) {
        PathElement element = PathElement.field(member.getKey());
        JsonNode child =
            removeChild(
                member.getValue(),
                set,
                element,
                ListShape.field(schemaPath, member.getKey()),
                kind);
        if (child != null) {
          kept.set(member.getKey(), child);
        }
      }
      return kept.isEmpty() && !value.isEmpty() ? null : kept;
    }
    if (value.isArray()) {
      ListShape shape = ListShape.of(kind, schemaPath);
      if (shape.isAtomic()) {
        return value.deepCopy();
      }
      ArrayNode kept = JsonNodeFactory.instance.arrayNode();
      for (JsonNode item : value) {
        PathElement element = shape.elementOf(item);
        JsonNode child =
            element == null
                ? item.deepCopy()
                : removeChild(item, set, element, ListShape.items(schemaPath), kind);
        if (child != null) {
          kept.add(child);
        }
      }
      return kept.isEmpty() && !value.isEmpty() ? null : kept;
    }
    return value.deepCopy();
  }

  private static JsonNode removeChild(
      JsonNode value, FieldSet set, PathElement element, String schemaPath, String kind) {
    if (set.hasMember(element)) {
      return null;
    }
    FieldSet inside = set.child(element);
    return inside == null ? value.deepCopy() : remove(value, inside, schemaPath, kind);
  }
}
