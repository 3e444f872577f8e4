package dev.troupe.core.workloads;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code maxSurge} and {@code maxUnavailable} resolved against a replica count, with Kubernetes'
 * rounding (surge up, unavailable down) and its rule that they are never both 0: a rollout that
 * could neither add nor remove a pod would never move.
 */
public record RolloutLimits(int maxSurge, int maxUnavailable) {

  /** The limits of a RollingUpdate {@code strategy} for {@code replicas} pods. */
  public static RolloutLimits of(JsonNode strategy, int replicas) {
    if ("Recreate".equals(strategy.path("type").asText())) {
      return new RolloutLimits(0, replicas);
    }
    JsonNode rollingUpdate = strategy.path("rollingUpdate");
    int surge = resolve(rollingUpdate.path("maxSurge"), replicas, true);
    int unavailable = resolve(rollingUpdate.path("maxUnavailable"), replicas, false);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    return new RolloutLimits(surge, unavailable);
  }

  /** An int-or-percent against {@code total}; absent counts as Kubernetes' default 25%. */
  static int resolve(JsonNode value, int total, boolean roundUp) {
    if (value.isIntegralNumber()) {
      return value.asInt();
    }
    String text = value.isMissingNode() || value.isNull() ? "25%" : value.asText();
    if (text.endsWith("%")) {
      int percent;
      try {
        percent = Integer.parseInt(text.substring(0, text.length() - 1));
      } catch (NumberFormatException e) {
        return 0;
      }
      long scaled = (long) percent * total;
      return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
