package dev.troupe.actors.logs;

import dev.troupe.core.JsonSerializable;
import java.time.Instant;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.stream.SourceRef;
import org.apache.pekko.util.ByteString;

/**
 * How the API reads a container's log from the node that runs it: each node registers a log server
 * under its own key; a {@link Read} is answered with a stream reference the API serves as the
 * response body, wherever in the cluster the node is.
 */
public final class ContainerLogs {

  private ContainerLogs() {}

  /** The key the log server of {@code nodeName} registers under. */
  public static ServiceKey<Command> key(String nodeName) {
    return ServiceKey.create(Command.class, "container-logs-" + nodeName);
  }

  /** What a node's log server is asked. */
  public sealed interface Command extends JsonSerializable {}

  /**
   * The log of the run {@code containerId} (as the pod's status names it) of {@code container} of
   * the pod {@code podUid}; {@code since} null for all of it, {@code tailLines} null for every
   * line, {@code limitBytes} null for no limit.
   */
  public record Read(
      String podUid,
      String container,
      String containerId,
      boolean follow,
      Long tailLines,
      Instant since,
      boolean timestamps,
      Long limitBytes,
      ActorRef<Reply> replyTo)
      implements Command {}

  /** How a log server answers. */
  public sealed interface Reply extends JsonSerializable {}

  /** The log, as a stream of chunks to serve as they come. */
  public record Opened(SourceRef<ByteString> log) implements Reply {}

  /** There is no such log: {@code message} says why, as Kubernetes would. */
  public record Refused(String message) implements Reply {}
}
