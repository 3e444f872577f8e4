package dev.troupe.core.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerPort;
import dev.troupe.core.model.HostPort;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodCondition;
import dev.troupe.core.model.PodStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The endpoints of a Service, as Kubernetes' endpoints controller computes them, from the pods its
 * selector selects: ready pods in {@code addresses}, the others in {@code notReadyAddresses}
 * (unless {@code publishNotReadyAddresses}), terminating and finished pods left out. Troupe's pods
 * share the node's address and differ by the host port each container port is published on, so an
 * endpoint is that address and host port: one subset per pod, its ports being the service ports'
 * targets as published (a target the pod does not publish leaves it out of that port). A headless
 * service without ports lists each pod's address alone. Pure.
 */
public final class EndpointsControl {

  private EndpointsControl() {}

  /** Whether the endpoints controller keeps endpoints for {@code service}: it has a selector. */
  public static boolean managed(KubeObject service) {
    return !service.at("/spec/selector").isEmpty();
  }

  /** The {@code subsets} of {@code service}'s Endpoints, given the pods of its namespace. */
  public static ArrayNode subsets(KubeObject service, List<Pod> podsInNamespace) {
    boolean publishNotReady = service.at("/spec/publishNotReadyAddresses").asBoolean(false);
    List<Pod> selected =
        podsInNamespace.stream()
            .filter(p -> selects(service, p))
            .filter(EndpointsControl::serves)
            .sorted(Comparator.comparing(Pod::name))
            .toList();
    ArrayNode subsets = Json.mapper().createArrayNode();
    for (Pod pod : selected) {
      ArrayNode ports = Json.mapper().createArrayNode();
      String ip = null;
      for (JsonNode servicePort : service.at("/spec/ports")) {
        HostPort published = target(pod, servicePort.path("targetPort"));
        if (published == null) {
          continue;
        }
        ip = published.hostIP();
        ObjectNode port = ports.addObject();
        if (servicePort.hasNonNull("name") && !servicePort.path("name").asText().isEmpty()) {
          port.put("name", servicePort.path("name").asText());
        }
        port.put("port", published.hostPort());
        port.put("protocol", servicePort.path("protocol").asText("TCP"));
      }
      if (!service.at("/spec/ports").isEmpty() && ports.isEmpty()) {
        continue;
      }
      if (ports.isEmpty()) {
        // a headless service without ports lists its pods' addresses alone
        ip = pod.status().podIP();
        if (ip == null) {
          continue;
        }
      }
      ObjectNode subset = subsets.addObject();
      ObjectNode address = Json.mapper().createObjectNode();
      address.put("ip", ip);
      if (pod.spec().nodeName() != null) {
        address.put("nodeName", pod.spec().nodeName());
      }
      ObjectNode ref = address.putObject("targetRef");
      ref.put("kind", "Pod");
      ref.put("namespace", pod.namespace());
      ref.put("name", pod.name());
      ref.put("uid", pod.uid());
      boolean ready = publishNotReady || isReady(pod);
      subset.putArray(ready ? "addresses" : "notReadyAddresses").add(address);
      if (!ports.isEmpty()) {
        subset.set("ports", ports);
      }
    }
    return subsets;
  }

  /**
   * Whether a pod can be an endpoint at all: placed, published, not terminating and not finished
   * (Kubernetes' {@code ShouldPodBeInEndpoints}).
   */
  static boolean serves(Pod pod) {
    PodStatus status = pod.status();
    if (pod.isTerminating() || status == null || pod.spec().nodeName() == null) {
      return false;
    }
    return !PodStatus.SUCCEEDED.equals(status.phase()) && !PodStatus.FAILED.equals(status.phase());
  }

  static boolean isReady(Pod pod) {
    return pod.status().conditionsOrEmpty().stream()
        .anyMatch(c -> PodCondition.READY.equals(c.type()) && "True".equals(c.status()));
  }

  /**
   * Where the pod publishes a service port's target: a number is a container port, a name the
   * container port of that name; null when the pod does not publish it.
   */
  static HostPort target(Pod pod, JsonNode targetPort) {
    Integer number = null;
    if (targetPort.isInt()) {
      number = targetPort.intValue();
    } else if (targetPort.isTextual()) {
      for (Container container : pod.spec().containersOrEmpty()) {
        for (ContainerPort port : container.portsOrEmpty()) {
          if (targetPort.asText().equals(port.name())) {
            number = port.containerPort();
          }
        }
      }
    }
    if (number == null || pod.status().hostPorts() == null) {
      return null;
    }
    for (HostPort published : pod.status().hostPorts()) {
      if (Objects.equals(published.containerPort(), number)) {
        return published;
      }
    }
    return null;
  }

  /**
   * The owner reference the service's Endpoints and EndpointSlices carry: the service is their
   * controller, and a foreground delete of it waits for them.
   */
  public static ObjectNode ownerReference(KubeObject service) {
    ObjectNode owner = Json.mapper().createObjectNode();
    owner.put("apiVersion", "v1");
    owner.put("kind", "Service");
    owner.put("name", service.name());
    owner.put("uid", service.metadata().uid());
    owner.put("controller", true);
    owner.put("blockOwnerDeletion", true);
    return owner;
  }

  /** Whether the service's selector (labels, all to match) selects the pod; none selects none. */
  public static boolean selects(KubeObject service, Pod pod) {
    JsonNode selector = service.at("/spec/selector");
    if (!selector.isObject() || selector.isEmpty()) {
      return false;
    }
    Map<String, String> labels = pod.metadata().labelsOrEmpty();
    for (Map.Entry<String, JsonNode> entry : selector.properties()) {
      if (!entry.getValue().asText().equals(labels.get(entry.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
