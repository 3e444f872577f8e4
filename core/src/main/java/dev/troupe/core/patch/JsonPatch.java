package dev.troupe.core.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.patch.JsonPatchTarget.Failure;
import dev.troupe.core.patch.JsonPatchTarget.Location;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON Patch ({@code application/json-patch+json}, RFC 6902) as the Kubernetes API server applies
 * it with evanphx/json-patch v4.12.0, error texts included. Pure: never mutates its inputs, never
 * throws for bad input, and applies all operations or none.
 *
 * <p>Where evanphx departs from RFC 6902, this does too: {@code replace} of a missing object member
 * adds it; {@code copy} from a missing object member copies {@code null}; {@code test} of a missing
 * member against {@code null} succeeds; a negative array index counts from the end; {@code add},
 * {@code remove}, {@code move} and {@code copy} cannot address the whole document ({@code ""}), and
 * {@code replace} of the whole document with a scalar does nothing; a JSON {@code null} body is an
 * empty patch. Numbers in {@code test} match when both are integers or both are not, and are equal.
 * One departure from the API server, which takes a missing {@code value} for {@code null}: an
 * {@code add}, {@code replace} or {@code test} without {@code value} fails.
 */
public final class JsonPatch {

  /** The API server refuses (413) patches with more operations. */
  public static final int MAX_OPERATIONS = 10_000;

  /** The API server's limit on the bytes all {@code copy} operations of one patch may add. */
  public static final long MAX_COPY_BYTES = 3L * 1024 * 1024;

  /** How a patch failed, which decides the API server's answer. */
  public enum Problem {
    /** The body is not an array of objects: 400 Bad Request. */
    MALFORMED,
    /** More than {@link #MAX_OPERATIONS} operations: 413 Request Entity Too Large. */
    TOO_MANY_OPERATIONS,
    /** An operation cannot be decoded or does not apply: 422 Unprocessable Entity. */
    NOT_APPLICABLE
  }

  /** The outcome of {@link #apply}. */
  public sealed interface Result permits Patched, Failed {}

  /** The outcome of {@link #parse}. */
  public sealed interface Parse permits Parsed, Failed {}

  /** The patched document, which shares no node with the inputs. */
  public record Patched(JsonNode document) implements Result {}

  /** Why nothing was applied, in the API server's words. */
  public record Failed(Problem problem, String message) implements Result, Parse {}

  /** A patch whose every operation is well formed. */
  public record Parsed(List<Operation> operations) implements Parse {
    public Parsed {
      operations = List.copyOf(operations);
    }
  }

  /**
   * One well-formed operation: {@code from} is set for move and copy only, {@code value} (a copy,
   * maybe JSON {@code null}) for add, replace and test only.
   */
  public record Operation(String op, String path, String from, JsonNode value) {}

  private JsonPatch() {}

  /**
   * Checks that {@code document} is a JSON patch: an array (or {@code null}) of at most {@link
   * #MAX_OPERATIONS} objects, each with a known {@code op} and the fields it needs. Reports the
   * first problem, with the text the API server gives for it when it meets it.
   */
  public static Parse parse(JsonNode document) {
    Body body = body(document);
    if (body.failed() != null) {
      return body.failed();
    }
    List<Operation> operations = new ArrayList<>();
    for (JsonNode element : body.operations()) {
      try {
        operations.add(decode(element));
      } catch (Failure e) {
        return new Failed(Problem.NOT_APPLICABLE, e.getMessage());
      }
    }
    return new Parsed(operations);
  }

  /**
   * Applies the operations in order to a copy of {@code target} (an object or an array) and returns
   * it, or the first failure.
   */
  public static Result apply(JsonNode target, JsonNode operations) {
    Body body = body(operations);
    if (body.failed() != null) {
      return body.failed();
    }
    if (target == null || !target.isContainerNode()) {
      return new Failed(
          Problem.NOT_APPLICABLE,
          "json: cannot unmarshal "
              + goKind(target)
              + " into Go value of type jsonpatch.partialDoc");
    }
    JsonPatchTarget document = new JsonPatchTarget(target.deepCopy());
    long[] copied = {0};
    try {
      for (JsonNode element : body.operations()) {
        step(document, element, copied);
      }
    } catch (Failure e) {
      return new Failed(Problem.NOT_APPLICABLE, e.getMessage());
    }
    return new Patched(document.root);
  }

  /** The operation nodes of a patch, or why it is not one (as Go's decoder says it). */
  private record Body(List<JsonNode> operations, Failed failed) {}

