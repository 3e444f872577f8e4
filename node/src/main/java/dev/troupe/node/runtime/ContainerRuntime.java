package dev.troupe.node.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The seam between a node agent and the containers it runs (Troupe's CRI). Every method blocks;
 * callers run them off the actor threads. Implementations are safe for concurrent use.
 */
public interface ContainerRuntime extends AutoCloseable {

  /** A short name for logs and node status, e.g. {@code docker://20.10.24}. */
  String version();

  /** The address published ports are bound to, and that clients connect to. */
  String nodeAddress();

  /** Whether {@code image} is present on this node. */
  boolean hasImage(String image);

  /**
   * Pulls {@code image} from the registry its name names.
   *
   * @throws RuntimeFailure with reason {@code ErrImagePull} and the registry's answer
   */
  void pull(String image);

  /**
   * Makes sure {@code image} is present as {@code pullPolicy} (Always, IfNotPresent, Never) asks.
   *
   * @return whether it was pulled
   * @throws RuntimeFailure with reason {@code ErrImagePull} or {@code ErrImageNeverPull}
   */
  default boolean ensureImage(String image, String pullPolicy) {
    String policy = pullPolicy == null ? "IfNotPresent" : pullPolicy;
    switch (policy) {
      case "Never" -> {
        if (!hasImage(image)) {
          throw new RuntimeFailure(
              "ErrImageNeverPull",
              "Container image \"" + image + "\" is not present with pull policy of Never");
        }
        return false;
      }
      case "IfNotPresent" -> {
        if (hasImage(image)) {
          return false;
        }
        pull(image);
        return true;
      }
      case "Always" -> {
        pull(image);
        return true;
      }
      default -> throw new IllegalArgumentException("Unknown image pull policy " + pullPolicy);
    }
  }

  /**
   * Creates a container, or returns the existing one when a container of that name already exists:
   * a retried create never makes a second container.
   */
  ContainerInfo create(ContainerSpec spec);

  /** Starts a created or exited container; starting a running one does nothing. */
  void start(String containerId);

  /** Sends the stop signal, waits up to {@code grace}, then kills. A stopped container is fine. */
  void stop(String containerId, Duration grace);

  /** Removes a container (killing it if it still runs); a missing container is fine. */
  void remove(String containerId);

  /** The container's current state, or empty when it does not exist. */
  Optional<ContainerInfo> inspect(String containerId);

  /**
   * Runs {@code command} in a running container (an exec probe or hook) and waits up to {@code
   * timeout} for it to end.
   *
   * @return its exit code and the start of its output; a null exit code when it did not end in time
   * @throws RuntimeFailure when the container does not run or the command cannot be started
   */
  ExecResult exec(String containerId, List<String> command, Duration timeout);

  /** How a command run in a container ended. */
  record ExecResult(Integer exitCode, String output) {

    /** Whether it ended, with exit code 0. */
    public boolean succeeded() {
      return exitCode != null && exitCode == 0;
    }
  }

  /**
   * Starts streaming a container's output (stdout and stderr, as written) to {@code sink}, on a
   * thread of the runtime's own: a followed log can last as long as its container. The log ends at
   * its current end, or when following once the container stops, or when the returned handle is
   * closed; then {@code sink} hears the end, with the failure if there was one (a container that
   * does not exist is a {@link RuntimeFailure} with reason {@code NotFound}).
   */
  java.io.Closeable logs(String containerId, LogQuery query, LogSink sink);

  /**
   * Which part of a log to read: {@code tailLines} null for all of it, {@code since} null for from
   * the start; {@code timestamps} prefixes each line with its RFC 3339 time.
   */
  record LogQuery(boolean follow, Integer tailLines, java.time.Instant since, boolean timestamps) {}

  /** Where a log goes, chunk by chunk. */
  interface LogSink {
    /** Takes the next chunk; false when no more is wanted. May block to slow the log down. */
    boolean accept(byte[] chunk);

    /** The log ended: {@code failure} is null when it simply reached its end. */
    void end(RuntimeFailure failure);
  }

  /** Every container, running or not, that carries {@code label=value}. */
  List<ContainerInfo> listByLabel(String label, String value);

  @Override
  void close();
}
