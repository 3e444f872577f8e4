package dev.troupe.core.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * structured-merge-diff's Compare of two bodies: the leaves whose value changed, and the fields and
 * list items that appeared or disappeared. A map, list or list item that appears is itself added
 * (its writer then owns it, shown as {@code ".": {}} in fieldsV1), and everything in it too.
 *
 * <p>Kubernetes compares Go objects, where a struct held by value is never missing: creating a
 * Deployment adds {@code spec.replicas} but not {@code spec} or {@code spec.template}, whereas it
 * does add {@code metadata.labels} (a map) and {@code spec.strategy.rollingUpdate} (a pointer).
 * Without a schema, the objects held by value in the served kinds (and the containers lists, which
 * Go always serializes) are listed here.
 */
final class ObjectCompare {

  /** The outcome: no path is in more than one of the three sets. */
  record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {

    /** The fields whose writer becomes their manager. */
    FieldSet changed() {
      return added.union(modified);
    }
  }

  private static final JsonNode EMPTY = JsonNodeFactory.instance.objectNode();

  /**
   * The objects of each kind that Go holds by value, and the lists it always serializes (as {@code
   * null} when empty), by schema path.
   */
  private static final Set<String> ALWAYS = Set.of("metadata", "spec", "status");

  private static final Map<String, Set<String>> BY_KIND =
      Map.of(
          "Pod",
          Set.of("spec.containers"),
          "Deployment",
          Set.of(
              "spec.template",
              "spec.template.metadata",
              "spec.template.spec",
              "spec.template.spec.containers",
              "spec.strategy"),
          "ReplicaSet",
          Set.of(
              "spec.template",
              "spec.template.metadata",
              "spec.template.spec",
              "spec.template.spec.containers"),
          "Event",
          Set.of("involvedObject", "source"));

  private final String kind;
  private final FieldSet.Builder added = new FieldSet.Builder();
  private final FieldSet.Builder modified = new FieldSet.Builder();
  private final FieldSet.Builder removed = new FieldSet.Builder();

  private ObjectCompare(String kind) {
    this.kind = kind;
  }

  static Comparison compare(JsonNode before, JsonNode after, String kind) {
    ObjectCompare walker = new ObjectCompare(kind);
    walker.compareObjects(before, after, "", new ArrayList<>());
    return new Comparison(walker.added.build(), walker.modified.build(), walker.removed.build());
  }

  private boolean heldByValue(String schemaPath) {
    return ALWAYS.contains(schemaPath)
        || (kind != null && BY_KIND.getOrDefault(kind, Set.of()).contains(schemaPath));
  }

  private void compareValues(
      JsonNode left, JsonNode right, String schemaPath, List<PathElement> path) {
    if ((left == null || right == null) && heldByValue(schemaPath)) {
      JsonNode present = left == null ? right : left;
      if (present.isObject()) {
        compareObjects(
            left == null ? EMPTY : left, right == null ? EMPTY : right, schemaPath, path);
        return;
      }
      ListShape shape = ListShape.of(kind, schemaPath);
      if (present.isArray() && !shape.isAtomic()) {
        JsonNode none = JsonNodeFactory.instance.arrayNode();
        compareItems(
            left == null ? none : left, right == null ? none : right, shape, schemaPath, path);
        return;
      }
    }
    if (left == null) {
      everything(right, schemaPath, path, added);
    } else if (right == null) {
      everything(left, schemaPath, path, removed);
    } else if (left.isObject() && right.isObject()) {
      compareObjects(left, right, schemaPath, path);
    } else if (left.isArray() && right.isArray() && !ListShape.of(kind, schemaPath).isAtomic()) {
      compareItems(left, right, ListShape.of(kind, schemaPath), schemaPath, path);
    } else if (!JsonOrder.same(left, right)) {
      modified.insert(path);
      if (isContainer(left) || isContainer(right)) {
        below(left, schemaPath, path, removed);
        below(right, schemaPath, path, added);
      }
    }
  }

  private static boolean isContainer(JsonNode node) {
    return node.isObject() || node.isArray();
  }

  private void compareObjects(
      JsonNode left, JsonNode right, String schemaPath, List<PathElement> path) {
    for (String name : names(left, right)) {
      path.add(PathElement.field(name));
      compareValues(left.get(name), right.get(name), ListShape.field(schemaPath, name), path);
      path.remove(path.size() - 1);
    }
  }

  private void compareItems(
      JsonNode left, JsonNode right, ListShape shape, String schemaPath, List<PathElement> path) {
    if (left.isEmpty() && right.isEmpty()) {
      return;
    }
    Map<PathElement, JsonNode> leftItems = shape.index(left);
    Map<PathElement, JsonNode> rightItems = shape.index(right);
    String itemPath = ListShape.items(schemaPath);
    for (Map.Entry<PathElement, JsonNode> item : rightItems.entrySet()) {
      path.add(item.getKey());
      compareValues(leftItems.get(item.getKey()), item.getValue(), itemPath, path);
      path.remove(path.size() - 1);
    }
    for (Map.Entry<PathElement, JsonNode> item : leftItems.entrySet()) {
      if (!rightItems.containsKey(item.getKey())) {
        path.add(item.getKey());
        compareValues(item.getValue(), null, itemPath, path);
        path.remove(path.size() - 1);
      }
    }
  }

  /** A value that appeared or disappeared: itself and everything in it. */
  private void everything(
      JsonNode value, String schemaPath, List<PathElement> path, FieldSet.Builder into) {
    into.insert(path);
    below(value, schemaPath, path, into);
  }

  private void below(
      JsonNode value, String schemaPath, List<PathElement> path, FieldSet.Builder into) {
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> member : value.properties()) {
        path.add(PathElement.field(member.getKey()));
        everything(member.getValue(), ListShape.field(schemaPath, member.getKey()), path, into);
        path.remove(path.size() - 1);
      }
    } else if (value.isArray()) {
      ListShape shape = ListShape.of(kind, schemaPath);
      if (shape.isAtomic()) {
        return;
      }
      for (Map.Entry<PathElement, JsonNode> item : shape.index(value).entrySet()) {
        path.add(item.getKey());
        everything(item.getValue(), ListShape.items(schemaPath), path, into);
        path.remove(path.size() - 1);
      }
    }
  }

  /** The member names of both objects: {@code left}'s in order, then those only right has. */
  private static List<String> names(JsonNode left, JsonNode right) {
    List<String> names = new ArrayList<>();
    left.properties().forEach(member -> names.add(member.getKey()));
    for (Map.Entry<String, JsonNode> member : right.properties()) {
      if (!left.has(member.getKey())) {
        names.add(member.getKey());
      }
    }
    return names;
  }
}
