package dev.troupe.core.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.ObjectMeta;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.zip.CRC32;

/**
 * core/v1 Event objects made from {@link EventNote}s, deduplicated as Kubernetes' event recorder
 * does: the same note about the same object keeps one Event whose {@code count} and {@code
 * lastTimestamp} grow.
 */
public final class KubeEvents {

  private KubeEvents() {}

  /** What an Event is about: its kind, apiVersion, namespace, name and uid. */
  public record Involved(
      String kind, String apiVersion, String namespace, String name, String uid) {}

  /**
   * The name of the Event for {@code note} about {@code involved}: the object's name, then a hash
   * of what makes two notes the same, so repeats land on one Event.
   */
  public static String name(Involved involved, EventNote note) {
    CRC32 hash = new CRC32();
    String key =
        String.join(
            "\u0000",
            involved.uid() == null ? "" : involved.uid(),
            note.reason(),
            note.type(),
            note.message(),
            note.component(),
            note.fieldPath() == null ? "" : note.fieldPath());
    hash.update(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return involved.name() + "." + Long.toHexString(hash.getValue());
  }

  /** The first Event for {@code note}, seen at {@code at}. */
  public static KubeObject first(Involved involved, EventNote note, Instant at) {
    Instant seen = at.truncatedTo(ChronoUnit.SECONDS);
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("kind", "Event");
    json.put("apiVersion", "v1");
    json.set(
        "metadata",
        Json.mapper().valueToTree(ObjectMeta.named(involved.namespace(), name(involved, note))));
    ObjectNode object = json.putObject("involvedObject");
    object.put("kind", involved.kind());
    if (involved.namespace() != null) {
      object.put("namespace", involved.namespace());
    }
    object.put("name", involved.name());
    if (involved.uid() != null) {
      object.put("uid", involved.uid());
    }
    object.put("apiVersion", involved.apiVersion());
    if (note.fieldPath() != null) {
      object.put("fieldPath", note.fieldPath());
    }
    json.put("reason", note.reason());
    json.put("message", note.message());
    ObjectNode source = json.putObject("source");
    source.put("component", note.component());
    if (note.host() != null) {
      source.put("host", note.host());
    }
    json.put("firstTimestamp", seen.toString());
    json.put("lastTimestamp", seen.toString());
    json.put("count", 1);
    json.put("type", note.type());
    json.put("reportingComponent", note.component());
    json.put("reportingInstance", note.host() == null ? "" : note.host());
    return KubeObject.of(json);
  }

  /** {@code existing} seen once more at {@code at}. */
  public static KubeObject repeated(KubeObject existing, Instant at) {
    ObjectNode json = existing.copyOfJson();
    json.put("count", existing.at("/count").asInt(1) + 1);
    json.put("lastTimestamp", at.truncatedTo(ChronoUnit.SECONDS).toString());
    return KubeObject.of(json);
  }
}
