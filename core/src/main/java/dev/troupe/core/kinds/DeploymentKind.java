package dev.troupe.core.kinds;

import static dev.troupe.core.kinds.JsonFields.NODES;
import static dev.troupe.core.kinds.JsonFields.isAbsent;
import static dev.troupe.core.kinds.JsonFields.setIfAbsent;
import static dev.troupe.core.kinds.JsonFields.setIfEmpty;
import static dev.troupe.core.kinds.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.api.ResourceType;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.model.Deployment;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.printing.DeploymentPrinter;
import dev.troupe.core.printing.TablePrinter;
import dev.troupe.core.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * apps/v1 Deployments: the defaults of {@code SetDefaults_Deployment} (one replica, a 25%/25%
 * rolling update, ten old ReplicaSets kept, ten minutes to progress) and {@code
 * ValidateDeploymentSpec}. Every change of what the user wants counts a generation.
 */
public final class DeploymentKind implements StoredKind {

  public static final DeploymentKind INSTANCE = new DeploymentKind();

  public static final String ROLLING_UPDATE = "RollingUpdate";
  public static final String RECREATE = "Recreate";
  public static final String DEFAULT_SURGE_AND_UNAVAILABLE = "25%";
  public static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;
  public static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

  private static final Pattern PERCENT = Pattern.compile("[0-9]+%");
  static final String PERCENT_RULE =
      "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or"
          + " '93%', regex used for validation is '[0-9]+%')";

  private static final DeploymentPrinter PRINTER = new DeploymentPrinter();

  private DeploymentKind() {}

  @Override
  public ResourceType type() {
    return ResourceTypes.DEPLOYMENTS;
  }

  @Override
  public Class<? extends Record> model() {
    return Deployment.class;
  }

  @Override
  public boolean countsGeneration() {
    return true;
  }

  @Override
  public KubeObject withDefaults(KubeObject deployment) {
    ObjectNode spec = JsonFields.specOf(deployment);
    if (spec == null) {
      return deployment;
    }
    setIfAbsent(spec, "replicas", NODES.numberNode(1));
    ObjectNode strategy = JsonFields.object(spec, "strategy");
    if (strategy != null) {
      setIfEmpty(strategy, "type", ROLLING_UPDATE);
      ObjectNode rollingUpdate =
          text(strategy.get("type")).equals(ROLLING_UPDATE)
              ? JsonFields.object(strategy, "rollingUpdate")
              : null;
      if (rollingUpdate != null) {
        setIfAbsent(rollingUpdate, "maxUnavailable", NODES.textNode(DEFAULT_SURGE_AND_UNAVAILABLE));
        setIfAbsent(rollingUpdate, "maxSurge", NODES.textNode(DEFAULT_SURGE_AND_UNAVAILABLE));
      }
    }
    setIfAbsent(spec, "revisionHistoryLimit", NODES.numberNode(DEFAULT_REVISION_HISTORY_LIMIT));
    setIfAbsent(
        spec, "progressDeadlineSeconds", NODES.numberNode(DEFAULT_PROGRESS_DEADLINE_SECONDS));
    PodTemplates.applyDefaults(spec);
    return deployment.with("spec", spec);
  }

