package dev.troupe.core.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.printing.LabelSelectors;
import dev.troupe.core.selection.LabelSelector;
import dev.troupe.core.validation.FieldError;
import java.util.List;

/**
 * The {@code /scale} subresource of Deployments and ReplicaSets: an autoscaling/v1 Scale showing
 * {@code spec.replicas}, the observed {@code status.replicas} and the selector as text.
 */
public final class Scales {

  private Scales() {}

  /** The Scale of {@code object}. */
  public static ObjectNode of(KubeObject object) {
    ObjectNode scale = Json.mapper().createObjectNode();
    scale.put("kind", "Scale");
    scale.put("apiVersion", "autoscaling/v1");
    ObjectNode meta = scale.putObject("metadata");
    var m = object.metadata();
    meta.put("name", m.name());
    if (m.namespace() != null) {
      meta.put("namespace", m.namespace());
    }
    meta.put("uid", m.uid());
    meta.put("resourceVersion", m.resourceVersion());
    if (m.creationTimestamp() != null) {
      meta.put("creationTimestamp", m.creationTimestamp().toString());
    }
    scale.putObject("spec").put("replicas", object.at("/spec/replicas").asInt(1));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", object.at("/status/replicas").asInt(0));
    String selector = selectorText(object.at("/spec/selector"));
    if (!selector.isEmpty()) {
      status.put("selector", selector);
    }
    return scale;
  }

  /** What a Scale sent by a client asks for, or why it is refused. */
  public record Requested(int replicas, String resourceVersion, List<FieldError> errors) {
    public boolean isValid() {
      return errors.isEmpty();
    }
  }

  /** Reads {@code spec.replicas} (and a resourceVersion precondition) from a sent Scale. */
  public static Requested read(JsonNode scale) {
    JsonNode replicas = scale.at("/spec/replicas");
    String version = scale.at("/metadata/resourceVersion").asText("");
    String expected = version.isEmpty() ? null : version;
    if (replicas.isMissingNode() || replicas.isNull()) {
      return new Requested(0, expected, List.of());
    }
    if (!replicas.canConvertToInt() || !replicas.isIntegralNumber()) {
      return new Requested(
          0,
          expected,
          List.of(FieldError.invalid("spec.replicas", replicas.toString(), "must be an integer")));
    }
    if (replicas.asInt() < 0) {
      return new Requested(
          0,
          expected,
          List.of(
              FieldError.invalid(
                  "spec.replicas", replicas.asInt(), "must be greater than or equal to 0")));
    }
    return new Requested(replicas.asInt(), expected, List.of());
  }

  /** {@code object} with {@code spec.replicas} set. */
  public static KubeObject withReplicas(KubeObject object, int replicas) {
    ObjectNode spec =
        object.field("spec").isObject()
            ? ((ObjectNode) object.field("spec")).deepCopy()
            : Json.mapper().createObjectNode();
    spec.put("replicas", replicas);
    return object.with("spec", spec);
  }

  /**
   * The selector as a label query, as {@code LabelSelectorAsSelector(...).String()}; "" when none.
   */
  private static String selectorText(JsonNode selector) {
    if (LabelSelectors.isAbsent(selector)) {
      return "";
    }
    LabelSelector.Built built = LabelSelectors.build(selector, "spec.selector");
    return built.isValid() ? built.selector().toString() : "";
  }
}
