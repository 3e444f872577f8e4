package dev.troupe.core.patch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which lists of the served kinds a strategic merge patch merges, and by which key: the {@code
 * patchStrategy:"merge"} / {@code patchMergeKey} struct tags of k8s.io/api core/v1, apps/v1 and
 * discovery/v1 and of apimachinery's ObjectMeta, as of Kubernetes 1.32.
 *
 * <p>A path runs from the object's root with dots between field names and {@code []} after a list
 * whose elements it enters: {@code spec.containers[].ports}. A list that is not listed here (for
 * example {@code tolerations}, {@code envFrom}, {@code containerStatuses} or Endpoints' {@code
 * subsets}) is replaced wholesale by a patch; maps always merge. The merge key of a list of
 * primitives that merges as a set (such as {@code finalizers}) is {@link #SET}.
 */
public final class PatchStrategies {

  /** The "merge key" of a list of primitives that merges as a set. */
  public static final String SET = "";

  private static final Map<String, Map<String, String>> BY_KIND = byKind();

  private PatchStrategies() {}

  /** The kinds whose strategic merge patch metadata is known. */
  public static Set<String> kinds() {
    return BY_KIND.keySet();
  }

  public static boolean supports(String kind) {
    return kind != null && BY_KIND.containsKey(kind);
  }

  /** Every list of {@code kind} that merges, by path, with its merge key; empty for other kinds. */
  public static Map<String, String> mergeLists(String kind) {
    return kind == null ? Map.of() : BY_KIND.getOrDefault(kind, Map.of());
  }

  /**
   * The merge key of the list at {@code path} of {@code kind}: {@link #SET} for a list of
   * primitives merged as a set, empty when the list is replaced.
   */
  public static Optional<String> mergeKey(String kind, String path) {
    return Optional.ofNullable(mergeLists(kind).get(path));
  }

  private static Map<String, Map<String, String>> byKind() {
    Map<String, Map<String, String>> kinds = new LinkedHashMap<>();

    Map<String, String> pod = objectMeta("metadata");
    podSpec(pod, "spec");
    pod.put("status.conditions", "type");
    pod.put("status.hostIPs", "ip");
    pod.put("status.podIPs", "ip");
    pod.put("status.resourceClaimStatuses", "name");
    kinds.put("Pod", pod);

    for (String kind : List.of("Deployment", "ReplicaSet")) {
      Map<String, String> workload = objectMeta("metadata");
      workload.putAll(objectMeta("spec.template.metadata"));
      podSpec(workload, "spec.template.spec");
      workload.put("status.conditions", "type");
      kinds.put(kind, workload);
    }

    Map<String, String> service = objectMeta("metadata");
    service.put("spec.ports", "port");
    service.put("status.conditions", "type");
    kinds.put("Service", service);

    kinds.put("Endpoints", objectMeta("metadata"));

    Map<String, String> namespace = objectMeta("metadata");
    namespace.put("status.conditions", "type");
    kinds.put("Namespace", namespace);

    Map<String, String> node = objectMeta("metadata");
    node.put("spec.podCIDRs", SET);
    node.put("status.conditions", "type");
    node.put("status.addresses", "type");
    kinds.put("Node", node);

    kinds.put("Event", objectMeta("metadata"));

    // discovery.k8s.io/v1: a slice's endpoints and ports are atomic lists, replaced whole.
    kinds.put("EndpointSlice", objectMeta("metadata"));

    Map<String, Map<String, String>> frozen = new LinkedHashMap<>();
    kinds.forEach((kind, lists) -> frozen.put(kind, Collections.unmodifiableMap(lists)));
    return Collections.unmodifiableMap(frozen);
  }

  /** ObjectMeta at {@code at}: owner references by uid, finalizers as a set. */
  private static Map<String, String> objectMeta(String at) {
    Map<String, String> lists = new LinkedHashMap<>();
    lists.put(at + ".ownerReferences", "uid");
    lists.put(at + ".finalizers", SET);
    return lists;
  }

  /** A PodSpec at {@code at}, with the lists inside its (init, ephemeral) containers. */
  private static void podSpec(Map<String, String> lists, String at) {
    for (String containers : List.of("containers", "initContainers", "ephemeralContainers")) {
      String list = at + "." + containers;
      lists.put(list, "name");
      lists.put(list + "[].ports", "containerPort");
      lists.put(list + "[].env", "name");
      lists.put(list + "[].volumeMounts", "mountPath");
      lists.put(list + "[].volumeDevices", "devicePath");
    }
    lists.put(at + ".volumes", "name");
    lists.put(at + ".imagePullSecrets", "name");
    lists.put(at + ".hostAliases", "ip");
    lists.put(at + ".topologySpreadConstraints", "topologyKey");
    lists.put(at + ".schedulingGates", "name");
    lists.put(at + ".resourceClaims", "name");
  }
}
