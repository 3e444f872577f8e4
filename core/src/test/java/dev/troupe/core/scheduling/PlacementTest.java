package dev.troupe.core.scheduling;

import static dev.troupe.core.TestPods.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlacementTest {

  private static NodeView ready(String name, int pods) {
    return new NodeView(name, true, false, pods);
  }

  private static NodeView notReady(String name, int pods) {
    return new NodeView(name, false, false, pods);
  }

  private static NodeView cordoned(String name, int pods) {
    return new NodeView(name, true, true, pods);
  }

  static Stream<Arguments> decisions() {
    return Stream.of(
        arguments(
            "without nodes nothing can be placed",
            List.of(),
            null,
            "0/0 nodes are available: no nodes registered."),
        arguments(
            "a single ready node is chosen",
            List.of(ready("node-a", 7)),
            "node-a",
            "assigned to node-a"),
        arguments(
            "the node with the fewest pods is chosen",
            List.of(ready("node-a", 3), ready("node-b", 1), ready("node-c", 2)),
            "node-b",
            "assigned to node-b"),
        arguments(
            "a tie is broken by name, whatever the order of the list",
            List.of(ready("node-c", 1), ready("node-a", 1), ready("node-b", 1)),
            "node-a",
            "assigned to node-a"),
        arguments(
            "a not-ready node is skipped even with fewer pods",
            List.of(notReady("node-a", 0), ready("node-b", 9)),
            "node-b",
            "assigned to node-b"),
        arguments(
            "a cordoned node is skipped even with fewer pods",
            List.of(cordoned("node-a", 0), ready("node-b", 9)),
            "node-b",
            "assigned to node-b"),
        arguments(
            "when every node is unfit the message counts why",
            List.of(notReady("node-a", 0), cordoned("node-b", 0), notReady("node-c", 0)),
            null,
            "0/3 nodes are available: 2 node(s) were not ready, 1 node(s) were unschedulable."),
        arguments(
            "a node both not ready and cordoned counts as not ready only",
            List.of(new NodeView("node-a", false, true, 0)),
            null,
            "0/1 nodes are available: 1 node(s) were not ready, 0 node(s) were unschedulable."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void decide(String sentence, List<NodeView> nodes, String expectedNode, String expectedReason) {
    Placement.Decision decision = Placement.decide(pod(), nodes);

    assertThat(decision.nodeName()).isEqualTo(Optional.ofNullable(expectedNode));
    assertThat(decision.reason()).isEqualTo(expectedReason);
  }
}
