package dev.troupe.node.agent;

import dev.troupe.core.model.Pod;

/**
 * How a container is tied to its pod: labels and a name made of the pod's uid, the container name
 * and the attempt (restart count), so a retried create never makes a second container and a
 * restarted agent finds everything it ran.
 */
final class ContainerLabels {

  static final String NODE = "troupe.node";
  static final String POD_UID = "troupe.pod.uid";
  static final String POD_NAME = "troupe.pod.name";
  static final String POD_NAMESPACE = "troupe.pod.namespace";
  static final String CONTAINER = "troupe.container";
  static final String ATTEMPT = "troupe.attempt";

  /** On a pod's sandbox: {@code true}. */
  static final String SANDBOX = "troupe.sandbox";

  /** On a pod's containers: the attempt of the sandbox whose network they joined. */
  static final String SANDBOX_ATTEMPT = "troupe.sandbox.attempt";

  private ContainerLabels() {}

  /** The sandbox's name, in the kubelet's form for it: {@code troupe_POD_…}. */
  static String sandboxName(Pod pod, int attempt) {
    return containerName(pod, "POD", attempt);
  }

  static boolean isSandbox(dev.troupe.node.runtime.ContainerInfo c) {
    return "true".equals(c.labels().get(SANDBOX));
  }

  static String containerName(Pod pod, String container, int attempt) {
    return "troupe_%s_%s_%s_%s_%d"
        .formatted(container, pod.name(), pod.namespace(), pod.uid(), attempt);
  }
}
