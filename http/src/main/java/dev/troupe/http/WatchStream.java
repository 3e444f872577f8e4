package dev.troupe.http;

import dev.troupe.core.json.Json;
import dev.troupe.core.model.Status;
import dev.troupe.core.printing.IncludeObject;
import dev.troupe.core.printing.TablePrinter;
import dev.troupe.core.printing.Tables;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.CompletionStrategy;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The body of a watch: one JSON document per event, each on its own line, sent as its own chunk as
 * soon as the index delivers it. A watcher that falls too far behind is cut off (its client watches
 * again) rather than slowing the index.
 */
final class WatchStream {

  /** Events a watcher may fall behind by before its stream fails. */
  static final int BUFFER = 10_000;

  /** How long a watch lasts when the client does not say (Kubernetes: 30 to 60 minutes). */
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  private WatchStream() {}

  /**
   * One event as the client sees it: its type and the object, or (object null) a bookmark at a
   * version.
   */
  record Frame(String type, Object object, long resourceVersion) {}

  /**
   * Whether the index started a watch; when not, the oldest version it could have continued from.
   */
  record Started(boolean started, long oldestResourceVersion) {}

  /**
   * Serves a watch: {@code start} asks the index to feed a new subscriber, then the events stream
   * to the client (chunked, or over a WebSocket one text message per event), or a 410 Expired when
   * the index refused the version asked for.
   */
  static <E, T> CompletionStage<HttpResponse> serve(
      ActorSystem<?> system,
      ReadRequest read,
      Function<ActorRef<E>, CompletionStage<Started>> start,
      Function<E, Frame> frame,
      Printed<T> printed,
      Clock clock) {
    Pair<ActorRef<E>, Source<E, NotUsed>> stream = open(system);
    return start
        .apply(stream.first())
        .thenApply(
            started -> {
              if (!started.started()) {
                close(system, stream.second());
                Status expired =
                    ApiErrors.expired(read.resourceVersion(), started.oldestResourceVersion());
                if (read.webSocket().isPresent()) {
                  // Over a WebSocket the API server says so in an ERROR event, then closes.
                  return read.webSocket()
                      .get()
                      .handleMessagesWith(
                          Sink.ignore(),
                          Source.single((Message) TextMessage.create(errorEvent(expired))));
                }
                return Replies.status(expired);
              }
              Source<ByteString, NotUsed> body =
                  body(stream.second(), frame, read.timeout(), printed, clock);
              if (read.webSocket().isPresent()) {
                // The API server's other framing: one text message per event.
                return read.webSocket()
                    .get()
                    .handleMessagesWith(
                        Sink.ignore(),
                        body.map(bytes -> (Message) TextMessage.create(bytes.utf8String())));
              }
              return Replies.stream(printed.table(), body);
            });
  }

  /** A subscriber for the index and the source of its events, ready to be streamed. */
  private static <E> Pair<ActorRef<E>, Source<E, NotUsed>> open(ActorSystem<?> system) {
    Pair<org.apache.pekko.actor.ActorRef, Source<E, NotUsed>> pair =
        Source.<E>actorRef(
                message -> Optional.<CompletionStrategy>empty(),
                message -> Optional.<Throwable>empty(),
                BUFFER,
                OverflowStrategy.fail())
            .preMaterialize(system);
    return Pair.create(Adapter.toTyped(pair.first()), pair.second());
  }

  /** Ends a stream that will not be used (the watch was refused): its subscriber stops. */
  private static void close(ActorSystem<?> system, Source<?, NotUsed> events) {
    events.runWith(Sink.cancelled(), system);
  }

  /** A watch's ERROR event carrying {@code status}. */
  static String errorEvent(Status status) {
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("type", "ERROR");
    frame.put("object", status);
    return Json.write(frame);
  }

  /**
   * The lines of a watch of {@code kind} ({@code apiVersion}): each event framed by {@code frame},
   * as a Table row when {@code table} (printed by {@code printer}).
   */
  private static <E, T> Source<ByteString, NotUsed> body(
      Source<E, NotUsed> events,
      Function<E, Frame> frame,
      Optional<Duration> timeout,
      Printed<T> printed,
      Clock clock) {
    return events
        .takeWithin(timeout.orElse(DEFAULT_TIMEOUT))
        .map(event -> ByteString.fromArray(line(frame.apply(event), printed, clock)));
  }

  /**
   * How watched objects of one kind are shown: as themselves, or (with a printer) as one-row
   * Tables; bookmarks name {@code kind} and {@code apiVersion}.
   */
  record Printed<T>(String kind, String apiVersion, TablePrinter<T> printer) {
    boolean table() {
      return printer != null;
    }
  }

  private static <T> byte[] line(Frame frame, Printed<T> printed, Clock clock) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", frame.type());
    body.put("object", object(frame, printed, clock));
    byte[] json = Json.writeBytes(body);
    byte[] line = new byte[json.length + 1];
    System.arraycopy(json, 0, line, 0, json.length);
    line[json.length] = '\n';
    return line;
  }

  @SuppressWarnings("unchecked")
  private static <T> Object object(Frame frame, Printed<T> printed, Clock clock) {
    if (frame.object() == null) {
      // A bookmark carries only where the watch has got to.
      Map<String, Object> bookmark = new LinkedHashMap<>();
      bookmark.put("kind", printed.kind());
      bookmark.put("apiVersion", printed.apiVersion());
      bookmark.put("metadata", Map.of("resourceVersion", Long.toString(frame.resourceVersion())));
      return bookmark;
    }
    if (!printed.table()) {
      return frame.object();
    }
    return Tables.single(
        (T) frame.object(), printed.printer(), IncludeObject.METADATA, clock.instant());
  }
}
