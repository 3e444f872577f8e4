package dev.troupe.core.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The field sets of an object's body, and the checks an applied configuration must pass. */
final class ObjectFields {

  private ObjectFields() {}

  /** structured-merge-diff's ToFieldSet: the leaves and list items of a body. */
  static FieldSet fieldSet(JsonNode body, String kind) {
    FieldSet.Builder builder = new FieldSet.Builder();
    walkObject(body, "", new ArrayList<>(), kind, builder);
    return builder.build();
  }

  /**
   * Every node of a body, each a member: its fields (including objects and lists that hold
   * something) and its list items. Pruning works on these sets.
   */
  static FieldSet nodes(JsonNode body, String kind) {
    return fieldSet(body, kind).withFieldNodesAsMembers();
  }

  private static void walkObject(
      JsonNode object, String schemaPath, List<PathElement> path, String kind, FieldSet.Builder b) {
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      path.add(PathElement.field(member.getKey()));
      walkValue(member.getValue(), ListShape.field(schemaPath, member.getKey()), path, kind, b);
      path.remove(path.size() - 1);
    }
  }

  private static void walkValue(
      JsonNode value, String schemaPath, List<PathElement> path, String kind, FieldSet.Builder b) {
    if (value.isObject() && !value.isEmpty()) {
      walkObject(value, schemaPath, path, kind, b);
      return;
    }
    ListShape shape = value.isArray() ? ListShape.of(kind, schemaPath) : null;
    if (shape == null || shape.isAtomic()) {
      b.insert(path);
      return;
    }
    for (Map.Entry<PathElement, JsonNode> item : shape.index(value).entrySet()) {
      path.add(item.getKey());
      b.insert(path);
      if (item.getValue().isObject()) {
        walkObject(item.getValue(), ListShape.items(schemaPath), path, kind, b);
      }
      path.remove(path.size() - 1);
    }
  }

  /**
   * What makes a configuration unusable for apply, as structured-merge-diff reports it while typing
   * the patch: {@code .spec.containers: element 0: associative list with keys has an element that
   * omits all key fields ["name"] (...)}, {@code .spec.ports: duplicate entries for key [port=80]}.
   */
  static List<String> problems(JsonNode body, String kind) {
    List<String> problems = new ArrayList<>();
    checkObject(body, "", new FieldPath(List.of()), kind, problems);
    return problems;
  }

  private static void checkObject(
      JsonNode object, String schemaPath, FieldPath path, String kind, List<String> problems) {
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      checkValue(
          member.getValue(),
          ListShape.field(schemaPath, member.getKey()),
          path.append(PathElement.field(member.getKey())),
          kind,
          problems);
    }
  }

  private static void checkValue(
      JsonNode value, String schemaPath, FieldPath path, String kind, List<String> problems) {
    if (value.isObject()) {
      checkObject(value, schemaPath, path, kind, problems);
      return;
    }
    if (!value.isArray()) {
      return;
    }
    ListShape shape = ListShape.of(kind, schemaPath);
    if (shape.isAtomic()) {
      return;
    }
    Set<PathElement> seen = new HashSet<>();
    int index = 0;
    for (JsonNode item : value) {
      String problem = shape.problemWith(item);
      if (problem != null) {
        problems.add(path + ": element " + index + ": " + problem);
        return;
      }
      PathElement element = shape.elementOf(item);
      if (!seen.add(element)) {
        problems.add(path + ": duplicate entries for key " + element);
      }
      if (item.isObject()) {
        checkObject(item, ListShape.items(schemaPath), path.append(element), kind, problems);
      }
      index++;
    }
  }
}
