package dev.troupe.core.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shared helpers of the strategic merge patch tests. */
final class StrategicMergePatchFixtures {

  private StrategicMergePatchFixtures() {}

  /** A tree written as YAML (JSON is YAML too), as the Kubernetes docs write their examples. */
  static JsonNode yaml(String text) {
    try {
      JsonNode node = Json.yamlMapper().readTree(text);
      return node == null || node.isMissingNode() ? JsonNodeFactory.instance.objectNode() : node;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Applies a patch that must apply, checking that neither input changed. */
  static JsonNode patched(String kind, JsonNode original, JsonNode patch) {
    JsonNode originalBefore = original.deepCopy();
    JsonNode patchBefore = patch.deepCopy();
    StrategicMergePatch.Result result = StrategicMergePatch.apply(original, patch, kind);
    assertThat(result.error()).as("error applying %s", patch).isNull();
    assertThat(original).isEqualTo(originalBefore);
    assertThat(patch).isEqualTo(patchBefore);
    return result.value();
  }

  static JsonNode patched(String kind, String original, String patch) {
    return patched(kind, yaml(original), yaml(patch));
  }

  /** The error of a patch that must not apply. */
  static String refusal(String kind, String original, String patch) {
    StrategicMergePatch.Result result =
        StrategicMergePatch.apply(yaml(original), yaml(patch), kind);
    assertThat(result.isValid()).as("%s applied", patch).isFalse();
    assertThat(result.value()).isNull();
    return result.error();
  }

  /** The values of {@code field} in the elements of the list at {@code pointer}, in order. */
  static List<String> column(JsonNode tree, String pointer, String field) {
    List<String> values = new ArrayList<>();
    tree.at(pointer).forEach(element -> values.add(element.path(field).asText()));
    return values;
  }

  /** RFC 7386 JSON merge patch, the reference for patches made only of maps. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> member : patch.properties()) {
      if (member.getValue().isNull()) {
        result.remove(member.getKey());
      } else {
        result.set(member.getKey(), mergePatch(result.get(member.getKey()), member.getValue()));
      }
    }
    return result;
  }

  /** Every object key anywhere in the tree. */
  static List<String> keys(JsonNode tree) {
    List<String> keys = new ArrayList<>();
    if (tree.isObject()) {
      tree.properties()
          .forEach(
              member -> {
                keys.add(member.getKey());
                keys.addAll(keys(member.getValue()));
              });
    } else if (tree.isArray()) {
      tree.forEach(element -> keys.addAll(keys(element)));
    }
    return keys;
  }
}
