package dev.troupe.core.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable set of field paths, structured-merge-diff's fieldpath.Set: a tree whose nodes are
 * {@link PathElement}s, where a node is a member when the path ending there is in the set. A path
 * may be in the set while longer paths through it are too: a list item is owned itself ({@code
 * k:{"name":"web"}}) and so are its fields. Stored in objects as {@linkplain #toFieldsV1()
 * fieldsV1}.
 */
public final class FieldSet {

  public static final FieldSet EMPTY =
      new FieldSet(Collections.emptyNavigableSet(), Collections.emptyNavigableMap());

  private final NavigableSet<PathElement> members;
  private final NavigableMap<PathElement, FieldSet> children;

  private FieldSet(
      NavigableSet<PathElement> members, NavigableMap<PathElement, FieldSet> children) {
    this.members = members;
    this.children = children;
  }

  /**
   * Every field {@code object} sets, as server-side apply records an applied configuration: its
   * scalars, nulls, empty objects and atomic lists, and the items of its associative lists and sets
   * (each with its own fields). The object's identity and server-owned fields ({@code apiVersion},
   * {@code kind}, {@code metadata.name}, {@code .namespace}, {@code .uid}, {@code
   * .resourceVersion}, {@code .generation}, {@code .creationTimestamp}, {@code .deletionTimestamp},
   * {@code .managedFields}) and {@code status} are left out. Items that are not valid list items
   * (without their key, or repeating one) are left out too.
   */
  public static FieldSet of(JsonNode object, String kind) {
    return ObjectFields.fieldSet(SystemFields.body(object, false), kind);
  }

  public static FieldSet ofPaths(Collection<FieldPath> paths) {
    Builder builder = new Builder();
    paths.forEach(path -> builder.insert(path.elements()));
    return builder.build();
  }

  public static FieldSet ofPaths(FieldPath... paths) {
    return ofPaths(List.of(paths));
  }

  public boolean isEmpty() {
    return members.isEmpty() && children.isEmpty();
  }

  public boolean has(FieldPath path) {
    FieldSet set = this;
    List<PathElement> elements = path.elements();
    for (int i = 0; i < elements.size() - 1; i++) {
      set = set.children.get(elements.get(i));
      if (set == null) {
        return false;
      }
    }
    return !elements.isEmpty() && set.members.contains(elements.get(elements.size() - 1));
  }

  public FieldSet union(FieldSet other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    TreeSet<PathElement> unitedMembers = new TreeSet<>(members);
    unitedMembers.addAll(other.members);
    TreeMap<PathElement, FieldSet> unitedChildren = new TreeMap<>(children);
    other.children.forEach(
        (element, child) -> unitedChildren.merge(element, child, FieldSet::union));
    return create(unitedMembers, unitedChildren);
  }

  /**
   * The paths of this set that are not in {@code other}. Like structured-merge-diff's Difference, a
   * path of {@code other} removes only itself, not the longer paths through it.
   */
  public FieldSet minus(FieldSet other) {
    if (isEmpty() || other.isEmpty()) {
      return this;
    }
    TreeSet<PathElement> remainingMembers = new TreeSet<>(members);
    remainingMembers.removeAll(other.members);
    TreeMap<PathElement, FieldSet> remainingChildren = new TreeMap<>();
    children.forEach(
        (element, child) -> {
          FieldSet removed = other.children.get(element);
          remainingChildren.put(element, removed == null ? child : child.minus(removed));
        });
    return create(remainingMembers, remainingChildren);
  }

  public FieldSet intersect(FieldSet other) {
    TreeSet<PathElement> sharedMembers = new TreeSet<>(members);
    sharedMembers.retainAll(other.members);
    TreeMap<PathElement, FieldSet> sharedChildren = new TreeMap<>();
    children.forEach(
        (element, child) -> {
          FieldSet otherChild = other.children.get(element);
          if (otherChild != null) {
            sharedChildren.put(element, child.intersect(otherChild));
          }
        });
    return create(sharedMembers, sharedChildren);
  }

  /**
   * The paths in structured-merge-diff's iteration order: at each level the members first, then the
   * paths through each child, both sorted.
   */
  public List<FieldPath> paths() {
    List<FieldPath> paths = new ArrayList<>();
    collect(new ArrayList<>(), paths);
    return paths;
  }

  private void collect(List<PathElement> prefix, List<FieldPath> paths) {
    for (PathElement member : members) {
      prefix.add(member);
      paths.add(new FieldPath(prefix));
      prefix.remove(prefix.size() - 1);
    }
    children.forEach(
        (element, child) -> {
          prefix.add(element);
          child.collect(prefix, paths);
          prefix.remove(prefix.size() - 1);
        });
  }

