package dev.troupe.core.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/** JSON for the patch tests, written with single quotes to keep the tables readable. */
final class PatchJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

  private PatchJson() {}

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Deployment as the API server stores it, trimmed to what the examples touch. */
  static JsonNode deployment() {
    return json(
        """
        {'apiVersion': 'apps/v1', 'kind': 'Deployment',
         'metadata': {'name': 'web', 'namespace': 'default',
                      'labels': {'app': 'web'},
                      'annotations': {'deployment.kubernetes.io/revision': '2'}},
         'spec': {'replicas': 1,
                  'selector': {'matchLabels': {'app': 'web'}},
                  'template': {'metadata': {'labels': {'app': 'web'}},
                               'spec': {'containers': [{'name': 'web', 'image': 'nginx:1.25'}]}}}}
        """);
  }
}
