package dev.troupe.core.kinds;

import static dev.troupe.core.kinds.JsonFields.NODES;
import static dev.troupe.core.kinds.JsonFields.isAbsent;
import static dev.troupe.core.kinds.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.printing.LabelSelectors;
import dev.troupe.core.selection.LabelSelector;
import dev.troupe.core.validation.FieldError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What Deployments and ReplicaSets share: a selector that must select the pod template's labels and
 * may not change, and a template that runs pods which always restart.
 */
final class Workloads {

  /** Kubernetes says "deployment" for ReplicaSets too. */
  static final String EMPTY_SELECTOR = "empty selector is invalid for deployment";

  static final String SELECTOR_MISMATCH = "`selector` does not match template `labels`";

  private Workloads() {}

  /**
   * Upstream's selector checks and {@code ValidatePodTemplateSpecForReplicaSet}. An absent selector
   * selects nothing, so the template's labels are reported as not matching it too; an invalid one
   * leaves the template unchecked, as upstream cannot build it.
   */
  static void validateSelectorAndTemplate(JsonNode spec, List<FieldError> errors) {
    JsonNode selectorJson = spec.path("selector");
    LabelSelector selector = null;
    if (LabelSelectors.isAbsent(selectorJson)) {
      errors.add(FieldError.required("spec.selector"));
    } else {
      LabelSelector.Built built = LabelSelectors.build(selectorJson, "spec.selector");
      errors.addAll(built.errors());
      String goSelector = GoValues.labelSelector(selectorJson);
      if (LabelSelectors.size(selectorJson) == 0) {
        errors.add(GoValues.invalid("spec.selector", goSelector, EMPTY_SELECTOR));
      }
      if (!built.isValid()) {
        errors.add(GoValues.invalid("spec.selector", goSelector, "invalid label selector"));
        return;
      }
      selector = built.selector();
    }

    JsonNode template = spec.path("template");
    JsonNode labels = template.path("metadata").path("labels");
    boolean selectsEverything = selector != null && selector.isEmpty();
    if (!selectsEverything && (selector == null || !selector.matches(textMap(labels)))) {
      errors.add(
          GoValues.invalid(
              "spec.template.metadata.labels", GoValues.stringMap(labels), SELECTOR_MISMATCH));
    }
    errors.addAll(PodTemplates.validate(template, "spec.template"));
    String restartPolicy = text(template.at("/spec/restartPolicy"));
    if (!restartPolicy.equals(PodSpec.RESTART_ALWAYS)) {
      errors.add(
          FieldError.notSupported(
              "spec.template.spec.restartPolicy", restartPolicy, PodSpec.RESTART_ALWAYS));
    }
    if (!isAbsent(template.at("/spec/activeDeadlineSeconds"))) {
      errors.add(
          FieldError.forbidden(
              "spec.template.spec.activeDeadlineSeconds",
              "activeDeadlineSeconds in ReplicaSet is not Supported"));
    }
  }

  /**
   * apps/v1 refuses to change {@code spec.selector}. Selectors are compared as Kubernetes compares
   * them: an empty list or map is the same as an absent one.
   */
  static List<FieldError> validateSelectorUnchanged(KubeObject current, KubeObject updated) {
    JsonNode selector = updated.at("/spec/selector");
    if (normalized(current.at("/spec/selector")).equals(normalized(selector))) {
      return List.of();
    }
    return List.of(
        GoValues.invalid("spec.selector", GoValues.labelSelector(selector), FieldChecks.IMMUTABLE));
  }

  private static JsonNode normalized(JsonNode selector) {
    if (isAbsent(selector)) {
      return NODES.nullNode();
    }
    ObjectNode normalized = NODES.objectNode();
    ObjectNode matchLabels = normalized.putObject("matchLabels");
    for (Map.Entry<String, JsonNode> label : selector.path("matchLabels").properties()) {
      matchLabels.put(label.getKey(), text(label.getValue()));
    }
    ArrayNode expressions = normalized.putArray("matchExpressions");
    for (JsonNode expression : selector.path("matchExpressions")) {
      ObjectNode normalizedExpression = expressions.addObject();
      normalizedExpression.put("key", text(expression.path("key")));
      normalizedExpression.put("operator", text(expression.path("operator")));
      ArrayNode values = normalizedExpression.putArray("values");
      expression.path("values").forEach(value -> values.add(text(value)));
    }
    return normalized;
  }

  private static Map<String, String> textMap(JsonNode map) {
    Map<String, String> texts = new HashMap<>();
    for (Map.Entry<String, JsonNode> entry : map.properties()) {
      texts.put(entry.getKey(), text(entry.getValue()));
    }
    return texts;
  }
}