  /**
   * The set as {@code managedFields[].fieldsV1} holds it: one JSON member per element, {@code {}}
   * for a path that ends there, and {@code ".": {}} inside a node that is a member as well as the
   * parent of longer paths (an owned list item with owned fields).
   */
  public ObjectNode toFieldsV1() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    emit(json);
    return json;
  }

  private void emit(ObjectNode json) {
    Iterator<PathElement> memberIterator = members.iterator();
    Iterator<Map.Entry<PathElement, FieldSet>> childIterator = children.entrySet().iterator();
    PathElement member = next(memberIterator);
    Map.Entry<PathElement, FieldSet> child = next(childIterator);
    while (member != null || child != null) {
      int order = member == null ? 1 : child == null ? -1 : member.compareTo(child.getKey());
      if (order < 0) {
        json.putObject(member.serialize());
        member = next(memberIterator);
      } else {
        ObjectNode nested = json.putObject(child.getKey().serialize());
        if (order == 0) {
          nested.putObject(".");
          member = next(memberIterator);
        }
        child.getValue().emit(nested);
        child = next(childIterator);
      }
    }
  }

  private static <T> T next(Iterator<T> iterator) {
    return iterator.hasNext() ? iterator.next() : null;
  }

  /**
   * Reads {@code fieldsV1}; elements of unknown types are skipped, as structured-merge-diff skips
   * them.
   *
   * @throws IllegalArgumentException when it is not the fieldsV1 of a set
   */
  public static FieldSet fromFieldsV1(JsonNode fieldsV1) {
    if (fieldsV1 == null || fieldsV1.isNull() || fieldsV1.isMissingNode()) {
      return EMPTY;
    }
    if (!fieldsV1.isObject()) {
      throw new IllegalArgumentException("fieldsV1 is not an object: " + fieldsV1);
    }
    return read(fieldsV1);
  }

  private static FieldSet read(JsonNode json) {
    TreeSet<PathElement> members = new TreeSet<>();
    TreeMap<PathElement, FieldSet> children = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : json.properties()) {
      if (entry.getKey().equals(".")) {
        continue;
      }
      PathElement element = PathElement.parse(entry.getKey()).orElse(null);
      if (element == null) {
        continue;
      }
      JsonNode nested = entry.getValue();
      if (!nested.isObject()) {
        throw new IllegalArgumentException(
            "the value of " + entry.getKey() + " is not an object: " + nested);
      }
      FieldSet child = read(nested);
      if (nested.has(".") || child.isEmpty()) {
        members.add(element);
      }
      if (!child.isEmpty()) {
        children.merge(element, child, FieldSet::union);
      }
    }
    return create(members, children);
  }

  // The helpers server-side apply's pruning needs.

  boolean hasMember(PathElement element) {
    return members.contains(element);
  }

  /** The paths that continue through {@code element}, without it; null when there are none. */
  FieldSet child(PathElement element) {
    return children.get(element);
  }

  /**
   * This set with every field that leads to a member made a member itself: structured-merge-diff's
   * EnsureNamedFieldsAreMembers, for objects whose keys are all named fields of a struct (the model
   * here has no schema to tell a struct from a map).
   */
  FieldSet withFieldNodesAsMembers() {
    if (children.isEmpty()) {
      return this;
    }
    TreeSet<PathElement> allMembers = new TreeSet<>(members);
    TreeMap<PathElement, FieldSet> allChildren = new TreeMap<>();
    children.forEach(
        (element, child) -> {
          if (element.type() == PathElement.Type.FIELD) {
            allMembers.add(element);
          }
          allChildren.put(element, child.withFieldNodesAsMembers());
        });
    return create(allMembers, allChildren);
  }

  private static FieldSet create(
      NavigableSet<PathElement> members, NavigableMap<PathElement, FieldSet> children) {
    children.values().removeIf(FieldSet::isEmpty);
    if (members.isEmpty() && children.isEmpty()) {
      return EMPTY;
    }
    return new FieldSet(
        Collections.unmodifiableNavigableSet(members),
        Collections.unmodifiableNavigableMap(children));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldSet set
        && members.equals(set.members)
        && children.equals(set.children);
  }

  @Override
  public int hashCode() {
    return members.hashCode() * 31 + children.hashCode();
  }

  /** The fieldsV1 JSON. */
  @Override
  public String toString() {
    return toFieldsV1().toString();
  }

  /** Collects paths into a set. */
  static final class Builder {
    private final TreeSet<PathElement> members = new TreeSet<>();
    private final TreeMap<PathElement, Builder> children = new TreeMap<>();

    Builder insert(List<PathElement> path) {
      if (path.isEmpty()) {
        return this;
      }
      Builder node = this;
      for (int i = 0; i < path.size() - 1; i++) {
        node = node.children.computeIfAbsent(path.get(i), element -> new Builder());
      }
      node.members.add(path.get(path.size() - 1));
      return this;
    }

    FieldSet build() {
      TreeMap<PathElement, FieldSet> built = new TreeMap<>();
      children.forEach((element, child) -> built.put(element, child.build()));
      return create(new TreeSet<>(members), built);
    }
  }
}
