package dev.troupe.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.Status;
import java.io.IOException;

/**
 * A server-side apply request as the API server reads it, for any kind: its options, and the
 * configuration sent (YAML, of which JSON is a part) named as the URL names it. A name or namespace
 * in the body that differs from the URL's is a 400, as is a body that is not an object.
 */
record ApplyRequest(ApplyOptions options, ObjectNode config) {

  /** The request, or the error refusing it. */
  record Read(ApplyRequest request, Status error) {

    static Read refused(Status error) {
      return new Read(null, error);
    }
  }

  /**
   * Reads the apply of {@code body} to the object {@code name} (in {@code namespace} when the kind
   * is {@code namespaced}).
   */
  static Read read(ApiServer.Body body, String namespace, String name, boolean namespaced) {
    ApplyOptions.Parsed options = ApplyOptions.parse(body.fieldManagerParameter(), body.force());
    if (options.error() != null) {
      return Read.refused(options.error());
    }
    JsonNode tree;
    try {
      tree = Json.yamlMapper().readTree(body.bytes());
    } catch (IOException e) {
      return Read.refused(ApiErrors.badRequest("error decoding YAML: " + Bodies.message(e)));
    }
    if (tree == null || !tree.isObject()) {
      return Read.refused(ApiErrors.badRequest("error decoding YAML: the body is not an object"));
    }
    ObjectNode config = ((ObjectNode) tree).deepCopy();
    ObjectNode meta =
        config.get("metadata") instanceof ObjectNode m ? m : config.putObject("metadata");
    String sentName = meta.path("name").asText("");
    if (!sentName.isEmpty() && !sentName.equals(name)) {
      return Read.refused(
          ApiErrors.badRequest(
              "the name of the object (%s) does not match the name on the URL (%s)"
                  .formatted(sentName, name)));
    }
    String sentNamespace = meta.path("namespace").asText("");
    if (namespaced && !sentNamespace.isEmpty() && !sentNamespace.equals(namespace)) {
      return Read.refused(
          ApiErrors.badRequest(
              "the namespace of the provided object does not match the namespace sent on the"
                  + " request"));
    }
    meta.put("name", name);
    if (namespaced) {
      meta.put("namespace", namespace);
    }
    return new Read(new ApplyRequest(options.options(), config), null);
  }
}
