package dev.troupe.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * CPU and memory a container asks for and may not exceed. Values stay as written ({@code 500m},
 * {@code 128Mi}) so an object reads back exactly as it was sent; {@link Quantity} parses them.
 * {@code claims} (dynamic resource allocation) is kept as sent.
 */
public record ResourceRequirements(
    Map<String, String> limits, Map<String, String> requests, List<JsonNode> claims) {

  /** Limits and requests without claims. */
  public ResourceRequirements(Map<String, String> limits, Map<String, String> requests) {
    this(limits, requests, null);
  }

  /** No limits, no requests: Kubernetes writes it as {@code {}}. */
  public static ResourceRequirements none() {
    return new ResourceRequirements(null, null, null);
  }

  public ResourceRequirements withRequests(Map<String, String> newRequests) {
    return new ResourceRequirements(limits, newRequests, claims);
  }
}
