package dev.troupe.core.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;

/**
 * The document a JSON patch works on, a private copy edited in place, with the lookups and edits of
 * evanphx/json-patch v4 ({@code findObject}, {@code partialDoc}, {@code partialArray}) and their
 * error texts. Array indices are read as Go's {@code strconv.Atoi} reads them, so {@code +1} and
 * {@code 01} are 1 and a negative index counts from the end.
 */
final class JsonPatchTarget {

  private static final BigInteger MIN_INT64 = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX_INT64 = BigInteger.valueOf(Long.MAX_VALUE);

  /** A failed step; its message is what the API server reports. Never leaves the package. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message, null, false, false);
    }
  }

  /** The container a pointer ends in, and the decoded last token. */
  record Location(JsonNode container, String key) {}

  JsonNode root;

  JsonPatchTarget(JsonNode root) {
    this.root = root;
  }

  /**
   * Where {@code path} points, or {@code null} when its parent does not exist. As in evanphx, the
   * text before the first {@code /} is ignored, and {@code ""} points nowhere.
   */
  Location find(String path) {
    String[] tokens = path.split("/", -1);
    if (tokens.length < 2) {
      return null;
    }
    JsonNode container = root;
    for (int i = 1; i < tokens.length - 1; i++) {
      JsonNode next;
      try {
        next = get(container, decode(tokens[i]));
      } catch (Failure e) {
        return null;
      }
      if (next == null || !next.isContainerNode()) {
        return null;
      }
      container = next;
    }
    return new Location(container, decode(tokens[tokens.length - 1]));
  }

  /** RFC 6901 unescaping in one left-to-right pass: {@code ~1} is {@code /}, {@code ~0} is ~. */
  static String decode(String token) {
    if (token.indexOf('~') < 0) {
      return token;
    }
    StringBuilder out = new StringBuilder(token.length());
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '~' && i + 1 < token.length() && token.charAt(i + 1) == '1') {
        out.append('/');
        i++;
      } else if (c == '~' && i + 1 < token.length() && token.charAt(i + 1) == '0') {
        out.append('~');
        i++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The value at {@code key}, {@code null} for a missing or null object member. */
  static JsonNode get(JsonNode container, String key) throws Failure {
    if (container instanceof ObjectNode object) {
      JsonNode value = object.get(key);
      return value == null || value.isNull() ? null : value;
    }
    ArrayNode array = (ArrayNode) container;
    int index = existingIndex(array, key);
    JsonNode value = array.get(index);
    return value.isNull() ? null : value;
  }

  static void add(JsonNode container, String key, JsonNode value) throws Failure {
    if (container instanceof ObjectNode object) {
      object.set(key, value);
      return;
    }
    ArrayNode array = (ArrayNode) container;
    if (key.equals("-")) {
      array.add(value);
      return;
    }
    long index;
    try {
      index = atoi(key);
    } catch (Failure e) {
      throw new Failure("value was not a proper array index: '" + key + "': " + e.getMessage());
    }
    long size = array.size() + 1L;
    if (index >= size) {
      throw invalidIndex(index);
    }
    if (index < 0) {
      if (index < -size) {
        throw invalidIndex(index);
      }
      index += size;
    }
    array.insert((int) index, value);
  }

  /** Replaces the value at {@code key}; call {@link #get} first, as the replace operation does. */
  static void set(JsonNode container, String key, JsonNode value) throws Failure {
    if (container instanceof ObjectNode object) {
      object.set(key, value);
    } else {
      ArrayNode array = (ArrayNode) container;
      array.set(existingIndex(array, key), value);
    }
  }

  static void remove(JsonNode container, String key) throws Failure {
    if (container instanceof ObjectNode object) {
      if (!object.has(key)) {
        throw new Failure("Unable to remove nonexistent key: " + key + ": missing value");
      }
      object.remove(key);
    } else {
      ArrayNode array = (ArrayNode) container;
      array.remove(existingIndex(array, key));
    }
  }

  private static int existingIndex(ArrayNode array, String key) throws Failure {
    long index = atoi(key);
    if (index < 0) {
      if (index < -array.size()) {
        throw invalidIndex(index);
      }
      index += array.size();
    }
    if (index >= array.size()) {
      throw invalidIndex(index);
    }
    return (int) index;
  }

  private static Failure invalidIndex(long index) {
    return new Failure("Unable to access invalid index: " + index + ": invalid index referenced");
  }

  /** Go's {@code strconv.Atoi} on a 64-bit platform, with its error texts. */
  static long atoi(String text) throws Failure {
    int start = !text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-') ? 1 : 0;
    boolean digits = text.length() > start;
    for (int i = start; i < text.length() && digits; i++) {
      digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
    }
    String prefix = "strconv.Atoi: parsing " + goQuote(text) + ": ";
    if (!digits) {
      throw new Failure(prefix + "invalid syntax");
    }
    BigInteger value = new BigInteger(text.charAt(0) == '+' ? text.substring(1) : text);
    if (value.compareTo(MIN_INT64) < 0 || value.compareTo(MAX_INT64) > 0) {
      throw new Failure(prefix + "value out of range");
    }
    return value.longValue();
  }

  /** Go's {@code strconv.Quote}, for the texts that show in error messages. */
  static String goQuote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0b -> out.append("\\v");
                default -> {
                  if (c < 0x20 || c == 0x7f) {
                    out.append(String.format("\\x%02x", c));
                  } else if (Character.isISOControl(c) || !Character.isDefined(c)) {
                    out.append(String.format(c > 0xffff ? "\\U%08x" : "\\u%04x", c));
                  } else {
                    out.appendCodePoint(c);
                  }
                }
              }
            });
    return out.append('"').toString();
  }
}
