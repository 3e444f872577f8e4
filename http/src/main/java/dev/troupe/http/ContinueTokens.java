package dev.troupe.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.actors.index.Page;
import dev.troupe.core.json.Json;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code continue} token of a paged list: where the list stood (its resourceVersion) and the
 * last key served, base64 JSON as Kubernetes' own tokens are. Opaque to clients.
 */
final class ContinueTokens {

  private ContinueTokens() {}

  static String encode(long resourceVersion, String after) {
    Map<String, Object> token = new LinkedHashMap<>();
    token.put("v", "troupe/1");
    token.put("rv", resourceVersion);
    token.put("start", after);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.writeBytes(token));
  }

  /** The page a token continues, with the page size asked for now; empty when not a token. */
  static Optional<Page> decode(String token, int limit) {
    try {
      JsonNode node = Json.mapper().readTree(Base64.getUrlDecoder().decode(token));
      if (node == null
          || !"troupe/1".equals(node.path("v").asText())
          || !node.path("rv").canConvertToLong()
          || node.path("rv").asLong() <= 0
          || !node.path("start").isTextual()
          || node.path("start").asText().indexOf('/') < 1) {
        return Optional.empty();
      }
      return Optional.of(new Page(limit, node.path("rv").asLong(), node.path("start").asText()));
    } catch (IllegalArgumentException | IOException e) {
      return Optional.empty();
    }
  }
}
