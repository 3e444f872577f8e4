package dev.troupe.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.api.ResourceType;
import dev.troupe.core.json.Json;
import dev.troupe.core.kinds.StoredKind;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Status;
import dev.troupe.core.validation.UnknownFields;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Bodies of one stored kind as the API reads them: JSON or YAML decoded into a {@link KubeObject},
 * its kind, apiVersion and namespace checked against the request, and fields the kind's model does
 * not have refused, warned about or dropped as {@code fieldValidation} asks.
 */
final class ObjectBodies {

  private final StoredKind kind;
  private final ResourceType type;

  ObjectBodies(StoredKind kind) {
    this.kind = kind;
    this.type = kind.type();
  }

  /** A decoded body as an object of this kind, or the error refusing it. */
  record Sent(KubeObject object, Status error, List<String> warnings) {
    Sent(KubeObject object, Status error) {
      this(object, error, List.of());
    }
  }

  /**
   * What {@link #checkFields} found: the object as the kind's model reads it (fields it does not
   * have dropped, as Kubernetes drops them) and the warnings to send, or the error refusing it.
   */
  record Checked(JsonNode tree, List<String> warnings, Status error) {
    static Checked refused(Status error) {
      return new Checked(null, List.of(), error);
    }
  }

  /**
   * Fields the kind's model does not have, handled as {@code validation} asks: a strict decoding
   * error, a warning each, or nothing.
   */
  Checked checkFields(JsonNode tree, FieldValidation validation) {
    if (kind.model() == null) {
      return new Checked(tree, List.of(), null);
    }
    List<String> unknown =
        validation == FieldValidation.IGNORE ? List.of() : UnknownFields.find(tree, kind.model());
    if (validation == FieldValidation.STRICT && !unknown.isEmpty()) {
      return Checked.refused(
          ApiErrors.badRequest(
              UnknownFields.strictDecodingError(type.kind(), type.version(), unknown)));
    }
    JsonNode read;
    try {
      read = Json.mapper().valueToTree(Json.mapper().treeToValue(tree, kind.model()));
    } catch (IOException | IllegalArgumentException e) {
      String why =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException j
              ? j.getOriginalMessage()
              : e.getMessage();
      return Checked.refused(cannotHandle(why));
    }
    return new Checked(read, unknown.stream().map(UnknownFields::warning).toList(), null);
  }

  Sent decode(String namespace, ApiServer.Body body) {
    Optional<ObjectMapper> mapper = Bodies.mapperFor(body.mediaType());
    if (mapper.isEmpty()) {
      return new Sent(null, ApiErrors.unsupportedMediaType(body.mediaType()));
    }
    if (body.bytes().length == 0) {
      return new Sent(null, ApiErrors.badRequest("the request body is empty"));
    }
    JsonNode tree;
    try {
      tree = mapper.get().readTree(body.bytes());
    } catch (IOException e) {
      return new Sent(null, cannotHandle(Bodies.message(e)));
    }
    Optional<KubeObject> object = asObject(tree);
    if (object.isEmpty()) {
      return new Sent(null, cannotHandle("the body is not a JSON object with valid metadata"));
    }
    KubeObject sent = object.get();
    String apiVersion = sent.apiVersion();
    if (apiVersion != null && !apiVersion.isEmpty() && !apiVersion.equals(type.groupVersion())) {
      return new Sent(
          null,
          ApiErrors.badRequest(
              "the API version in the data (%s) does not match the expected API version (%s)"
                  .formatted(apiVersion, type.groupVersion())));
    }
    String sentKind = sent.kind();
    if (sentKind != null && !sentKind.isEmpty() && !sentKind.equals(type.kind())) {
      return new Sent(
          null,
          ApiErrors.badRequest(
              "%s in version \"%s\" cannot be handled as a %s: the kind in the data (%s) does not"
                      .formatted(type.kind(), type.version(), type.kind(), sentKind)
                  + " match the expected kind (%s)".formatted(type.kind())));
    }
    String sentNamespace = sent.namespace();
    if (type.namespaced()
        && sentNamespace != null
        && !sentNamespace.isEmpty()
        && !sentNamespace.equals(namespace)) {
      return new Sent(
          null,
          ApiErrors.badRequest(
              "the namespace of the provided object does not match the namespace sent on the"
                  + " request"));
    }
    Checked checked = checkFields(tree, body.validation());
    if (checked.error() != null) {
      return new Sent(null, checked.error());
    }
    Optional<KubeObject> read = asObject(checked.tree());
    if (read.isEmpty()) {
      return new Sent(null, cannotHandle("the body is not a JSON object with valid metadata"));
    }
    return new Sent(read.get(), null, checked.warnings());
  }

  static Optional<KubeObject> asObject(JsonNode tree) {
    if (tree == null || !tree.isObject()) {
      return Optional.empty();
    }
    JsonNode meta = tree.get("metadata");
    if (meta != null && !meta.isObject() && !meta.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(KubeObject.of((ObjectNode) tree));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static Optional<JsonNode> readTree(ApiServer.Body body) {
    Optional<ObjectMapper> mapper = Bodies.mapperFor(body.mediaType());
    if (mapper.isEmpty() || body.bytes().length == 0) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(mapper.get().readTree(body.bytes()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  Status cannotHandle(String why) {
    return ApiErrors.badRequest(
        "%s in version \"%s\" cannot be handled as a %s: %s"
            .formatted(type.kind(), type.version(), type.kind(), why));
  }

  KubeObject named(KubeObject object, String namespace, String name) {
    return object.withMetadata(
        object.metadata().withNamespace(type.namespaced() ? namespace : null).withName(name));
  }

  KubeObject typed(KubeObject object) {
    return object.withTypeMeta(type.groupVersion(), type.kind());
  }
}
