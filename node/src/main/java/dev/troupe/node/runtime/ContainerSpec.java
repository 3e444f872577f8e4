package dev.troupe.node.runtime;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to create one container. {@code command} replaces the image's entrypoint and
 * {@code args} its cmd, as in Kubernetes; null keeps the image's own. {@code networkMode} {@code
 * container:<id>} joins another container's network namespace (a pod's sandbox), which then holds
 * the ports and the host name; null gives the container its own.
 */
public record ContainerSpec(
    String name,
    String image,
    List<String> command,
    List<String> args,
    String workingDir,
    Map<String, String> env,
    List<PortSpec> ports,
    String hostname,
    Map<String, String> labels,
    Long memoryLimitBytes,
    Long nanoCpus,
    String networkMode) {

  /** A container with a network namespace of its own. */
  public ContainerSpec(
      String name,
      String image,
      List<String> command,
      List<String> args,
      String workingDir,
      Map<String, String> env,
      List<PortSpec> ports,
      String hostname,
      Map<String, String> labels,
      Long memoryLimitBytes,
      Long nanoCpus) {
    this(
        name,
        image,
        command,
        args,
        workingDir,
        env,
        ports,
        hostname,
        labels,
        memoryLimitBytes,
        nanoCpus,
        null);
  }

  /** A port to publish: {@code hostPort} null or 0 asks for an ephemeral port on {@code hostIP}. */
  public record PortSpec(int containerPort, String protocol, String hostIP, Integer hostPort) {}
}
