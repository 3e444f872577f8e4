package dev.troupe.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.json.Json;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small builders for the server-side apply tests. */
final class ApplyFixtures {

  static final Instant CREATED = Instant.parse("2024-05-01T10:00:00Z");
  static final Instant LATER = Instant.parse("2024-05-01T11:30:00Z");
  static final Instant LATEST = Instant.parse("2024-05-02T08:15:00Z");

  private ApplyFixtures() {}

  /** A tree written as YAML, as the Kubernetes docs write their examples. */
  static JsonNode yaml(String text) {
    try {
      return Json.yamlMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An apply that must succeed, checking that neither input changed. */
  static JsonNode applied(
      JsonNode live, JsonNode config, String kind, String manager, boolean force, Instant now) {
    JsonNode liveBefore = live == null ? null : live.deepCopy();
    JsonNode configBefore = config.deepCopy();
    ApplyResult result =
        ServerSideApply.apply(live, config, kind, manager, apiVersion(config), force, now);
    assertThat(result).isInstanceOf(ApplyResult.Applied.class);
    assertThat(live).isEqualTo(liveBefore);
    assertThat(config).isEqualTo(configBefore);
    return ((ApplyResult.Applied) result).object();
  }

  static JsonNode applied(JsonNode live, JsonNode config, String kind, String manager) {
    return applied(live, config, kind, manager, false, LATER);
  }

  /** An apply that must conflict. */
  static ApplyResult.Conflicted conflicted(
      JsonNode live, JsonNode config, String kind, String manager) {
    ApplyResult result =
        ServerSideApply.apply(live, config, kind, manager, apiVersion(config), false, LATEST);
    assertThat(result).isInstanceOf(ApplyResult.Conflicted.class);
    return (ApplyResult.Conflicted) result;
  }

  /** The message of an apply that must be rejected. */
  static String rejected(JsonNode live, JsonNode config, String kind, String apiVersion) {
    ApplyResult result =
        ServerSideApply.apply(live, config, kind, "kubectl", apiVersion, false, LATEST);
    assertThat(result).isInstanceOf(ApplyResult.Rejected.class);
    return ((ApplyResult.Rejected) result).message();
  }

  static String apiVersion(JsonNode object) {
    return object.path("apiVersion").textValue();
  }

  /** The entries as {@code manager Operation} lines, in stored order. */
  static List<String> writers(JsonNode object) {
    List<String> writers = new ArrayList<>();
    object
        .path("metadata")
        .path("managedFields")
        .forEach(
            entry ->
                writers.add(
                    entry.path("manager").textValue() + " " + entry.path("operation").textValue()));
    return writers;
  }

  /** The fields of {@code manager}'s entry of {@code operation}, as Kubernetes prints paths. */
  static List<String> owned(JsonNode object, String manager, String operation) {
    List<String> fields = new ArrayList<>();
    for (ManagedFieldsEntry entry : ManagedFields.read(object)) {
      if (entry.manager().equals(manager) && entry.operation().text().equals(operation)) {
        entry.fields().paths().forEach(path -> fields.add(path.toString()));
      }
    }
    return fields;
  }

  /** The object without its managed fields. */
  static JsonNode withoutManagedFields(JsonNode object) {
    return ManagedFields.write(object, List.of());
  }
}
