package dev.troupe.core.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.HostPort;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodStatus;
import dev.troupe.core.workloads.TemplateHash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The EndpointSlices of a Service, as Kubernetes' EndpointSlice controller keeps them: the pods its
 * selector selects, grouped by the ports they serve, at most {@link #MAX_ENDPOINTS_PER_SLICE} to a
 * slice, labelled with the service's name and the controller that manages them, owned by the
 * service. Unlike core/v1 Endpoints, a terminating pod stays listed with {@code ready: false} and
 * {@code terminating: true}, still {@code serving} while it passes its readiness checks.
 *
 * <p>Troupe's pods publish each port on a host port of their own, so pods seldom share ports and a
 * slice usually holds one pod. Kubernetes names slices with a random suffix; Troupe names each one
 * after a hash of its ports and its place among the slices with those ports, so that a controller
 * that reruns, or did not yet see its own write, finds the slice it meant instead of making
 * another. Pure.
 */
public final class EndpointSliceControl {

  public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
  public static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "endpointslice-controller.k8s.io";
  static final String HEADLESS_LABEL = "service.kubernetes.io/headless";

  /** Kubernetes' default {@code --max-endpoints-per-slice}. */
  public static final int MAX_ENDPOINTS_PER_SLICE = 100;

  /** What to write so that the stored slices become the desired ones. */
  public record Plan(List<KubeObject> creates, List<KubeObject> updates, List<KubeObject> deletes) {

    public boolean isEmpty() {
      return creates.isEmpty() && updates.isEmpty() && deletes.isEmpty();
    }
  }

  private EndpointSliceControl() {}

  /** Whether {@code slice} is one of {@code service}'s, kept by this controller. */
  public static boolean owns(KubeObject service, KubeObject slice) {
    Map<String, String> labels = slice.metadata().labelsOrEmpty();
    return service.name().equals(labels.get(SERVICE_NAME_LABEL))
        && MANAGED_BY.equals(labels.get(MANAGED_BY_LABEL))
        && service.namespace().equals(slice.namespace());
  }

  /**
   * The slices to create, the stored ones to update (carrying their resourceVersion) and those to
   * delete, given the pods of the service's namespace and the slices stored there.
   */
  public static Plan plan(KubeObject service, List<Pod> podsInNamespace, List<KubeObject> stored) {
    Map<String, KubeObject> existing = new LinkedHashMap<>();
    stored.stream().filter(s -> owns(service, s)).forEach(s -> existing.put(s.name(), s));
    List<KubeObject> creates = new ArrayList<>();
    List<KubeObject> updates = new ArrayList<>();
    for (ObjectNode wanted : desired(service, podsInNamespace)) {
      String name = wanted.path("metadata").path("name").asText();
      KubeObject current = existing.remove(name);
      if (current == null) {
        creates.add(KubeObject.of(wanted));
      } else if (!sameContent(current, wanted)) {
        ObjectNode next = current.copyOfJson();
        ObjectNode metadata = (ObjectNode) next.path("metadata");
        metadata.set("labels", wanted.path("metadata").path("labels"));
        // a slice left by a service of the same name (deleted with orphans) is adopted
        metadata.set("ownerReferences", wanted.path("metadata").path("ownerReferences"));
        for (String field : List.of("addressType", "endpoints", "ports")) {
          next.set(field, wanted.get(field));
        }
        updates.add(KubeObject.of(next));
      }
    }
    return new Plan(creates, updates, List.copyOf(existing.values()));
  }

  private static boolean sameContent(KubeObject current, ObjectNode wanted) {
    return current.json().path("endpoints").equals(wanted.path("endpoints"))
        && current.json().path("ports").equals(wanted.path("ports"))
        && current.json().path("addressType").equals(wanted.path("addressType"))
        && current.at("/metadata/labels").equals(wanted.path("metadata").path("labels"))
        && current
            .at("/metadata/ownerReferences")
            .equals(wanted.path("metadata").path("ownerReferences"));
  }

  /** Every slice {@code service} should have, in name order; none when it has no selector. */
  static List<ObjectNode> desired(KubeObject service, List<Pod> podsInNamespace) {
    if (!EndpointsControl.managed(service)) {
      return List.of();
    }
    // Pods grouped by the ports they serve, in a stable order so that chunks stay put.
    Map<ArrayNode, List<ObjectNode>> byPorts = new LinkedHashMap<>();
    podsInNamespace.stream()
        .filter(p -> EndpointsControl.selects(service, p))
        .filter(EndpointSliceControl::listed)
        .sorted(Comparator.comparing(Pod::name))
        .forEach(
            pod -> {
              Served served = served(service, pod);
              if (served != null) {
                byPorts
                    .computeIfAbsent(served.ports(), p -> new ArrayList<>())
                    .add(endpoint(service, pod, served.ip()));
              }
            });
    TreeMap<String, ObjectNode> slices = new TreeMap<>();
    byPorts.forEach(
        (ports, endpoints) -> {
          for (int chunk = 0; chunk * MAX_ENDPOINTS_PER_SLICE < endpoints.size(); chunk++) {
            List<ObjectNode> these =
                endpoints.subList(
                    chunk * MAX_ENDPOINTS_PER_SLICE,
                    Math.min(endpoints.size(), (chunk + 1) * MAX_ENDPOINTS_PER_SLICE));
            ObjectNode slice = slice(service, ports, chunk, these);
            slices.put(slice.path("metadata").path("name").asText(), slice);
          }
        });
    return List.copyOf(slices.values());
  }

  /**
   * Whether a selected pod is listed at all: placed, not finished (Kubernetes' {@code
   * ShouldPodBeInEndpoints} with terminating pods included).
   */
  static boolean listed(Pod pod) {
    PodStatus status = pod.status();
    if (status == null || pod.spec().nodeName() == null) {
      return false;
    }
    return !PodStatus.SUCCEEDED.equals(status.phase()) && !PodStatus.FAILED.equals(status.phase());
  }

  private record Served(String ip, ArrayNode ports) {}

  /** The address a pod serves the service's ports on and those ports; null if it serves none. */
  private static Served served(KubeObject service, Pod pod) {
    ArrayNode ports = Json.mapper().createArrayNode();
    String ip = null;
    for (JsonNode servicePort : service.at("/spec/ports")) {
      HostPort published = EndpointsControl.target(pod, servicePort.path("targetPort"));
      if (published == null) {
        continue;
      }
      ip = published.hostIP();
      ObjectNode port = ports.addObject();
      port.put("name", servicePort.path("name").asText(""));
      port.put("protocol", servicePort.path("protocol").asText("TCP"));
      port.put("port", published.hostPort());
    }
    if (service.at("/spec/ports").isEmpty()) {
      // a headless service without ports: the pod's address, every port
      String podIP = pod.status().podIP();
      return podIP == null ? null : new Served(podIP, ports);
    }
    return ports.isEmpty() ? null : new Served(ip, ports);
  }

  private static ObjectNode endpoint(KubeObject service, Pod pod, String ip) {
    boolean publishNotReady = service.at("/spec/publishNotReadyAddresses").asBoolean(false);
    boolean serving = publishNotReady || EndpointsControl.isReady(pod);
    boolean terminating = pod.isTerminating();
    ObjectNode endpoint = Json.mapper().createObjectNode();
    endpoint.putArray("addresses").add(ip);
    endpoint
        .putObject("conditions")
        .put("ready", publishNotReady || (serving && !terminating))
        .put("serving", serving)
        .put("terminating", terminating);
    ObjectNode ref = endpoint.putObject("targetRef");
    ref.put("kind", "Pod");
    ref.put("namespace", pod.namespace());
    ref.put("name", pod.name());
    ref.put("uid", pod.uid());
    endpoint.put("nodeName", pod.spec().nodeName());
    return endpoint;
  }

  private static ObjectNode slice(
      KubeObject service, ArrayNode ports, int chunk, List<ObjectNode> endpoints) {
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("apiVersion", "discovery.k8s.io/v1");
    json.put("kind", "EndpointSlice");
    ObjectNode metadata = json.putObject("metadata");
    metadata.put("name", service.name() + "-" + TemplateHash.of(ports, chunk));
    metadata.put("namespace", service.namespace());
    metadata.set("labels", labels(service));
    metadata.putArray("ownerReferences").add(EndpointsControl.ownerReference(service));
    json.put("addressType", "IPv4");
    ArrayNode list = json.putArray("endpoints");
    endpoints.forEach(list::add);
    json.set("ports", ports);
    return json;
  }

  /** The service's labels, then the controller's (which win), as Kubernetes sets them. */
  private static ObjectNode labels(KubeObject service) {
    ObjectNode labels = Json.mapper().createObjectNode();
    Set<String> reserved = Set.of(SERVICE_NAME_LABEL, MANAGED_BY_LABEL, HEADLESS_LABEL);
    service.metadata().labelsOrEmpty().entrySet().stream()
        .filter(e -> !reserved.contains(e.getKey()))
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> labels.put(e.getKey(), e.getValue()));
    if ("None".equals(service.at("/spec/clusterIP").asText())) {
      labels.put(HEADLESS_LABEL, "");
    }
    labels.put(MANAGED_BY_LABEL, MANAGED_BY);
    labels.put(SERVICE_NAME_LABEL, service.name());
    return labels;
  }
}
