package dev.troupe.core.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A port a container listens on; {@code hostPort} asks for a fixed port on the node. */
@JsonPropertyOrder({"name", "hostPort", "containerPort", "protocol", "hostIP"})
public record ContainerPort(
    String name, Integer containerPort, Integer hostPort, String hostIP, String protocol) {

  public static ContainerPort tcp(int containerPort) {
    return new ContainerPort(null, containerPort, null, null, "TCP");
  }

  public ContainerPort withProtocol(String newProtocol) {
    return new ContainerPort(name, containerPort, hostPort, hostIP, newProtocol);
  }

  public ContainerPort withHostPort(Integer newHostPort) {
    return new ContainerPort(name, containerPort, newHostPort, hostIP, protocol);
  }
}
