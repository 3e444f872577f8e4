package dev.troupe.http;

import dev.troupe.core.json.Json;
import dev.troupe.core.model.Status;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/** JSON replies: objects, lists and Status errors. */
final class Replies {

  private Replies() {}

  static HttpResponse json(int code, Object body) {
    return HttpResponse.create()
        .withStatus(StatusCodes.get(code))
        .withEntity(ContentTypes.APPLICATION_JSON, Json.writeBytes(body));
  }

  static HttpResponse ok(Object body) {
    return json(200, body);
  }

  static HttpResponse status(Status status) {
    return json(status.code(), status);
  }
}
