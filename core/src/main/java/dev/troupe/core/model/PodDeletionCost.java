package dev.troupe.core.model;

import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes' {@code controller.kubernetes.io/pod-deletion-cost} annotation: a 32-bit integer a
 * user puts on a pod to say how much its ReplicaSet should prefer keeping it when scaling down
 * (lower costs go first; no annotation is 0).
 */
public final class PodDeletionCost {

  public static final String ANNOTATION = "controller.kubernetes.io/pod-deletion-cost";

  private PodDeletionCost() {}

  /** The pod's cost: 0 when it has none or, as Kubernetes' controller reads it, a malformed one. */
  public static int of(ObjectMeta meta) {
    Map<String, String> annotations = meta == null ? null : meta.annotations();
    if (annotations == null || !annotations.containsKey(ANNOTATION)) {
      return 0;
    }
    return parse(annotations.get(ANNOTATION)).orElse(0);
  }

  /** The value as a cost, or empty when it is not a 32-bit integer (the API refuses those). */
  public static Optional<Integer> parse(String value) {
    if (value == null || value.isEmpty() || value.startsWith("+")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
