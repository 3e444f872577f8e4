package dev.troupe.http.discovery;

import java.util.Map;

/**
 * Short descriptions of the model's types and main fields, for {@code kubectl explain}. Keyed by
 * the Java record's simple name, and by {@code Record.field} for fields; a missing entry only means
 * explain shows no text.
 */
final class SchemaDescriptions {

  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("Pod", "A group of containers that run together on one node."),
          Map.entry("PodSpec", "What a pod should run and how."),
          Map.entry("PodStatus", "What was last observed of a pod."),
          Map.entry("Container", "One container of a pod: an image and how to run it."),
          Map.entry("ContainerPort", "A network port a container listens on."),
          Map.entry("EnvVar", "An environment variable set in a container."),
          Map.entry(
              "ResourceRequirements", "CPU and memory a container asks for and is limited to."),
          Map.entry("ContainerStatus", "What was last observed of one container of a pod."),
          Map.entry(
              "ContainerState", "The state of a container: exactly one of its fields is set."),
          Map.entry("PodCondition", "One condition a pod is in, such as Ready."),
          Map.entry("ObjectMeta", "Metadata every persisted object has: identity, labels, stamps."),
          Map.entry("OwnerReference", "Identifies an object that owns this one."),
          Map.entry("Status", "The outcome of an API call that returns no object."));

  private static final Map<String, String> FIELDS =
      Map.ofEntries(
          Map.entry(
              "Pod.apiVersion",
              "The versioned schema of this representation of an object, here \"v1\"."),
          Map.entry("Pod.kind", "The REST resource this object represents, here \"Pod\"."),
          Map.entry("Pod.metadata", "Standard object's metadata."),
          Map.entry("Pod.spec", "Specification of the desired behavior of the pod."),
          Map.entry(
              "Pod.status", "Most recently observed status of the pod; read-only, set by Troupe."),
          Map.entry("PodSpec.containers", "List of containers belonging to the pod."),
          Map.entry(
              "PodSpec.restartPolicy",
              "Restart policy for all containers of the pod: Always, OnFailure or Never."),
          Map.entry(
              "PodSpec.terminationGracePeriodSeconds",
              "Seconds the pod is given to stop gracefully before it is killed."),
          Map.entry("PodSpec.nodeName", "The node the pod is bound to; set by the scheduler."),
          Map.entry("PodSpec.hostname", "The pod's hostname; defaults to the pod's name."),
          Map.entry("Container.name", "Name of the container, unique within the pod."),
          Map.entry("Container.image", "Container image name."),
          Map.entry("Container.command", "Entrypoint array; the image's ENTRYPOINT if unset."),
          Map.entry("Container.args", "Arguments to the entrypoint; the image's CMD if unset."),
          Map.entry("Container.workingDir", "The container's working directory."),
          Map.entry("Container.env", "Environment variables to set in the container."),
          Map.entry("Container.ports", "Ports to expose from the container."),
          Map.entry("Container.resources", "Compute resources required by this container."),
          Map.entry(
              "Container.imagePullPolicy", "Image pull policy: Always, Never or IfNotPresent."),
          Map.entry("PodStatus.phase", "Pending, Running, Succeeded, Failed or Unknown."),
          Map.entry("PodStatus.conditions", "Current service state of the pod."),
          Map.entry("PodStatus.hostIP", "IP address of the node the pod runs on."),
          Map.entry("PodStatus.podIP", "IP address allocated to the pod."),
          Map.entry("PodStatus.startTime", "When the node acknowledged the pod."),
          Map.entry("PodStatus.containerStatuses", "The status of each container of the pod."),
          Map.entry(
              "PodStatus.qosClass", "Quality of service class: Guaranteed, Burstable, BestEffort."),
          Map.entry(
              "PodStatus.hostPorts",
              "Troupe's addition: where each container port is published on the node."),
          Map.entry("ObjectMeta.name", "Name, unique within a namespace."),
          Map.entry("ObjectMeta.namespace", "The namespace the object lives in."),
          Map.entry("ObjectMeta.labels", "Map of string keys and values to select objects by."),
          Map.entry("ObjectMeta.annotations", "Map of string keys and values for tools to use."),
          Map.entry(
              "ObjectMeta.uid", "Unique id of the object in time and space; set by the server."),
          Map.entry(
              "ObjectMeta.resourceVersion",
              "Opaque version of the object, used for optimistic concurrency and watches."));

  private SchemaDescriptions() {}

  /** The description of a record type, or null. */
  static String ofType(String simpleName) {
    return TYPES.get(simpleName);
  }

  /** The description of a field of a record type, or null. */
  static String ofField(String simpleName, String field) {
    return FIELDS.get(simpleName + "." + field);
  }
}