  private static Body body(JsonNode document) {
    if (document == null || document.isNull() || document.isMissingNode()) {
      return new Body(List.of(), null);
    }
    if (!(document instanceof ArrayNode array)) {
      return new Body(List.of(), malformed(document, "jsonpatch.Patch"));
    }
    List<JsonNode> nodes = new ArrayList<>(array.size());
    for (JsonNode element : array) {
      if (!element.isObject() && !element.isNull()) {
        return new Body(List.of(), malformed(element, "jsonpatch.Operation"));
      }
      nodes.add(element);
    }
    if (nodes.size() > MAX_OPERATIONS) {
      String message =
          "The allowed maximum operations in a JSON patch is "
              + MAX_OPERATIONS
              + ", got "
              + nodes.size();
      return new Body(List.of(), new Failed(Problem.TOO_MANY_OPERATIONS, message));
    }
    return new Body(nodes, null);
  }

  private static Failed malformed(JsonNode node, String goType) {
    return new Failed(
        Problem.MALFORMED,
        "json: cannot unmarshal " + goKind(node) + " into Go value of type " + goType);
  }

  /** Decodes the fields in the order the API server reads them, without a document. */
  private static Operation decode(JsonNode element) throws Failure {
    String op = kind(element);
    return switch (op) {
      case "add", "replace", "test" -> {
        String path = path(element, op);
        yield new Operation(op, path, null, value(element, op).deepCopy());
      }
      case "remove" -> new Operation(op, path(element, op), null, null);
      case "move", "copy" -> {
        String from = from(element, op);
        yield new Operation(op, path(element, op), from, null);
      }
      default -> throw new Failure("Unexpected kind: " + op);
    };
  }

  private static void step(JsonPatchTarget document, JsonNode element, long[] copied)
      throws Failure {
    String op = kind(element);
    switch (op) {
      case "add" -> {
        String path = path(element, op);
        JsonNode value = value(element, op);
        Location at = document.find(path);
        if (at == null) {
          throw missing("add operation does not apply: doc is missing path: \"" + path + "\"");
        }
        try {
          JsonPatchTarget.add(at.container(), at.key(), value.deepCopy());
        } catch (Failure e) {
          throw new Failure("error in add for path: '" + path + "': " + e.getMessage());
        }
      }
      case "remove" -> {
        String path = path(element, op);
        Location at = document.find(path);
        if (at == null) {
          throw missing("remove operation does not apply: doc is missing path: \"" + path + "\"");
        }
        try {
          JsonPatchTarget.remove(at.container(), at.key());
        } catch (Failure e) {
          throw new Failure("error in remove for path: '" + path + "': " + e.getMessage());
        }
      }
      case "replace" -> replace(document, path(element, op), value(element, op));
      case "move" -> move(document, element);
      case "copy" -> copy(document, element, copied);
      case "test" -> test(document, path(element, op), value(element, op));
      default -> throw new Failure("Unexpected kind: " + op);
    }
  }

  private static void replace(JsonPatchTarget document, String path, JsonNode value)
      throws Failure {
    if (path.isEmpty()) {
      if (value.isContainerNode()) {
        document.root = value.deepCopy();
      }
      return;
    }
    Location at = document.find(path);
    if (at == null) {
      throw missing("replace operation does not apply: doc is missing path: " + path);
    }
    try {
      JsonPatchTarget.get(at.container(), at.key());
    } catch (Failure e) {
      throw missing("replace operation does not apply: doc is missing key: " + path);
    }
    JsonPatchTarget.set(at.container(), at.key(), value.deepCopy());
  }

  private static void move(JsonPatchTarget document, JsonNode element) throws Failure {
    String from = from(element, "move");
    Location source = document.find(from);
    if (source == null) {
      throw missing("move operation does not apply: doc is missing from path: " + from);
    }
    JsonNode value;
    try {
      value = JsonPatchTarget.get(source.container(), source.key());
      JsonPatchTarget.remove(source.container(), source.key());
    } catch (Failure e) {
      throw new Failure("error in move for path: '" + source.key() + "': " + e.getMessage());
    }
    String path = path(element, "move");
    Location at = document.find(path);
    if (at == null) {
      throw missing("move operation does not apply: doc is missing destination path: " + path);
    }
    try {
      JsonPatchTarget.add(at.container(), at.key(), value == null ? NullNode.getInstance() : value);
    } catch (Failure e) {
      throw new Failure("error in move for path: '" + path + "': " + e.getMessage());
    }
  }

