package dev.troupe.core.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The order, equality and printing of JSON values in structured-merge-diff (value.Compare,
 * value.Equals, value.ToString): numbers compare by value whatever their representation, then
 * strings, booleans, lists, maps and null, in that order.
 */
final class JsonOrder {

  private JsonOrder() {}

  /** A total order over JSON values; Java null and missing nodes are JSON null. */
  static int compare(JsonNode a, JsonNode b) {
    int rank = Integer.compare(rank(a), rank(b));
    if (rank != 0) {
      return rank;
    }
    switch (rank(a)) {
      case 0:
        return compareNumbers(a, b);
      case 1:
        return a.textValue().compareTo(b.textValue());
      case 2:
        return Boolean.compare(a.booleanValue(), b.booleanValue());
      case 3:
        return compareLists(a, b);
      case 4:
        return compareMaps(a, b);
      default:
        return 0;
    }
  }

  static boolean same(JsonNode a, JsonNode b) {
    return compare(a, b) == 0;
  }

  /** Text that is equal exactly when the values are {@link #same}: the basis of hash codes. */
  static String canonical(JsonNode node) {
    StringBuilder text = new StringBuilder();
    canonical(node, text);
    return text.toString();
  }

  /**
   * A value as structured-merge-diff prints it in a path: strings quoted the way Go's {@code %q}
   * quotes them, other scalars bare.
   */
  static String goString(JsonNode node) {
    if (isNull(node)) {
      return "null";
    }
    if (node.isTextual()) {
      return goQuote(node.textValue());
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(goString(item)));
      return "[" + String.join(",", items) + "]";
    }
    if (node.isObject()) {
      StringBuilder text = new StringBuilder();
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        text.append(member.getKey()).append('=').append(goString(member.getValue()));
      }
      return text.toString();
    }
    return node.toString();
  }

  /** Go's {@code %q} for the strings Kubernetes objects hold. */
  static String goQuote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          quoted.append("\\\"");
          break;
        case '\\':
          quoted.append("\\\\");
          break;
        case '\n':
          quoted.append("\\n");
          break;
        case '\t':
          quoted.append("\\t");
          break;
        case '\r':
          quoted.append("\\r");
          break;
        default:
          if (c < 0x20 || c == 0x7f) {
            quoted.append(String.format("\\x%02x", (int) c));
          } else {
            quoted.append(c);
          }
      }
    }
    return quoted.append('"').toString();
  }

  static boolean isNull(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  private static int rank(JsonNode node) {
    if (isNull(node)) {
      return 5;
    }
    if (node.isNumber()) {
      return 0;
    }
    if (node.isBoolean()) {
      return 2;
    }
    if (node.isArray()) {
      return 3;
    }
    if (node.isObject()) {
      return 4;
    }
    return 1;
  }

  private static int compareNumbers(JsonNode a, JsonNode b) {
    try {
      return a.decimalValue().compareTo(b.decimalValue());
    } catch (NumberFormatException notFinite) {
      return Double.compare(a.doubleValue(), b.doubleValue());
    }
  }

  private static int compareLists(JsonNode a, JsonNode b) {
    Iterator<JsonNode> others = b.iterator();
    for (JsonNode item : a) {
      if (!others.hasNext()) {
        return 1;
      }
      int order = compare(item, others.next());
      if (order != 0) {
        return order;
      }
    }
    return others.hasNext() ? -1 : 0;
  }

  /** Maps compare as their members sorted by name: name, then value, the shorter first. */
  private static int compareMaps(JsonNode a, JsonNode b) {
    List<String> aNames = sortedNames(a);
    List<String> bNames = sortedNames(b);
    for (int i = 0; i < Math.min(aNames.size(), bNames.size()); i++) {
      int order = aNames.get(i).compareTo(bNames.get(i));
      if (order == 0) {
        order = compare(a.get(aNames.get(i)), b.get(bNames.get(i)));
      }
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(aNames.size(), bNames.size());
  }

  static List<String> sortedNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      names.add(member.getKey());
    }
    names.sort(null);
    return names;
  }

  private static void canonical(JsonNode node, StringBuilder text) {
    if (isNull(node)) {
      text.append("null");
    } else if (node.isNumber()) {
      try {
        BigDecimal value = node.decimalValue().stripTrailingZeros();
        text.append(value.signum() == 0 ? "0" : value.toPlainString());
      } catch (NumberFormatException notFinite) {
        text.append(node.doubleValue());
      }
    } else if (node.isArray()) {
      text.append('[');
      node.forEach(
          item -> {
            canonical(item, text);
            text.append(',');
          });
      text.append(']');
    } else if (node.isObject()) {
      text.append('{');
      for (String name : sortedNames(node)) {
        text.append(goQuote(name)).append(':');
        canonical(node.get(name), text);
        text.append(',');
      }
      text.append('}');
    } else {
      text.append(node);
    }
  }
}
