package dev.troupe.http;

import dev.troupe.actors.index.PodIndex;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.Pod;
import dev.troupe.core.printing.PodPrinter;
import dev.troupe.core.printing.Tables;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.CompletionStrategy;
import org.apache.pekko.stream.OverflowStrategy;
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

  /** A subscriber for the index and the source of its events, ready to be streamed. */
  static Pair<ActorRef<PodIndex.WatchEvent>, Source<PodIndex.WatchEvent, NotUsed>> open(
      ActorSystem<?> system) {
    Pair<org.apache.pekko.actor.ActorRef, Source<PodIndex.WatchEvent, NotUsed>> pair =
        Source.<PodIndex.WatchEvent>actorRef(
                message -> Optional.<CompletionStrategy>empty(),
                message -> Optional.<Throwable>empty(),
                BUFFER,
                OverflowStrategy.fail())
            .preMaterialize(system);
    return Pair.create(Adapter.toTyped(pair.first()), pair.second());
  }

  /** Ends a stream that will not be used (the watch was refused): its subscriber stops. */
  static void close(ActorSystem<?> system, Source<PodIndex.WatchEvent, NotUsed> events) {
    events.runWith(org.apache.pekko.stream.javadsl.Sink.cancelled(), system);
  }

  /** A watch's ERROR event carrying {@code status}. */
  static String errorEvent(dev.troupe.core.model.Status status) {
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("type", "ERROR");
    frame.put("object", status);
    return Json.write(frame);
  }

  static Source<ByteString, NotUsed> body(
      Source<PodIndex.WatchEvent, NotUsed> events,
      Optional<Duration> timeout,
      boolean table,
      Clock clock) {
    return events
        .takeWithin(timeout.orElse(DEFAULT_TIMEOUT))
        .map(event -> ByteString.fromArray(line(event, table, clock)));
  }

  private static byte[] line(PodIndex.WatchEvent event, boolean table, Clock clock) {
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("type", event.type());
    frame.put("object", object(event, table, clock));
    byte[] json = Json.writeBytes(frame);
    byte[] line = new byte[json.length + 1];
    System.arraycopy(json, 0, line, 0, json.length);
    line[json.length] = '\n';
    return line;
  }

  private static Object object(PodIndex.WatchEvent event, boolean table, Clock clock) {
    if (event.object() == null) {
      // A bookmark carries only where the watch has got to.
      Map<String, Object> bookmark = new LinkedHashMap<>();
      bookmark.put("kind", Pod.KIND);
      bookmark.put("apiVersion", Pod.API_VERSION);
      bookmark.put("metadata", Map.of("resourceVersion", Long.toString(event.resourceVersion())));
      return bookmark;
    }
    Pod pod = event.object().withTypeMeta();
    if (!table) {
      return pod;
    }
    return Tables.single(
        pod, new PodPrinter(), dev.troupe.core.printing.IncludeObject.METADATA, clock.instant());
  }
}