  private static void copy(JsonPatchTarget document, JsonNode element, long[] copied)
      throws Failure {
    String from = from(element, "copy");
    Location source = document.find(from);
    if (source == null) {
      throw missing("copy operation does not apply: doc is missing from path: " + from);
    }
    JsonNode value;
    try {
      value = JsonPatchTarget.get(source.container(), source.key());
    } catch (Failure e) {
      throw new Failure("error in copy for from: '" + from + "': " + e.getMessage());
    }
    String path = path(element, "copy");
    Location at = document.find(path);
    if (at == null) {
      throw missing("copy operation does not apply: doc is missing destination path: " + path);
    }
    JsonNode duplicate = value == null ? NullNode.getInstance() : value.deepCopy();
    copied[0] += value == null ? 0 : goJsonSize(value);
    if (copied[0] > MAX_COPY_BYTES) {
      throw new Failure(
          "Unable to complete the copy, the accumulated size increase of copy is "
              + copied[0]
              + ", exceeding the limit "
              + MAX_COPY_BYTES);
    }
    try {
      JsonPatchTarget.add(at.container(), at.key(), duplicate);
    } catch (Failure e) {
      throw new Failure("error while adding value during copy: " + e.getMessage());
    }
  }

  private static void test(JsonPatchTarget document, String path, JsonNode expected)
      throws Failure {
    if (path.isEmpty()) {
      if (!JsonValues.same(document.root, expected)) {
        throw new Failure("testing value  failed: test failed");
      }
      return;
    }
    Location at = document.find(path);
    if (at == null) {
      throw missing("test operation does not apply: is missing path: " + path);
    }
    JsonNode actual;
    try {
      actual = JsonPatchTarget.get(at.container(), at.key());
    } catch (Failure e) {
      throw new Failure("error in test for path: '" + path + "': " + e.getMessage());
    }
    boolean same = actual == null ? expected.isNull() : JsonValues.same(actual, expected);
    if (!same) {
      throw new Failure("testing value " + path + " failed: test failed");
    }
  }

  private static Failure missing(String message) {
    return new Failure(message + ": missing value");
  }

  /** The {@code op} field; anything but a string is {@code unknown}, as in evanphx. */
  private static String kind(JsonNode element) {
    JsonNode op = element.get("op");
    return op != null && op.isTextual() ? op.textValue() : "unknown";
  }

  private static String path(JsonNode element, String op) throws Failure {
    JsonNode path = element.get("path");
    String cause;
    if (path == null || path.isNull()) {
      cause = "operation missing path field: missing value";
    } else if (path.isTextual()) {
      return path.textValue();
    } else {
      cause = notAString(path);
    }
    // add, remove and copy say "missing value" whatever the cause, as evanphx does.
    boolean keepsCause = op.equals("replace") || op.equals("move") || op.equals("test");
    throw new Failure(
        op + " operation failed to decode path: " + (keepsCause ? cause : "missing value"));
  }

  private static String from(JsonNode element, String op) throws Failure {
    JsonNode from = element.get("from");
    if (from != null && from.isTextual()) {
      return from.textValue();
    }
    String cause =
        from == null || from.isNull()
            ? "operation, missing from field: missing value"
            : notAString(from);
    throw new Failure(op + " operation failed to decode from: " + cause);
  }

  private static JsonNode value(JsonNode element, String op) throws Failure {
    JsonNode value = element.get("value");
    if (value == null) {
      throw new Failure(
          op + " operation failed to decode value: operation, missing value field: missing value");
    }
    return value;
  }

  private static String notAString(JsonNode node) {
    return "json: cannot unmarshal " + goKind(node) + " into Go value of type string";
  }

  /** The name Go's decoder gives the JSON type of {@code node}. */
  private static String goKind(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "null";
    }
    if (node instanceof ObjectNode) {
      return "object";
    }
    if (node instanceof ArrayNode) {
      return "array";
    }
    if (node.isNumber()) {
      return "number";
    }
    return node.isBoolean() ? "bool" : "string";
  }

  /** The bytes Go's encoder writes for {@code value}: it escapes {@code < > &} as six bytes. */
  private static long goJsonSize(JsonNode value) {
    String text = value.toString();
    long size = text.getBytes(StandardCharsets.UTF_8).length;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '<' || c == '>' || c == '&') {
        size += 5;
      } else if (c == '\u2028' || c == '\u2029') {
        size += 3;
      }
    }
    return size;
  }
}
