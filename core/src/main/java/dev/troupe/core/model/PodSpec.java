package dev.troupe.core.model;

import java.util.List;

/** What a pod should run and how. */
public record PodSpec(
    List<Container> containers,
    String restartPolicy,
    Long terminationGracePeriodSeconds,
    String nodeName,
    String hostname) {

  public static final String RESTART_ALWAYS = "Always";
  public static final String RESTART_ON_FAILURE = "OnFailure";
  public static final String RESTART_NEVER = "Never";

  public PodSpec withContainers(List<Container> newContainers) {
    return new PodSpec(
        newContainers, restartPolicy, terminationGracePeriodSeconds, nodeName, hostname);
  }

  public PodSpec withRestartPolicy(String newRestartPolicy) {
    return new PodSpec(
        containers, newRestartPolicy, terminationGracePeriodSeconds, nodeName, hostname);
  }

  public PodSpec withTerminationGracePeriodSeconds(Long seconds) {
    return new PodSpec(containers, restartPolicy, seconds, nodeName, hostname);
  }

  public PodSpec withNodeName(String newNodeName) {
    return new PodSpec(
        containers, restartPolicy, terminationGracePeriodSeconds, newNodeName, hostname);
  }

  public List<Container> containersOrEmpty() {
    return containers == null ? List.of() : containers;
  }
}
