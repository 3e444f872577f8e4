package dev.troupe.node.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the runtime reports of one container. */
public record ContainerInfo(
    String id,
    String name,
    String image,
    String imageId,
    Map<String, String> labels,
    State state,
    Integer exitCode,
    boolean oomKilled,
    String error,
    Instant startedAt,
    Instant finishedAt,
    List<PublishedPort> ports) {

  /** The lifecycle states that matter to a node agent. */
  public enum State {
    CREATED,
    RUNNING,
    EXITED,
    UNKNOWN
  }

  /** A container port as bound on the host. */
  public record PublishedPort(int containerPort, String protocol, String hostIP, int hostPort) {}

  public boolean isRunning() {
    return state == State.RUNNING;
  }

  /**
   * This container as reached through other ports: those of the sandbox whose network it shares.
   */
  public ContainerInfo withPorts(List<PublishedPort> newPorts) {
    return new ContainerInfo(
        id,
        name,
        image,
        imageId,
        labels,
        state,
        exitCode,
        oomKilled,
        error,
        startedAt,
        finishedAt,
        newPorts);
  }
}
