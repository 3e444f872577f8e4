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

  /** A patch body: its format and the patch, or the error to answer with. */
  record ParsedBody(Kind kind, JsonNode patch, Status error) {

    static ParsedBody refused(Status error) {
      return new ParsedBody(null, null, error);
    }
  }

  /** The patched pod and the warnings it earned, or the error to answer with. */
  record Patched(Pod pod, Status error, java.util.List<String> warnings) {
    Patched(Pod pod, Status error) {
      this(pod, error, java.util.List.of());
    }
  }

  private Patches() {}

  /** The patch a body of {@code mediaType} carries; 415 for a format that is not a patch's. */
  static ParsedBody read(String mediaType, byte[] body) {
    Kind kind = Kind.of(mediaType);
    if (kind == null) {
      return ParsedBody.refused(ApiErrors.unsupportedPatch(mediaType));
    }
    try {
      JsonNode patch = Json.mapper().readTree(body);
      return new ParsedBody(kind, patch == null ? Json.mapper().nullNode() : patch, null);
    } catch (IOException e) {
      return ParsedBody.refused(ApiErrors.badRequest("error decoding patch: " + message(e)));
    }
  }

  static Patched apply(Kind kind, Pod current, JsonNode patch, FieldValidation validation) {
    Applied applied =
        applyTo(kind, Json.mapper().valueToTree(current.withTypeMeta()), patch, Pod.KIND);
    if (applied.error() != null) {
      return new Patched(null, applied.error());
    }
    Bodies.Decoded<Pod> decoded = Bodies.check(applied.result(), Pod.class, Pod.KIND, validation);
    return new Patched(decoded.value(), decoded.error(), decoded.warnings());
  }

  /** The patched document, or the error to answer with. */
  record Applied(JsonNode result, Status error) {}

  /** Applies {@code patch} to {@code original}, an object of {@code kindName}, as JSON. */
  static Applied applyTo(Kind kind, JsonNode original, JsonNode patch, String kindName) {
    switch (kind) {
      case MERGE -> {
        var refusal = MergePatch.refusal(patch);
        if (refusal.isPresent()) {
          return new Applied(null, ApiErrors.badRequest(refusal.get()));
        }
        return new Applied(MergePatch.apply(original, patch), null);
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
          return new Applied(null, error);
        }
        return new Applied(((JsonPatch.Patched) applied).document(), null);
      }
      default -> {
        StrategicMergePatch.Result applied = StrategicMergePatch.apply(original, patch, kindName);
        if (!applied.isValid()) {
          return new Applied(null, ApiErrors.patchNotApplicable(applied.error()));
        }
        return new Applied(applied.value(), null);
      }
    }
  }

  private static String message(IOException e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }
}
