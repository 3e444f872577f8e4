package dev.troupe.core.api;

import dev.troupe.core.api.ResourceType.Subresource;
import java.util.List;
import java.util.Optional;

/** Every kind the API serves. The order is the order discovery lists them in. */
public final class ResourceTypes {

  private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

  public static final ResourceType NAMESPACES =
      new ResourceType(
          "",
          "v1",
          "Namespace",
          "namespaces",
          "namespace",
          false,
          List.of("ns"),
          List.of(),
          List.of("create", "delete", "get", "list", "patch", "update", "watch"),
          List.of(status("", "v1", "Namespace")));

  public static final ResourceType PODS =
      new ResourceType(
          "",
          "v1",
          "Pod",
          "pods",
          "pod",
          true,
          List.of("po"),
          List.of("all"),
          ResourceType.ALL_VERBS,
          List.of(
              status("", "v1", "Pod"), new Subresource("log", "", "v1", "Pod", List.of("get"))));

  public static final ResourceType SERVICES =
      new ResourceType(
          "",
          "v1",
          "Service",
          "services",
          "service",
          true,
          List.of("svc"),
          List.of("all"),
          ResourceType.ALL_VERBS,
          List.of(status("", "v1", "Service")));

  public static final ResourceType ENDPOINTS =
      new ResourceType(
          "",
          "v1",
          "Endpoints",
          "endpoints",
          "endpoints",
          true,
          List.of("ep"),
          List.of(),
          ResourceType.ALL_VERBS,
          List.of());

  public static final ResourceType NODES =
      new ResourceType(
          "",
          "v1",
          "Node",
          "nodes",
          "node",
          false,
          List.of("no"),
          List.of(),
          ResourceType.ALL_VERBS,
          List.of(status("", "v1", "Node")));

  public static final ResourceType EVENTS =
      new ResourceType(
          "",
          "v1",
          "Event",
          "events",
          "event",
          true,
          List.of("ev"),
          List.of(),
          ResourceType.ALL_VERBS,
          List.of());

  public static final ResourceType DEPLOYMENTS =
      new ResourceType(
          "apps",
          "v1",
          "Deployment",
          "deployments",
          "deployment",
          true,
          List.of("deploy"),
          List.of("all"),
          ResourceType.ALL_VERBS,
          List.of(scale(), status("apps", "v1", "Deployment")));

  public static final ResourceType REPLICASETS =
      new ResourceType(
          "apps",
          "v1",
          "ReplicaSet",
          "replicasets",
          "replicaset",
          true,
          List.of("rs"),
          List.of("all"),
          ResourceType.ALL_VERBS,
          List.of(scale(), status("apps", "v1", "ReplicaSet")));

  public static final ResourceType ENDPOINT_SLICES =
      new ResourceType(
          "discovery.k8s.io",
          "v1",
          "EndpointSlice",
          "endpointslices",
          "endpointslice",
          true,
          List.of(),
          List.of(),
          ResourceType.ALL_VERBS,
          List.of());

  public static final List<ResourceType> ALL =
      List.of(
          NAMESPACES,
          PODS,
          SERVICES,
          ENDPOINTS,
          NODES,
          EVENTS,
          DEPLOYMENTS,
          REPLICASETS,
          ENDPOINT_SLICES);

  private ResourceTypes() {}

  /** The kind served at {@code group}/{@code version} under {@code plural}. */
  public static Optional<ResourceType> find(String group, String version, String plural) {
    return ALL.stream()
        .filter(t -> t.group().equals(group) && t.version().equals(version))
        .filter(t -> t.plural().equals(plural))
        .findFirst();
  }

  /** The kinds of one group version, in discovery order. */
  public static List<ResourceType> inGroupVersion(String group, String version) {
    return ALL.stream()
        .filter(t -> t.group().equals(group) && t.version().equals(version))
        .toList();
  }

  private static Subresource status(String group, String version, String kind) {
    return new Subresource("status", group, version, kind, SUBRESOURCE_VERBS);
  }

  private static Subresource scale() {
    return new Subresource("scale", "autoscaling", "v1", "Scale", SUBRESOURCE_VERBS);
  }
}
