package dev.troupe.http;

import dev.troupe.core.json.Json;
import dev.troupe.core.model.Status;
import dev.troupe.core.printing.Table;
import java.util.Map;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/** JSON replies: objects, lists and Status errors. */
final class Replies {

  private Replies() {}

  static HttpResponse json(int code, Object body) {
    return HttpResponse.create()
        .withStatus(StatusCodes.get(code))
        .withEntity(ContentTypes.APPLICATION_JSON, Json.writeBytes(body));
  }

  /** {@code response} with one Kubernetes warning header per message (kubectl prints them). */
  static HttpResponse withWarnings(HttpResponse response, java.util.List<String> warnings) {
    if (warnings.isEmpty()) {
      return response;
    }
    java.util.List<org.apache.pekko.http.javadsl.model.HttpHeader> headers =
        new java.util.ArrayList<>();
    for (String warning : warnings) {
      headers.add(
          org.apache.pekko.http.javadsl.model.headers.RawHeader.create(
              "Warning", "299 - \"" + warning.replace("\"", "\\\"") + "\""));
    }
    return response.addHeaders(headers);
  }

  static HttpResponse ok(Object body) {
    return json(200, body);
  }

  static HttpResponse status(Status status) {
    return json(status.code(), status);
  }

  /**
   * The content type kubectl asked for when it wants server-side printing. The parameters ride in
   * the subtype so they are sent exactly as the Kubernetes API server sends them.
   */
  static final ContentType TABLE =
      ContentTypes.create(
          MediaTypes.customWithFixedCharset(
              "application",
              "json;as=Table;v=v1;g=meta.k8s.io",
              HttpCharsets.UTF_8,
              Map.of(),
              false));

  static HttpResponse table(Table table) {
    return HttpResponse.create()
        .withStatus(StatusCodes.OK)
        .withEntity(TABLE, Json.writeBytes(table));
  }

  /** A chunked stream, each element sent as its own chunk the moment it is ready. */
  static HttpResponse stream(boolean table, Source<ByteString, NotUsed> body) {
    return HttpResponse.create()
        .withStatus(StatusCodes.OK)
        .withEntity(
            HttpEntities.createChunked(table ? TABLE : ContentTypes.APPLICATION_JSON, body));
  }
}
