package dev.troupe.core.printing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.troupe.core.selection.LabelSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An object's {@code selector} ({@code matchLabels} and {@code matchExpressions}) read from its
 * JSON, for the kinds that validate it and the printers that show it.
 */
public final class LabelSelectors {

  private LabelSelectors() {}

  /** Whether {@code selector} is absent or null: a nil selector in Go, which matches nothing. */
  public static boolean isAbsent(JsonNode selector) {
    return selector == null || selector.isMissingNode() || selector.isNull();
  }

  /**
   * {@code selector} validated and built as Kubernetes' {@code LabelSelectorAsSelector} does,
   * errors naming fields under {@code path}. An absent selector builds as an empty one; callers
   * that must tell them apart ask {@link #isAbsent} first.
   */
  public static LabelSelector.Built build(JsonNode selector, String path) {
    Map<String, String> matchLabels = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> label : matchLabels(selector).properties()) {
      matchLabels.put(label.getKey(), ObjectCells.text(label.getValue()));
    }
    List<LabelSelector.Requirement> requirements = new ArrayList<>();
    for (JsonNode expression : matchExpressions(selector)) {
      List<String> values = new ArrayList<>();
      for (JsonNode value : expression.path("values")) {
        values.add(ObjectCells.text(value));
      }
      requirements.add(
          new LabelSelector.Requirement(
              ObjectCells.text(expression.path("key")),
              ObjectCells.text(expression.path("operator")),
              values));
    }
    return LabelSelector.fromMatch(matchLabels, requirements, path);
  }

  /** How many labels and expressions {@code selector} has; 0 is an empty selector. */
  public static int size(JsonNode selector) {
    return matchLabels(selector).size() + matchExpressions(selector).size();
  }

  /**
   * apimachinery's {@code FormatLabelSelector}: {@code app=web,tier in (a,b)}, {@code <none>} when
   * it selects everything or is absent, {@code <error>} when it is invalid.
   */
  public static String format(JsonNode selector) {
    if (isAbsent(selector)) {
      return ObjectCells.NONE;
    }
    LabelSelector.Built built = build(selector, "selector");
    if (!built.isValid()) {
      return "<error>";
    }
    return ObjectCells.orNone(built.selector().toString());
  }

  private static JsonNode matchLabels(JsonNode selector) {
    return selector == null ? MissingNode.getInstance() : selector.path("matchLabels");
  }

  private static JsonNode matchExpressions(JsonNode selector) {
    return selector == null ? MissingNode.getInstance() : selector.path("matchExpressions");
  }
}
