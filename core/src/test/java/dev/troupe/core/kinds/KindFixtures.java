package dev.troupe.core.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.validation.FieldError;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/** Small builders for the kinds' tests: objects from JSON, created and updated as the API does. */
final class KindFixtures {

  static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  private KindFixtures() {}

  static JsonNode tree(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static KubeObject object(String json) {
    return KubeObject.of((ObjectNode) tree(json));
  }

  /** {@code kind}'s object as a create request in namespace {@code default} would prepare it. */
  static ObjectAdmission.Admitted create(StoredKind kind, String json) {
    return ObjectAdmission.prepareCreate(kind, object(json), "default", new Random(1));
  }

  /** {@code kind}'s object as stored after a valid create. */
  static KubeObject stored(StoredKind kind, String json) {
    ObjectAdmission.Admitted admitted = create(kind, json);
    assertThat(messages(admitted.errors())).isEmpty();
    return ObjectAdmission.stamp(kind, admitted.object(), "uid-1", NOW);
  }

  static ObjectAdmission.Admitted update(StoredKind kind, KubeObject current, String sentJson) {
    return ObjectAdmission.prepareUpdate(kind, current, object(sentJson));
  }

  /** The errors as the user reads them: {@code spec.ports: Required value}. */
  static List<String> messages(List<FieldError> errors) {
    return errors.stream().map(FieldError::toString).toList();
  }
}
