package dev.troupe.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.troupe.core.json.Json;
import dev.troupe.core.validation.UnknownFields;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Request bodies: JSON or YAML by content type; no content type means JSON (kubectl's PUT to /scale
 * sends none). Anything else, protobuf included, is refused with 415.
 */
final class Bodies {

  /** A decoded body and the warnings it earned, or the error to answer with. */
  record Decoded<T>(T value, dev.troupe.core.model.Status error, List<String> warnings) {
    Decoded(T value, dev.troupe.core.model.Status error) {
      this(value, error, List.of());
    }
  }

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

  /**
   * Decodes a model object, checking for fields the model does not have as {@code validation} asks:
   * a strict decoding error, a warning per field, or nothing.
   */
  static <T extends Record> Decoded<T> decodeChecked(
      byte[] body, String mediaType, Class<T> type, String kind, FieldValidation validation) {
    Optional<ObjectMapper> mapper = mapperFor(mediaType);
    if (mapper.isEmpty()) {
      return new Decoded<>(null, ApiErrors.unsupportedMediaType(mediaType));
    }
    if (body.length == 0) {
      return new Decoded<>(null, ApiErrors.badRequest("the request body is empty"));
    }
    JsonNode tree;
    try {
      tree = mapper.get().readTree(body);
    } catch (IOException e) {
      return new Decoded<>(null, cannotHandle(kind, e));
    }
    return check(tree, type, kind, validation);
  }

  /** Decodes an already parsed tree (a patch's result) with the same checks. */
  static <T extends Record> Decoded<T> check(
      JsonNode tree, Class<T> type, String kind, FieldValidation validation) {
    if (tree == null || tree.isNull() || tree.isMissingNode()) {
      return new Decoded<>(null, ApiErrors.badRequest("the request body is empty"));
    }
    List<String> unknown =
        validation == FieldValidation.IGNORE ? List.of() : UnknownFields.find(tree, type);
    if (validation == FieldValidation.STRICT && !unknown.isEmpty()) {
      return new Decoded<>(
          null, ApiErrors.badRequest(UnknownFields.strictDecodingError(kind, "v1", unknown)));
    }
    try {
      T value = Json.mapper().treeToValue(tree, type);
      List<String> warnings = unknown.stream().map(UnknownFields::warning).toList();
      return new Decoded<>(value, null, warnings);
    } catch (IOException e) {
      return new Decoded<>(null, cannotHandle(kind, e));
    }
  }

  /** What a parser said was wrong, without its location noise. */
  static String message(IOException e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }

  private static dev.troupe.core.model.Status cannotHandle(String kind, IOException e) {
    String message =
        e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    return ApiErrors.badRequest(
        "%s in version \"v1\" cannot be handled as a %s: %s".formatted(kind, kind, message));
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
