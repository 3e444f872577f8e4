package dev.troupe.core.apply;

import static dev.troupe.core.apply.ApplyFixtures.applied;
import static dev.troupe.core.apply.ApplyFixtures.conflicted;
import static dev.troupe.core.apply.ApplyFixtures.owned;
import static dev.troupe.core.apply.ApplyFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How apply merges and prunes the items of associative lists and sets. */
class ServerSideApplyListsTest {

  /** A pod applied by kubectl with these containers ("name" or "name=image"). */
  static JsonNode pod(String... containers) {
    StringBuilder items = new StringBuilder();
    for (String container : containers) {
      String[] parts = container.split("=");
      String image = parts.length > 1 ? parts[1] : "busybox";
      items.append("  - {name: ").append(parts[0]).append(", image: ").append(image).append("}\n");
    }
    return yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n" + items);
  }

  static List<String> containers(JsonNode pod) {
    List<String> names = new ArrayList<>();
    pod.at("/spec/containers").forEach(item -> names.add(item.path("name").textValue()));
    return names;
  }

  @Test
  void itemsMergeByKeyAndAnItemLeftOutOfTheConfigurationIsRemoved() {
    JsonNode created = applied(null, pod("web=nginx:1.25", "sidecar"), "Pod", "kubectl");
    JsonNode updated = applied(created, pod("web=nginx:1.26"), "Pod", "kubectl");

    assertThat(updated.at("/spec/containers"))
        .isEqualTo(yaml("[{name: web, image: 'nginx:1.26'}]"));
    assertThat(owned(updated, "kubectl", "Apply"))
        .containsExactly(
            ".spec.containers[name=\"web\"]",
            ".spec.containers[name=\"web\"].image",
            ".spec.containers[name=\"web\"].name");
  }

  @Test
  void anItemAnotherApplierAddedStaysWhenTheFirstApplierDoesNotMentionIt() {
    JsonNode created = applied(null, pod("web"), "Pod", "kubectl");
    JsonNode withSidecar = applied(created, pod("sidecar"), "Pod", "mesh-injector");
    JsonNode reapplied = applied(withSidecar, pod("web=nginx"), "Pod", "kubectl");

    assertThat(containers(reapplied)).containsExactly("web", "sidecar");
    assertThat(reapplied.at("/spec/containers/0/image").textValue()).isEqualTo("nginx");
  }

  @Test
  void aFieldOfAnItemOwnedByAnotherManagerConflictsWithTheItemsApplier() {
    JsonNode created = applied(null, pod("web=nginx:1.25"), "Pod", "kubectl");
    JsonNode bumped =
        applied(created, pod("web=nginx:1.26"), "Pod", "image-bumper", true, ApplyFixtures.LATER);

    ApplyResult.Conflicted conflict = conflicted(bumped, pod("web=nginx:1.25"), "Pod", "kubectl");

    assertThat(conflict.message())
        .isEqualTo(
            "Apply failed with 1 conflict: conflict with \"image-bumper\":"
                + " .spec.containers[name=\"web\"].image");
  }

  static Stream<Arguments> orders() {
    return Stream.of(
        arguments(List.of("a", "b"), List.of("a", "c"), List.of("a", "b", "c")),
        arguments(List.of("a", "b"), List.of("c", "a"), List.of("c", "a", "b")),
        arguments(List.of("a", "b", "c"), List.of("c", "a"), List.of("b", "c", "a")),
        arguments(List.of("a", "b"), List.of("b", "a"), List.of("b", "a")));
  }

  @ParameterizedTest(name = "live {0} with config {1} gives {2}")
  @MethodSource("orders")
  void theConfigurationsItemsKeepItsOrderAndLiveOnlyItemsKeepTheirPlaces(
      List<String> live, List<String> config, List<String> merged) {
    JsonNode existing = applied(null, pod(live.toArray(String[]::new)), "Pod", "creator");
    JsonNode result = applied(existing, pod(config.toArray(String[]::new)), "Pod", "kubectl");

    assertThat(containers(result)).isEqualTo(merged);
  }

  @Test
  void portsInsideAContainerMergeByContainerPort() {
    JsonNode created =
        applied(
            null,
            yaml(
                """
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  containers:
                  - name: web
                    ports: [{containerPort: 80, name: http}]
                """),
            "Pod",
            "kubectl");
    JsonNode withMetrics =
        applied(
            created,
            yaml(
                """
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  containers:
                  - name: web
                    ports: [{containerPort: 9090, name: metrics}]
                """),
            "Pod",
            "prometheus-operator");

    assertThat(withMetrics.at("/spec/containers/0/ports"))
        .isEqualTo(yaml("[{containerPort: 80, name: http}, {containerPort: 9090, name: metrics}]"));
  }

  @Test
  void finalizersMergeAsASetAndADroppedOneGoesUnlessSomeoneElseHoldsIt() {
    String config = "{apiVersion: v1, kind: Pod, metadata: {name: web, finalizers: [%s]}}";
    JsonNode created = applied(null, yaml(config.formatted("a, b")), "Pod", "kubectl");
    JsonNode alsoHeld = applied(created, yaml(config.formatted("b, c")), "Pod", "guard");
    JsonNode dropped = applied(alsoHeld, yaml(config.formatted("a")), "Pod", "kubectl");

    assertThat(alsoHeld.at("/metadata/finalizers")).isEqualTo(yaml("[a, b, c]"));
    assertThat(dropped.at("/metadata/finalizers")).isEqualTo(yaml("[a, b, c]"));
    JsonNode released = applied(dropped, yaml(config.formatted("c")), "Pod", "guard");
    assertThat(released.at("/metadata/finalizers")).isEqualTo(yaml("[a, c]"));
  }

  @Test
  void anAtomicListIsReplacedWholeAndOwnedAsOneField() {
    JsonNode created =
        applied(
            null,
            yaml(
                """
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  tolerations: [{key: a, operator: Exists}]
                """),
            "Pod",
            "kubectl");
    ApplyResult.Conflicted conflict =
        conflicted(
            created,
            yaml(
                """
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  tolerations: [{key: b, operator: Exists}]
                """),
            "Pod",
            "other");

    assertThat(conflict.message())
        .isEqualTo("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.tolerations");
  }
}
