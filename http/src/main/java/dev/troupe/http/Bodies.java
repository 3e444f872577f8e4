package dev.troupe.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.troupe.core.json.Json;
import java.io.IOException;
import java.util.Optional;

/**
 * Request bodies: JSON or YAML by content type; no content type means JSON (kubectl's PUT to /scale
 * sends none). Anything else, protobuf included, is refused with 415.
 */
final class Bodies {

  /** A decoded body, or the error to answer with. */
  record Decoded<T>(T value, dev.troupe.core.model.Status error) {}

  private Bodies() {}

  /** The mapper for a content type, or empty when the type is not accepted. */
  static Optional<ObjectMapper> mapperFor(String mediaType) {
    String type = mediaType == null ? "" : mediaType.toLowerCase(java.util.Locale.ROOT);
    if (type.isEmpty()
        || type.equals("application/octet-stream")
        || type.equals("application/json")
        || type.endsWith("+json")) {
      return Optional.of(Json.mapper());
    }
    if (type.equals("application/yaml")
        || type.equals("application/x-yaml")
        || type.equals("text/yaml")) {
      return Optional.of(Json.yamlMapper());
    }
    return Optional.empty();
  }

  static <T> Decoded<T> decode(byte[] body, String mediaType, Class<T> type, String kind) {
    Optional<ObjectMapper> mapper = mapperFor(mediaType);
    if (mapper.isEmpty()) {
      return new Decoded<>(null, ApiErrors.unsupportedMediaType(mediaType));
    }
    if (body.length == 0) {
      return new Decoded<>(null, ApiErrors.badRequest("the request body is empty"));
    }
    try {
      T value = mapper.get().readValue(body, type);
      if (value == null) {
        return new Decoded<>(null, ApiErrors.badRequest("the request body is empty"));
      }
      return new Decoded<>(value, null);
    } catch (JsonProcessingException e) {
      return new Decoded<>(
          null,
          ApiErrors.badRequest(
              "%s in version \"v1\" cannot be handled as a %s: %s"
                  .formatted(kind, kind, e.getOriginalMessage())));
    } catch (IOException e) {
      return new Decoded<>(null, ApiErrors.badRequest(e.getMessage()));
    }
  }
}
