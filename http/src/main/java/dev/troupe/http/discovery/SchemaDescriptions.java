package dev.troupe.http.discovery;

import java.util.HashMap;
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
          Map.entry("Status", "The outcome of an API call that returns no object."),
          Map.entry("Deployment", "Replicas of a pod template, rolled out through ReplicaSets."),
          Map.entry("DeploymentSpec", "What a deployment should run and how it rolls out."),
          Map.entry("DeploymentStrategy", "How a deployment replaces old pods with new ones."),
          Map.entry(
              "RollingUpdateDeployment",
              "How far a rolling update may go below and above the wanted replicas."),
          Map.entry("DeploymentStatus", "What was last observed of a deployment."),
          Map.entry("ReplicaSet", "Keeps a number of pods of one template running."),
          Map.entry("ReplicaSetSpec", "How many pods of which template a replica set keeps."),
          Map.entry("ReplicaSetStatus", "What was last observed of a replica set."),
          Map.entry("PodTemplateSpec", "The metadata and spec of the pods a workload creates."),
          Map.entry("LabelSelector", "Labels an object must have: all the terms must match."),
          Map.entry("Service", "A stable address for a set of pods chosen by labels."),
          Map.entry("ServiceSpec", "What a service exposes and to which pods."),
          Map.entry("ServicePort", "A port a service exposes and the pods' port it forwards to."),
          Map.entry("ServiceStatus", "What was last observed of a service."),
          Map.entry("Endpoints", "The addresses and ports that implement a service."),
          Map.entry("EndpointSubset", "Addresses that all serve the same ports."),
          Map.entry(
              "EndpointSlice", "Some of the endpoints of a service, all serving the same ports."),
          Map.entry(
              "Endpoint", "One endpoint of a slice: its addresses and the object behind them."),
          Map.entry("EndpointConditions", "What an endpoint can do now."),
          Map.entry("EndpointPort", "A port the endpoints serve."),
          Map.entry("Node", "A machine that runs pods."),
          Map.entry("NodeSpec", "How a node is to be used."),
          Map.entry("NodeStatus", "What was last observed of a node."),
          Map.entry("Namespace", "A scope for names."),
          Map.entry("NamespaceSpec", "What must happen before a namespace is deleted."),
          Map.entry("NamespaceStatus", "What was last observed of a namespace."),
          Map.entry("Event", "Something that happened to an object, as a component reported it."),
          Map.entry("ObjectReference", "Another object, by kind, namespace and name."));

  private static final Map<String, String> OWN_FIELDS =
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
              "Opaque version of the object, used for optimistic concurrency and watches."),
          Map.entry("DeploymentSpec.replicas", "Number of pods wanted; defaults to 1."),
          Map.entry(
              "DeploymentSpec.selector",
              "Selects the pods of this deployment; must match the template's labels."),
          Map.entry("DeploymentSpec.template", "The pods the deployment creates."),
          Map.entry("DeploymentSpec.strategy", "How old pods are replaced by new ones."),
          Map.entry("DeploymentStrategy.type", "RollingUpdate (the default) or Recreate."),
          Map.entry(
              "DeploymentStrategy.rollingUpdate",
              "The bounds of a rolling update; 25%/25% if unset."),
          Map.entry(
              "RollingUpdateDeployment.maxUnavailable",
              "Pods that may be unavailable during the update, as a number or a percent."),
          Map.entry(
              "RollingUpdateDeployment.maxSurge",
              "Pods that may be created above the wanted replicas, as a number or a percent."),
          Map.entry("ReplicaSetSpec.replicas", "Number of pods wanted; defaults to 1."),
          Map.entry(
              "ReplicaSetSpec.selector",
              "Selects the pods of this replica set; must match the template's labels."),
          Map.entry("ReplicaSetSpec.template", "The pods the replica set creates."),
          Map.entry("ServiceSpec.ports", "The ports the service exposes."),
          Map.entry("ServiceSpec.selector", "Routes traffic to the pods with these labels."),
          Map.entry(
              "ServiceSpec.type",
              "ClusterIP (the default), NodePort, LoadBalancer or ExternalName."),
          Map.entry(
              "ServiceSpec.clusterIP", "The service's virtual IP address; allocated if unset."),
          Map.entry("ServicePort.name", "Name of the port, unique within the service."),
          Map.entry("ServicePort.protocol", "TCP (the default), UDP or SCTP."),
          Map.entry("ServicePort.port", "The port the service exposes."),
          Map.entry(
              "ServicePort.targetPort",
              "The pods' port, by number or by name; defaults to the same as port."),
          Map.entry("ServicePort.nodePort", "The port on every node, for NodePort services."),
          Map.entry(
              "EndpointSlice.addressType",
              "The type of every address of the slice: IPv4, IPv6 or FQDN; it cannot change."),
          Map.entry("EndpointSlice.endpoints", "The endpoints of the slice, at most 1000."),
          Map.entry(
              "EndpointSlice.ports",
              "The ports every endpoint of the slice serves; none when no ports are defined."),
          Map.entry("Endpoint.addresses", "The endpoint's addresses, of the slice's type."),
          Map.entry("Endpoint.nodeName", "The node the endpoint is on."),
          Map.entry("EndpointConditions.ready", "Whether the endpoint takes new traffic."),
          Map.entry(
              "EndpointConditions.serving",
              "Whether the endpoint passes its readiness checks, terminating or not."),
          Map.entry("EndpointConditions.terminating", "Whether the endpoint is being deleted."));

  private static final Map<String, String> FIELDS = fields();

  private static Map<String, String> fields() {
    Map<String, String> fields = new HashMap<>(OWN_FIELDS);
    typeMeta(fields, "Service", "v1", "service");
    typeMeta(fields, "Endpoints", "v1", null);
    typeMeta(fields, "Node", "v1", "node");
    typeMeta(fields, "Namespace", "v1", "namespace");
    typeMeta(fields, "Event", "v1", null);
    typeMeta(fields, "Deployment", "apps/v1", "deployment");
    typeMeta(fields, "ReplicaSet", "apps/v1", "replica set");
    typeMeta(fields, "EndpointSlice", "discovery.k8s.io/v1", null);
    return Map.copyOf(fields);
  }

  /** Describes a kind's own fields; {@code noun} is null for a kind without spec and status. */
  private static void typeMeta(
      Map<String, String> fields, String kind, String apiVersion, String noun) {
    fields.put(
        kind + ".apiVersion",
        "The versioned schema of this representation of an object, here \"" + apiVersion + "\".");
    fields.put(kind + ".kind", "The REST resource this object represents, here \"" + kind + "\".");
    fields.put(kind + ".metadata", "Standard object's metadata.");
    if (noun != null) {
      fields.put(kind + ".spec", "Specification of the desired behavior of the " + noun + ".");
      fields.put(
          kind + ".status",
          "Most recently observed status of the " + noun + "; read-only, set by Troupe.");
    }
  }

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
