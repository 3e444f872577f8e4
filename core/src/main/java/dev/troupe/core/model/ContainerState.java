package dev.troupe.core.model;

import java.time.Instant;

/** Exactly one of waiting, running or terminated is set. */
public record ContainerState(Waiting waiting, Running running, Terminated terminated) {

  public static ContainerState waiting(String reason, String message) {
    return new ContainerState(new Waiting(reason, message), null, null);
  }

  public static ContainerState running(Instant startedAt) {
    return new ContainerState(null, new Running(startedAt), null);
  }

  public static ContainerState terminated(Terminated terminated) {
    return new ContainerState(null, null, terminated);
  }

  /** A container that has not started yet, and why. */
  public record Waiting(String reason, String message) {}

  /** A container that is running. */
  public record Running(Instant startedAt) {}

  /** A container that has exited. */
  public record Terminated(
      int exitCode,
      Integer signal,
      String reason,
      String message,
      Instant startedAt,
      Instant finishedAt,
      String containerID) {}
}