  @Override
  public List<FieldError> validate(KubeObject deployment) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode spec = deployment.field("spec");
    FieldChecks.nonNegative(spec.path("replicas"), "spec.replicas", errors);
    Workloads.validateSelectorAndTemplate(spec, errors);
    validateStrategy(spec.path("strategy"), errors);
    Long minReadySeconds =
        FieldChecks.integer(spec.path("minReadySeconds"), "spec.minReadySeconds", errors);
    if (minReadySeconds != null && minReadySeconds < 0) {
      errors.add(
          FieldError.invalid("spec.minReadySeconds", minReadySeconds, FieldChecks.NON_NEGATIVE));
    }
    FieldChecks.nonNegative(spec.path("revisionHistoryLimit"), "spec.revisionHistoryLimit", errors);
    String deadlinePath = "spec.progressDeadlineSeconds";
    Long deadline = FieldChecks.integer(spec.path("progressDeadlineSeconds"), deadlinePath, errors);
    if (deadline != null) {
      if (deadline < 0) {
        errors.add(FieldError.invalid(deadlinePath, deadline, FieldChecks.NON_NEGATIVE));
      }
      if (deadline <= (minReadySeconds == null ? 0 : minReadySeconds)) {
        errors.add(
            FieldError.invalid(deadlinePath, deadline, "must be greater than minReadySeconds"));
      }
    }
    return errors;
  }

  private static void validateStrategy(JsonNode strategy, List<FieldError> errors) {
    String type = text(strategy.path("type"));
    JsonNode rollingUpdate = strategy.path("rollingUpdate");
    switch (type) {
      case RECREATE -> {
        if (!isAbsent(rollingUpdate)) {
          errors.add(
              FieldError.forbidden(
                  "spec.strategy.rollingUpdate",
                  "may not be specified when strategy `type` is '" + RECREATE + "'"));
        }
      }
      case ROLLING_UPDATE -> {
        if (isAbsent(rollingUpdate)) {
          errors.add(
              FieldError.required("spec.strategy.rollingUpdate")
                  .withDetail("this should be defaulted and never be nil"));
        } else {
          validateRollingUpdate(rollingUpdate, errors);
        }
      }
      default ->
          errors.add(FieldError.notSupported("spec.strategy.type", type, RECREATE, ROLLING_UPDATE));
    }
  }

  /**
   * {@code ValidateRollingUpdateDeployment}. A rollout needs room to move: with {@code maxSurge} 0
   * no extra pod may start, so {@code maxUnavailable} 0 would let no old pod stop either.
   */
  private static void validateRollingUpdate(JsonNode rollingUpdate, List<FieldError> errors) {
    String path = "spec.strategy.rollingUpdate";
    JsonNode maxUnavailable = rollingUpdate.path("maxUnavailable");
    JsonNode maxSurge = rollingUpdate.path("maxSurge");
    validateIntOrPercent(maxUnavailable, path + ".maxUnavailable", errors);
    validateIntOrPercent(maxSurge, path + ".maxSurge", errors);
    if (intOrPercentValue(maxUnavailable) == 0 && intOrPercentValue(maxSurge) == 0) {
      errors.add(
          GoValues.invalid(
              path + ".maxUnavailable",
              GoValues.intOrString(maxUnavailable),
              "may not be 0 when `maxSurge` is 0"));
    }
    if (maxUnavailable.isTextual() && PERCENT.matcher(maxUnavailable.asText()).matches()) {
      if (intOrPercentValue(maxUnavailable) > 100) {
        errors.add(
            FieldError.invalid(
                path + ".maxUnavailable",
                maxUnavailable.asText(),
                "must not be greater than 100%"));
      }
    }
  }

  private static void validateIntOrPercent(JsonNode value, String path, List<FieldError> errors) {
    if (value.isTextual()) {
      if (!PERCENT.matcher(value.asText()).matches()) {
        errors.add(GoValues.invalid(path, GoValues.intOrString(value), PERCENT_RULE));
      }
    } else {
      FieldChecks.nonNegative(value, path, errors);
    }
  }

  /**
   * A percentage's number, or the number itself; text that is neither counts as 0, as Go's {@code
   * IntValue} reads it.
   */
  private static long intOrPercentValue(JsonNode value) {
    if (!value.isTextual()) {
      return value.asLong(0);
    }
    String text = value.asText();
    String digits = PERCENT.matcher(text).matches() ? text.substring(0, text.length() - 1) : text;
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException notANumber) {
      return 0;
    }
  }

  @Override
  public List<FieldError> validateUpdate(KubeObject current, KubeObject updated) {
    return Workloads.validateSelectorUnchanged(current, updated);
  }

  /** Kubernetes writes an empty status until the controller reports one. */
  @Override
  public JsonNode initialStatus(KubeObject created) {
    return NODES.objectNode();
  }

  @Override
  public TablePrinter<KubeObject> printer() {
    return PRINTER;
  }
}
