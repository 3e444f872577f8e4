package dev.troupe.node.agent;

import dev.troupe.actors.logs.ContainerLogs;
import dev.troupe.node.runtime.ContainerInfo;
import dev.troupe.node.runtime.ContainerRuntime;
import dev.troupe.node.runtime.RuntimeFailure;
import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.apache.pekko.stream.javadsl.StreamRefs;
import org.apache.pekko.util.ByteString;

/**
 * Serves the logs of the containers this node runs (the kubelet's {@code /containerLogs}): finds
 * the container run asked for by its labels, streams its log from the runtime with back-pressure,
 * and hands the stream to the asker as a stream reference. A client that goes away closes the
 * runtime's stream.
 */
final class LogServer {

  /** How many chunks wait between the runtime and a slow client. */
  private static final int BUFFER = 64;

  private LogServer() {}

  static Behavior<ContainerLogs.Command> create(
      String nodeName, ContainerRuntime runtime, Executor runtimeThreads) {
    return Behaviors.setup(
        context -> {
          context
              .getSystem()
              .receptionist()
              .tell(Receptionist.register(ContainerLogs.key(nodeName), context.getSelf()));
          ActorSystem<?> system = context.getSystem();
          return Behaviors.receive(ContainerLogs.Command.class)
              .onMessage(
                  ContainerLogs.Read.class,
                  read -> {
                    CompletableFuture.supplyAsync(() -> open(read, runtime, system), runtimeThreads)
                        .whenComplete(
                            (reply, failure) ->
                                read.replyTo()
                                    .tell(
                                        reply != null
                                            ? reply
                                            : new ContainerLogs.Refused(describe(failure))));
                    return Behaviors.same();
                  })
              .build();
        });
  }

  private static ContainerLogs.Reply open(
      ContainerLogs.Read read, ContainerRuntime runtime, ActorSystem<?> system) {
    Optional<ContainerInfo> run = runOf(read, runtime);
    if (run.isEmpty()) {
      return new ContainerLogs.Refused(
          "container \"%s\" of pod %s has no run %s on this node"
              .formatted(read.container(), read.podUid(), read.containerId()));
    }
    Pair<SourceQueueWithComplete<ByteString>, Source<ByteString, NotUsed>> queued =
        Source.<ByteString>queue(BUFFER, OverflowStrategy.backpressure()).preMaterialize(system);
    SourceQueueWithComplete<ByteString> queue = queued.first();
    ContainerRuntime.LogQuery query =
        new ContainerRuntime.LogQuery(
            read.follow(),
            read.tailLines() == null ? null : (int) Math.min(read.tailLines(), Integer.MAX_VALUE),
            read.since(),
            read.timestamps());
    Closeable stream =
        runtime.logs(
            run.get().id(),
            query,
            new ContainerRuntime.LogSink() {
              @Override
              public boolean accept(byte[] chunk) {
                try {
                  return queue.offer(ByteString.fromArray(chunk)).toCompletableFuture().join()
                      == QueueOfferResult.enqueued();
                } catch (CompletionException e) {
                  return false;
                }
              }

              @Override
              public void end(RuntimeFailure failure) {
                if (failure == null) {
                  queue.complete();
                } else {
                  queue.fail(failure);
                }
              }
            });
    // the client went away (or the log ended): let go of the runtime's stream
    queue.watchCompletion().whenComplete((done, failure) -> closeQuietly(stream));
    Source<ByteString, NotUsed> log = queued.second();
    if (read.limitBytes() != null) {
      log = limited(log, read.limitBytes());
    }
    return new ContainerLogs.Opened(log.runWith(StreamRefs.sourceRef(), system));
  }

  /**
   * The run a read names, by its id without the runtime's scheme; only a container of that pod and
   * container name qualifies.
   */
  static Optional<ContainerInfo> runOf(ContainerLogs.Read read, ContainerRuntime runtime) {
    String id = read.containerId();
    if (id == null) {
      return Optional.empty();
    }
    int scheme = id.indexOf("://");
    String bare = scheme < 0 ? id : id.substring(scheme + 3);
    return runtime
        .inspect(bare)
        .filter(c -> read.podUid().equals(c.labels().get(ContainerLabels.POD_UID)))
        .filter(c -> read.container().equals(c.labels().get(ContainerLabels.CONTAINER)));
  }

  /** At most {@code limit} bytes of {@code log}, ending as soon as they are sent. */
  static Source<ByteString, NotUsed> limited(Source<ByteString, NotUsed> log, long limit) {
    return log.statefulMap(
            () -> limit,
            (left, chunk) -> {
              ByteString part = chunk.take((int) Math.min(left, chunk.size()));
              long rest = left - part.size();
              return Pair.create(rest, Pair.create(part, rest <= 0));
            },
            left -> Optional.empty())
        .takeWhile(piece -> !piece.second(), true)
        .map(Pair::first);
  }

  private static void closeQuietly(Closeable stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // the stream is going anyway
    }
  }

  private static String describe(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    return cause == null ? "reading the log failed" : cause.getMessage();
  }
}
