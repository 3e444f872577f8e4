package dev.troupe.core.kinds;

import static dev.troupe.core.kinds.JsonFields.NODES;
import static dev.troupe.core.kinds.JsonFields.eachObject;
import static dev.troupe.core.kinds.JsonFields.object;
import static dev.troupe.core.kinds.JsonFields.setIfAbsent;
import static dev.troupe.core.kinds.JsonFields.setIfEmpty;
import static dev.troupe.core.kinds.JsonFields.setIfZero;
import static dev.troupe.core.kinds.JsonFields.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.Container;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.pod.PodDefaults;
import dev.troupe.core.validation.FieldError;
import dev.troupe.core.validation.PodValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' defaults and checks for the pod template of a Deployment or ReplicaSet. Defaults are
 * applied to the JSON, so fields Troupe does not model survive; they are those of {@code
 * SetDefaults_PodSpec} and its parts, without the pod-only ones ({@code enableServiceLinks},
 * requests copied from limits), as the API server leaves templates. Checks are the pod's own, with
 * field paths under the template.
 */
final class PodTemplates {

  /** A name the template's check needs; templates have none, and theirs is not checked. */
  private static final String TEMPLATE_NAME = "template";

  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private PodTemplates() {}

  /** Fills in the defaults of {@code workloadSpec.template.spec}, creating it when absent. */
  static void applyDefaults(ObjectNode workloadSpec) {
    ObjectNode template = object(workloadSpec, "template");
    ObjectNode spec = template == null ? null : object(template, "spec");
    if (spec == null) {
      return;
    }
    defaultVolumes(spec);
    eachObject(spec.path("initContainers"), PodTemplates::defaultContainer);
    eachObject(spec.path("containers"), PodTemplates::defaultContainer);
    setIfEmpty(spec, "restartPolicy", PodSpec.RESTART_ALWAYS);
    setIfAbsent(
        spec,
        "terminationGracePeriodSeconds",
        // an int, as parsed JSON holds it, so the default and a sent 30 are equal
        NODES.numberNode((int) PodDefaults.DEFAULT_GRACE_PERIOD_SECONDS));
    setIfEmpty(spec, "dnsPolicy", PodSpec.DNS_CLUSTER_FIRST);
    setIfAbsent(spec, "securityContext", NODES.objectNode());
    setIfEmpty(spec, "schedulerName", PodSpec.DEFAULT_SCHEDULER);
  }

  /**
   * Volumes are kept as JSON by the pod model too, so a pod holding only them goes through {@link
   * PodDefaults} and comes back whole.
   */
  private static void defaultVolumes(ObjectNode spec) {
    if (!(spec.get("volumes") instanceof ArrayNode volumes)) {
      return;
    }
    List<JsonNode> sent = new ArrayList<>();
    volumes.forEach(sent::add);
    PodSpec volumesOnly = PodSpec.builder().volumes(sent).build();
    Pod defaulted = PodDefaults.apply(Pod.of(ObjectMeta.named(null, TEMPLATE_NAME), volumesOnly));
    spec.set("volumes", Json.mapper().valueToTree(defaulted.spec().volumes()));
  }

  private static void defaultContainer(ObjectNode container) {
    setIfEmpty(container, "terminationMessagePath", Container.TERMINATION_MESSAGE_PATH);
    setIfEmpty(container, "terminationMessagePolicy", Container.TERMINATION_MESSAGE_FILE);
    String image = text(container.get("image"));
    setIfEmpty(
        container,
        "imagePullPolicy",
        PodDefaults.defaultPullPolicy(image.isEmpty() ? null : image));
    eachObject(
        container.path("ports"),
        port -> setIfEmpty(port, "protocol", PodDefaults.DEFAULT_PROTOCOL));
    // Go writes the resources struct even when empty.
    setIfAbsent(container, "resources", NODES.objectNode());
    eachObject(
        container.path("env"),
        env -> {
          if (env.at("/valueFrom/fieldRef") instanceof ObjectNode fieldRef) {
            setIfEmpty(fieldRef, "apiVersion", "v1");
          }
        });
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      if (container.get(probe) instanceof ObjectNode sent) {
        defaultProbe(sent);
      }
    }
    for (String hook : List.of("postStart", "preStop")) {
      if (container.at("/lifecycle/" + hook + "/httpGet") instanceof ObjectNode httpGet) {
        defaultHttpGet(httpGet);
      }
    }
  }

  /** {@code SetDefaults_Probe}: a zero counts as unset, as in Go. */
  private static void defaultProbe(ObjectNode probe) {
    setIfZero(probe, "timeoutSeconds", PodDefaults.PROBE_TIMEOUT_SECONDS);
    setIfZero(probe, "periodSeconds", PodDefaults.PROBE_PERIOD_SECONDS);
    setIfZero(probe, "successThreshold", PodDefaults.PROBE_SUCCESS_THRESHOLD);
    setIfZero(probe, "failureThreshold", PodDefaults.PROBE_FAILURE_THRESHOLD);
    if (probe.get("httpGet") instanceof ObjectNode httpGet) {
      defaultHttpGet(httpGet);
    }
    if (probe.get("grpc") instanceof ObjectNode grpc) {
      setIfAbsent(grpc, "service", NODES.textNode(""));
    }
  }

  private static void defaultHttpGet(ObjectNode httpGet) {
    setIfEmpty(httpGet, "path", "/");
    setIfEmpty(httpGet, "scheme", "HTTP");
  }

  /**
   * The pod's own checks of {@code template} (labels, containers, ports, resources, restart
   * policy), with field paths under {@code path}: {@code spec.template.spec.containers[0].image}. A
   * template the pod model cannot read is one error at {@code path.spec}.
   */
  static List<FieldError> validate(JsonNode template, String path) {
    Pod pod;
    try {
      JsonNode labels = template.path("metadata").path("labels");
      Map<String, String> templateLabels =
          labels.isObject() ? Json.mapper().convertValue(labels, STRING_MAP) : null;
      JsonNode spec = template.path("spec");
      PodSpec podSpec =
          spec.isObject()
              ? Json.mapper().treeToValue(spec, PodSpec.class)
              : PodSpec.builder().build();
      pod = Pod.of(ObjectMeta.named(null, TEMPLATE_NAME).withLabels(templateLabels), podSpec);
    } catch (JsonProcessingException | IllegalArgumentException unreadable) {
      String why =
          unreadable instanceof JsonProcessingException json
              ? json.getOriginalMessage()
              : unreadable.getMessage();
      return List.of(
          new FieldError(
              FieldError.Type.INVALID, path + ".spec", null, "cannot be read as a pod: " + why));
    }
    return PodValidation.validate(pod).stream()
        .map(
            error ->
                new FieldError(
                    error.type(), path + "." + error.field(), error.value(), error.detail()))
        .toList();
  }
}
