package dev.troupe.node.runtime;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Ports;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Turns the engine's answer to an inspect into a {@link ContainerInfo}. */
final class ContainerInfoMapper {

  /** Docker's timestamp for "never", e.g. the finish time of a running container. */
  private static final String ZERO_TIME_PREFIX = "0001-01-01T00:00:00";

  private ContainerInfoMapper() {}

  static ContainerInfo toInfo(InspectContainerResponse c) {
    InspectContainerResponse.ContainerState s = c.getState();
    String status = s == null || s.getStatus() == null ? "" : s.getStatus();
    ContainerInfo.State state =
        switch (status) {
          case "running" -> ContainerInfo.State.RUNNING;
          case "created" -> ContainerInfo.State.CREATED;
          case "exited", "dead" -> ContainerInfo.State.EXITED;
          default -> ContainerInfo.State.UNKNOWN;
        };
    Long exitCode = s == null ? null : s.getExitCodeLong();
    String error =
        s == null || s.getError() == null || s.getError().isEmpty() ? null : s.getError();
    Map<String, String> labels =
        c.getConfig() == null || c.getConfig().getLabels() == null
            ? Map.of()
            : Map.copyOf(c.getConfig().getLabels());
    String name = c.getName() == null ? null : c.getName().replaceFirst("^/", "");
    return new ContainerInfo(
        c.getId(),
        name,
        c.getConfig() == null ? null : c.getConfig().getImage(),
        c.getImageId(),
        labels,
        state,
        exitCode == null ? null : exitCode.intValue(),
        s != null && Boolean.TRUE.equals(s.getOOMKilled()),
        error,
        s == null ? null : timestamp(s.getStartedAt()),
        s == null ? null : timestamp(s.getFinishedAt()),
        publishedPorts(c));
  }

  private static List<ContainerInfo.PublishedPort> publishedPorts(InspectContainerResponse c) {
    if (c.getNetworkSettings() == null || c.getNetworkSettings().getPorts() == null) {
      return List.of();
    }
    List<ContainerInfo.PublishedPort> ports = new ArrayList<>();
    c.getNetworkSettings()
        .getPorts()
        .getBindings()
        .forEach(
            (exposed, bindings) -> {
              // an exposed port that is not published has no bindings
              if (bindings == null) {
                return;
              }
              for (Ports.Binding b : bindings) {
                Integer hostPort = parsePort(b.getHostPortSpec());
                if (hostPort != null) {
                  ports.add(
                      new ContainerInfo.PublishedPort(
                          exposed.getPort(),
                          exposed.getProtocol().name(),
                          b.getHostIp(),
                          hostPort));
                }
              }
            });
    ports.sort(
        Comparator.comparingInt(ContainerInfo.PublishedPort::containerPort)
            .thenComparing(ContainerInfo.PublishedPort::protocol)
            .thenComparing(p -> String.valueOf(p.hostIP())));
    return List.copyOf(ports);
  }

  private static Integer parsePort(String spec) {
    if (spec == null || spec.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(spec.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Instant timestamp(String value) {
    if (value == null || value.isEmpty() || value.startsWith(ZERO_TIME_PREFIX)) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
