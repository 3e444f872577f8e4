package dev.troupe.core.model;

/** A port a container listens on; {@code hostPort} asks for a fixed port on the node. */
public record ContainerPort(
    String name, Integer containerPort, Integer hostPort, String hostIP, String protocol) {

  public static ContainerPort tcp(int containerPort) {
    return new ContainerPort(null, containerPort, null, null, "TCP");
  }

  public ContainerPort withProtocol(String newProtocol) {
    return new ContainerPort(name, containerPort, hostPort, hostIP, newProtocol);
  }
}
