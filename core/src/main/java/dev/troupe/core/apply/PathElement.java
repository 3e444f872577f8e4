package dev.troupe.core.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a field path, as structured-merge-diff names them: a field of an object ({@code
 * f:replicas}), an item of an associative list by its key fields ({@code k:{"name":"web"}}), a
 * member of a set ({@code v:"example.com/protect"}) or a position in a list ({@code i:0}).
 */
public final class PathElement implements Comparable<PathElement> {

  /** The kinds of step, in the order structured-merge-diff sorts them. */
  public enum Type {
    FIELD,
    KEY,
    VALUE,
    INDEX
  }

  private final Type type;
  private final String name;
  private final ObjectNode key;
  private final JsonNode value;
  private final int index;
  private final String canonical;

  private PathElement(Type type, String name, ObjectNode key, JsonNode value, int index) {
    this.type = type;
    this.name = name;
    this.key = key;
    this.value = value;
    this.index = index;
    this.canonical =
        switch (type) {
          case FIELD -> name;
          case KEY -> JsonOrder.canonical(key);
          case VALUE -> JsonOrder.canonical(value);
          case INDEX -> Integer.toString(index);
        };
  }

  public static PathElement field(String name) {
    return new PathElement(Type.FIELD, Objects.requireNonNull(name), null, null, 0);
  }

  /** The item of an associative list whose key fields have these values. */
  public static PathElement key(JsonNode keyFields) {
    if (keyFields == null || !keyFields.isObject() || keyFields.isEmpty()) {
      throw new IllegalArgumentException("the key of a list item is an object of key fields");
    }
    ObjectNode sorted = JsonNodeFactory.instance.objectNode();
    for (String field : JsonOrder.sortedNames(keyFields)) {
      sorted.set(field, keyFields.get(field).deepCopy());
    }
    return new PathElement(Type.KEY, null, sorted, null, 0);
  }

  /** The item of an associative list whose one key field {@code field} is {@code value}. */
  public static PathElement key(String field, JsonNode value) {
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    fields.set(field, value == null ? JsonNodeFactory.instance.nullNode() : value);
    return key(fields);
  }

  /** The member {@code value} of a set. */
  public static PathElement value(JsonNode value) {
    JsonNode member = value == null ? JsonNodeFactory.instance.nullNode() : value.deepCopy();
    return new PathElement(Type.VALUE, null, null, member, 0);
  }

  public static PathElement index(int index) {
    return new PathElement(Type.INDEX, null, null, null, index);
  }

  public Type type() {
    return type;
  }

  /** The field's name, for a {@link Type#FIELD}; null otherwise. */
  public String fieldName() {
    return name;
  }

  /** The key fields, sorted by name, for a {@link Type#KEY}; null otherwise. */
  public ObjectNode keyFields() {
    return key == null ? null : key.deepCopy();
  }

  /** The member, for a {@link Type#VALUE}; null otherwise. */
  public JsonNode value() {
    return value == null ? null : value.deepCopy();
  }

  public int index() {
    return index;
  }

  /** The element as a fieldsV1 key: {@code f:name}, {@code k:{"name":"web"}}, {@code v:"x"}. */
  public String serialize() {
    return switch (type) {
      case FIELD -> "f:" + name;
      case KEY -> "k:" + Json.write(key);
      case VALUE -> "v:" + Json.write(value);
      case INDEX -> "i:" + index;
    };
  }

  /**
   * Reads a fieldsV1 key; empty for a type this version does not know (structured-merge-diff skips
   * those too).
   *
   * @throws IllegalArgumentException when the key is malformed
   */
  public static Optional<PathElement> parse(String text) {
    if (text.length() < 2) {
      throw new IllegalArgumentException("key must be 2 characters long: " + text);
    }
    if (text.charAt(1) != ':') {
      throw new IllegalArgumentException("missing colon: " + text);
    }
    String content = text.substring(2);
    switch (text.charAt(0)) {
      case 'f':
        return Optional.of(field(content));
      case 'k':
        JsonNode fields = readJson(content, text);
        if (!fields.isObject() || fields.isEmpty()) {
          throw new IllegalArgumentException("the key of a list item is not an object: " + text);
        }
        return Optional.of(key(fields));
      case 'v':
        return Optional.of(value(readJson(content, text)));
      case 'i':
        try {
          return Optional.of(index(Integer.parseInt(content)));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("invalid index: " + text, e);
        }
      default:
        return Optional.empty();
    }
  }

  private static JsonNode readJson(String content, String text) {
    try {
      JsonNode node = Json.mapper().readTree(content);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("missing JSON after the colon: " + text);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON in " + text + ": " + e.getOriginalMessage());
    }
  }

  /**
   * The element as Kubernetes prints it in a conflict: {@code .replicas}, {@code [name="web"]},
   * {@code [="x"]}, {@code [0]}.
   */
  @Override
  public String toString() {
    return switch (type) {
      case FIELD -> "." + name;
      case KEY -> keyText();
      case VALUE -> "[=" + JsonOrder.goString(value) + "]";
      case INDEX -> "[" + index + "]";
    };
  }

  private String keyText() {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : key.properties()) {
      parts.add(field.getKey() + "=" + JsonOrder.goString(field.getValue()));
    }
    return "[" + String.join(",", parts) + "]";
  }

  @Override
  public int compareTo(PathElement other) {
    int order = type.compareTo(other.type);
    if (order != 0) {
      return order;
    }
    return switch (type) {
      case FIELD -> name.compareTo(other.name);
      case KEY -> compareKeys(key, other.key);
      case VALUE -> JsonOrder.compare(value, other.value);
      case INDEX -> Integer.compare(index, other.index);
    };
  }

  /** Key field lists compare field by field, by name then value; the shorter list first. */
  private static int compareKeys(ObjectNode a, ObjectNode b) {
    List<String> aNames = JsonOrder.sortedNames(a);
    List<String> bNames = JsonOrder.sortedNames(b);
    for (int i = 0; i < Math.min(aNames.size(), bNames.size()); i++) {
      int order = aNames.get(i).compareTo(bNames.get(i));
      if (order == 0) {
        order = JsonOrder.compare(a.get(aNames.get(i)), b.get(bNames.get(i)));
      }
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(aNames.size(), bNames.size());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PathElement element
        && type == element.type
        && canonical.equals(element.canonical);
  }

  @Override
  public int hashCode() {
    return type.hashCode() * 31 + canonical.hashCode();
  }
}
