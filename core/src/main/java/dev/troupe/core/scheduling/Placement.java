package dev.troupe.core.scheduling;

import dev.troupe.core.JsonSerializable;
import dev.troupe.core.model.Pod;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Chooses a node for a pod from a snapshot of the nodes. Pure. */
public final class Placement {

  private Placement() {}

  /** The outcome: a node, or why none fits. */
  public record Decision(Optional<String> nodeName, String reason) implements JsonSerializable {
    static Decision placed(String node) {
      return new Decision(Optional.of(node), "assigned to " + node);
    }

    static Decision unschedulable(String why) {
      return new Decision(Optional.empty(), why);
    }
  }

  /**
   * Filters out nodes that are not ready or are cordoned, then prefers the node running the fewest
   * pods (ties broken by name, so the choice is repeatable).
   */
  public static Decision decide(Pod pod, List<NodeView> nodes) {
    if (nodes.isEmpty()) {
      return Decision.unschedulable("0/0 nodes are available: no nodes registered.");
    }
    List<NodeView> fit = nodes.stream().filter(n -> n.ready() && !n.unschedulable()).toList();
    if (fit.isEmpty()) {
      long notReady = nodes.stream().filter(n -> !n.ready()).count();
      long cordoned = nodes.stream().filter(n -> n.ready() && n.unschedulable()).count();
      return Decision.unschedulable(
          "0/%d nodes are available: %d node(s) were not ready, %d node(s) were unschedulable."
              .formatted(nodes.size(), notReady, cordoned));
    }
    NodeView best =
        fit.stream()
            .min(Comparator.comparingInt(NodeView::podCount).thenComparing(NodeView::name))
            .orElseThrow();
    return Decision.placed(best.name());
  }
}
