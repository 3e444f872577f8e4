package dev.troupe.core.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random JSON trees from a fixed seed, a small diff that turns one tree into another with add,
 * remove and replace operations, and random operations of every kind, for the property tests.
 */
final class RandomJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Few keys, so two trees share members; some need escaping in a pointer. */
  private static final String[] KEYS = {"a", "b", "c", "tier", "x/y", "m~n", "~1", "", "0", "-"};

  private static final String[] OPS = {"add", "remove", "replace", "move", "copy", "test"};

  /** Where nulls may appear. */
  enum Nulls {
    NONE,
    /** As members, but not inside any object that is in an array. */
    OUTSIDE_ARRAYS,
    ANYWHERE
  }

  private final Random random;
  private final Nulls nulls;

  RandomJson(long seed, Nulls nulls) {
    this.random = new Random(seed);
    this.nulls = nulls;
  }

  ObjectNode object() {
    return object(3, false);
  }

  private ObjectNode object(int depth, boolean underArray) {
    ObjectNode object = NODES.objectNode();
    int size = random.nextInt(5);
    for (int i = 0; i < size; i++) {
      object.set(KEYS[random.nextInt(KEYS.length)], value(depth - 1, underArray));
    }
    return object;
  }

  private JsonNode value(int depth, boolean underArray) {
    boolean nullAllowed = nulls == Nulls.ANYWHERE || (nulls == Nulls.OUTSIDE_ARRAYS && !underArray);
    int kind = random.nextInt(depth > 0 ? 8 : 5);
    return switch (kind) {
      case 0 -> NODES.numberNode(random.nextInt(5));
      case 1 -> NODES.textNode(KEYS[random.nextInt(KEYS.length)]);
      case 2 -> NODES.booleanNode(random.nextBoolean());
      case 3 -> NODES.numberNode(random.nextInt(4) / 2.0);
      case 4 -> nullAllowed ? NODES.nullNode() : NODES.numberNode(-1);
      case 5 -> array(depth);
      default -> object(depth, underArray);
    };
  }

  private ArrayNode array(int depth) {
    ArrayNode array = NODES.arrayNode();
    int size = random.nextInt(4);
    for (int i = 0; i < size; i++) {
      array.add(value(depth - 1, true));
    }
    return array;
  }

  /** Random operations on pointers found in {@code document}, or made up. */
  ArrayNode operations(JsonNode document) {
    List<String> pointers = new ArrayList<>();
    pointers(document, "", pointers);
    ArrayNode operations = NODES.arrayNode();
    int size = 1 + random.nextInt(3);
    for (int i = 0; i < size; i++) {
      ObjectNode op = operations.addObject().put("op", OPS[random.nextInt(OPS.length)]);
      op.put("path", pick(pointers));
      op.put("from", pick(pointers));
      op.set("value", value(2, false));
    }
    return operations;
  }

  /** Mostly an existing value, sometimes a new member or the end of an array, rarely the root. */
  private String pick(List<String> pointers) {
    String pointer = pointers.get(random.nextInt(pointers.size()));
    return switch (random.nextInt(5)) {
      case 0 -> pointer + "/" + escape(KEYS[random.nextInt(KEYS.length)]);
      case 1 -> pointer + "/-";
      default ->
          pointers.size() > 1 && pointer.isEmpty()
              ? pointers.get(1 + random.nextInt(pointers.size() - 1))
              : pointer;
    };
  }

  private static void pointers(JsonNode node, String pointer, List<String> into) {
    into.add(pointer);
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        pointers(member.getValue(), pointer + "/" + escape(member.getKey()), into);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        pointers(node.get(i), pointer + "/" + i, into);
      }
    }
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  /** A JSON patch of add, remove and replace operations that turns {@code from} into {@code to}. */
  static ArrayNode diff(JsonNode from, JsonNode to) {
    ArrayNode operations = NODES.arrayNode();
    diff(from, to, "", operations);
    return operations;
  }

  private static void diff(JsonNode from, JsonNode to, String pointer, ArrayNode operations) {
    if (from.equals(to)) {
      return;
    }
    if (from.isObject() && to.isObject()) {
      for (Map.Entry<String, JsonNode> member : from.properties()) {
        String at = pointer + "/" + escape(member.getKey());
        if (to.has(member.getKey())) {
          diff(member.getValue(), to.get(member.getKey()), at, operations);
        } else {
          operations.addObject().put("op", "remove").put("path", at);
        }
      }
      for (Map.Entry<String, JsonNode> member : to.properties()) {
        if (!from.has(member.getKey())) {
          String at = pointer + "/" + escape(member.getKey());
          operations.addObject().put("op", "add").put("path", at).set("value", member.getValue());
        }
      }
    } else if (from.isArray() && to.isArray()) {
      int common = Math.min(from.size(), to.size());
      for (int i = 0; i < common; i++) {
        diff(from.get(i), to.get(i), pointer + "/" + i, operations);
      }
      for (int i = from.size() - 1; i >= common; i--) {
        operations.addObject().put("op", "remove").put("path", pointer + "/" + i);
      }
      for (int i = common; i < to.size(); i++) {
        operations.addObject().put("op", "add").put("path", pointer + "/-").set("value", to.get(i));
      }
    } else {
      operations.addObject().put("op", "replace").put("path", pointer).set("value", to);
    }
  }
}
