package dev.troupe.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.Status;
import dev.troupe.core.patch.JsonPatch;
import dev.troupe.core.patch.MergePatch;
import dev.troupe.core.patch.StrategicMergePatch;
import java.io.IOException;
import java.util.Locale;

/** The three patch formats kubectl sends, applied to a pod's JSON form. */
final class Patches {

  /** A patch format, by the Content-Type that names it. */
  enum Kind {
    MERGE("application/merge-patch+json"),
    JSON("application/json-patch+json"),
    STRATEGIC("application/strategic-merge-patch+json");

    final String mediaType;

    Kind(String mediaType) {
      this.mediaType = mediaType;
    }

    static Kind of(String mediaType) {
      String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
      for (Kind k : values()) {
        if (k.mediaType.equals(type)) {
          return k;
        }
      }
      return null;
    }
  }

  /** A parsed patch body, or the error to answer with. */
  record ParsedBody(JsonNode patch, Status error) {}

  /** The patched pod and the warnings it earned, or the error to answer with. */
  record Patched(Pod pod, Status error, java.util.List<String> warnings) {
    Patched(Pod pod, Status error) {
      this(pod, error, java.util.List.of());
    }
  }

  private Patches() {}

  static ParsedBody parse(byte[] body) {
    try {
      JsonNode patch = Json.mapper().readTree(body);
      return new ParsedBody(patch == null ? Json.mapper().nullNode() : patch, null);
    } catch (IOException e) {
      return new ParsedBody(null, ApiErrors.badRequest("error decoding patch: " + message(e)));
    }
  }

  static Patched apply(Kind kind, Pod current, JsonNode patch, FieldValidation validation) {
    JsonNode original = Json.mapper().valueToTree(current.withTypeMeta());
    JsonNode result;
    switch (kind) {
      case MERGE -> {
        var refusal = MergePatch.refusal(patch);
        if (refusal.isPresent()) {
          return new Patched(null, ApiErrors.badRequest(refusal.get()));
        }
        result = MergePatch.apply(original, patch);
      }
      case JSON -> {
        JsonPatch.Result applied = JsonPatch.apply(original, patch);
        if (applied instanceof JsonPatch.Failed failed) {
          Status error =
              switch (failed.problem()) {
                case MALFORMED -> ApiErrors.badRequest(failed.message());
                case TOO_MANY_OPERATIONS -> ApiErrors.tooLargePatch(failed.message());
                case NOT_APPLICABLE -> ApiErrors.patchNotApplicable(failed.message());
              };
          return new Patched(null, error);
        }
        result = ((JsonPatch.Patched) applied).document();
      }
      default -> {
        StrategicMergePatch.Result applied = StrategicMergePatch.apply(original, patch, Pod.KIND);
        if (!applied.isValid()) {
          return new Patched(null, ApiErrors.patchNotApplicable(applied.error()));
        }
        result = applied.value();
      }
    }
    Bodies.Decoded<Pod> decoded = Bodies.check(result, Pod.class, Pod.KIND, validation);
    return new Patched(decoded.value(), decoded.error(), decoded.warnings());
  }

  private static String message(IOException e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }
}
