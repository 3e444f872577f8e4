package dev.troupe.core.workloads;

import static dev.troupe.core.workloads.ReplicaSetFixtures.NOW;
import static dev.troupe.core.workloads.ReplicaSetFixtures.THEIRS;
import static dev.troupe.core.workloads.ReplicaSetFixtures.counts;
import static dev.troupe.core.workloads.ReplicaSetFixtures.decide;
import static dev.troupe.core.workloads.ReplicaSetFixtures.object;
import static dev.troupe.core.workloads.ReplicaSetFixtures.pod;
import static dev.troupe.core.workloads.ReplicaSetFixtures.replicaSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodCondition;
import dev.troupe.core.model.PodStatus;
import dev.troupe.core.workloads.ReplicaSetFixtures.PodBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The status a ReplicaSet reports, as Kubernetes' {@code calculateStatus}: counts over its active
 * pods, zero counts left out ({@code omitempty}) except {@code replicas}.
 */
class ReplicaSetControlStatusTest {

  private static Map<String, Long> statusOf(KubeObject replicaSet, Pod... pods) {
    return counts(decide(replicaSet, pods).status());
  }

  private static long count(Map<String, Long> status, String field) {
    return status.getOrDefault(field, 0L);
  }

  @Test
  void aReplicaSetWhosePodsAreAllReadyReportsEveryCount() {
    assertThat(statusOf(replicaSet(3), pod("a").build(), pod("b").build(), pod("c").build()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "replicas", 3L,
                "fullyLabeledReplicas", 3L,
                "readyReplicas", 3L,
                "availableReplicas", 3L,
                "observedGeneration", 3L));
  }

  @Test
  void replicasCountsTheActivePodsOwnedAndAdoptedOnly() {
    Map<String, Long> status =
        statusOf(
            replicaSet(3),
            pod("owned").build(),
            pod("also-owned").build(),
            pod("adopted").orphan().build(),
            pod("terminating").terminating().build(),
            pod("succeeded").phase(PodStatus.SUCCEEDED).build(),
            pod("failed").phase(PodStatus.FAILED).build(),
            pod("theirs").owners(THEIRS).build(),
            pod("released").labels(Map.of("tier", "frontend")).build());

    assertThat(status)
        .contains(
            entry("replicas", 3L),
            entry("fullyLabeledReplicas", 3L),
            entry("readyReplicas", 3L),
            entry("availableReplicas", 3L));
  }

  @Test
  void aReplicaSetWithoutPodsReportsZeroReplicasAndNoOtherZero() {
    ObjectNode status = decide(replicaSet(2)).status();

    assertThat(counts(status))
        .containsExactlyInAnyOrderEntriesOf(Map.of("replicas", 0L, "observedGeneration", 3L));
    assertThat(status.get("replicas").isNumber()).isTrue();
  }

  @Test
  void countsThatAreZeroAreLeftOut() {
    Map<String, Long> status =
        statusOf(
            replicaSet(2),
            pod("a").labels(Map.of("app", "web")).notReady().build(),
            pod("b").labels(Map.of("app", "web")).withoutStatus().build());

    assertThat(status)
        .containsExactlyInAnyOrderEntriesOf(Map.of("replicas", 2L, "observedGeneration", 3L));
  }

  static Stream<Arguments> labelSets() {
    return Stream.of(
        arguments("exactly the template's labels", Map.of("app", "web", "tier", "frontend"), 1),
        arguments(
            "the template's labels and more",
            Map.of("app", "web", "tier", "frontend", "pod-template-hash", "7f9c"),
            1),
        arguments("only the selector's label", Map.of("app", "web"), 0),
        arguments("a template label with another value", Map.of("app", "web", "tier", "api"), 0));
  }

  @ParameterizedTest(name = "a pod with {0} is fully labelled: {2}")
  @MethodSource("labelSets")
  void fullyLabeledReplicasCountsPodsWithEveryTemplateLabel(
      String description, Map<String, String> labels, int fullyLabeled) {
    Map<String, Long> status = statusOf(replicaSet(1), pod("a").labels(labels).build());

    assertThat(count(status, "replicas")).isEqualTo(1);
    assertThat(count(status, "fullyLabeledReplicas")).isEqualTo(fullyLabeled);
  }

  static Stream<Arguments> readiness() {
    return Stream.of(
        arguments("Ready condition True", pod("a"), 1),
        arguments("Ready condition False", pod("a").notReady(), 0),
        arguments("no Ready condition", pod("a").withoutReadyCondition(), 0),
        arguments("no status yet", pod("a").withoutStatus(), 0),
        arguments("Ready but Pending", pod("a").phase(PodStatus.PENDING), 1));
  }

  @ParameterizedTest(name = "a pod with {0} is ready: {2}")
  @MethodSource("readiness")
  void readyReplicasCountsPodsWhoseReadyConditionIsTrue(
      String description, PodBuilder pod, int ready) {
    Map<String, Long> status = statusOf(replicaSet(1), pod.build());

    assertThat(count(status, "replicas")).isEqualTo(1);
    assertThat(count(status, "readyReplicas")).isEqualTo(ready);
  }

  @Test
  void onlyTheReadyConditionMakesAPodReady() {
    Pod base = pod("a").withoutReadyCondition().build();
    Pod containersReady =
        base.withStatus(
            base.status()
                .withConditions(
                    List.of(
                        new PodCondition(
                            PodCondition.CONTAINERS_READY, "True", null, NOW, null, null),
                        new PodCondition(PodCondition.POD_SCHEDULED, "True", null, NOW, null, null),
                        new PodCondition(PodCondition.READY, "Unknown", null, NOW, null, null))));

    Map<String, Long> status = statusOf(replicaSet(1), containersReady);

    assertThat(status).doesNotContainKeys("readyReplicas", "availableReplicas");
  }

  static Stream<Arguments> availability() {
    return Stream.of(
        arguments(
            "ready for an hour with minReadySeconds 0",
            0,
            pod("a").readySince(NOW.minusSeconds(3600)),
            1,
            1),
        arguments("ready since just now with minReadySeconds 0", 0, pod("a").readySince(NOW), 1, 1),
        arguments(
            "ready for 31s with minReadySeconds 30",
            30,
            pod("a").readySince(NOW.minusSeconds(31)),
            1,
            1),
        // Current Kubernetes counts the boundary (Compare(now) <= 0); releases before it did not.
        arguments(
            "ready for exactly 30s with minReadySeconds 30",
            30,
            pod("a").readySince(NOW.minusSeconds(30)),
            1,
            1),
        arguments(
            "ready for 29s with minReadySeconds 30",
            30,
            pod("a").readySince(NOW.minusSeconds(29)),
            1,
            0),
        arguments(
            "ready for 1ms less than 30s with minReadySeconds 30",
            30,
            pod("a").readySince(NOW.minusMillis(29_999)),
            1,
            0),
        arguments(
            "not ready for an hour with minReadySeconds 30",
            30,
            pod("a").readySince(NOW.minusSeconds(3600)).notReady(),
            0,
            0),
        arguments("not ready with minReadySeconds 0", 0, pod("a").notReady(), 0, 0));
  }

  @ParameterizedTest(name = "{0}: ready {3}, available {4}")
  @MethodSource("availability")
  void availableReplicasCountsPodsReadyForMinReadySeconds(
      String description, int minReadySeconds, PodBuilder pod, int ready, int available) {
    Map<String, Long> status = statusOf(replicaSet(1, minReadySeconds), pod.build());

    assertThat(count(status, "readyReplicas")).isEqualTo(ready);
    assertThat(count(status, "availableReplicas")).isEqualTo(available);
  }

  @Test
  void availabilityIsJudgedAtTheInstantGiven() {
    Pod pod = pod("a").readySince(NOW.minusSeconds(20)).build();
    KubeObject replicaSet = replicaSet(1, 30);

    ObjectNode now = ReplicaSetControl.decide(replicaSet, List.of(pod), NOW).status();
    ObjectNode later =
        ReplicaSetControl.decide(replicaSet, List.of(pod), NOW.plusSeconds(10)).status();

    assertThat(now.has("availableReplicas")).isFalse();
    assertThat(later.path("availableReplicas").asInt()).isEqualTo(1);
  }

  @Test
  void aReadyPodWithoutATransitionTimeIsNotAvailableWhenMinReadySecondsIsSet() {
    Map<String, Long> status =
        statusOf(replicaSet(1, 30), pod("a").readyWithoutTransitionTime().build());

    assertThat(count(status, "readyReplicas")).isEqualTo(1);
    assertThat(status).doesNotContainKey("availableReplicas");
  }

  @Test
  void aReadyPodWithoutATransitionTimeIsAvailableWhenMinReadySecondsIsZero() {
    Map<String, Long> status =
        statusOf(replicaSet(1, 0), pod("a").readyWithoutTransitionTime().build());

    assertThat(count(status, "availableReplicas")).isEqualTo(1);
  }

  @Test
  void observedGenerationIsTheGenerationObserved() {
    KubeObject replicaSet =
        object(
            """
            {"apiVersion":"apps/v1","kind":"ReplicaSet",
             "metadata":{"name":"web","namespace":"default","uid":"%s","generation":7},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}}}}
            """
                .formatted(ReplicaSetFixtures.RS_UID));

    assertThat(statusOf(replicaSet)).containsEntry("observedGeneration", 7L);
  }

  @Test
  void withoutAGenerationThereIsNoObservedGeneration() {
    KubeObject replicaSet =
        object(
            """
            {"apiVersion":"apps/v1","kind":"ReplicaSet",
             "metadata":{"name":"web","namespace":"default","uid":"%s"},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}}}}
            """
                .formatted(ReplicaSetFixtures.RS_UID));

    assertThat(statusOf(replicaSet)).doesNotContainKey("observedGeneration");
  }

  // --- ReplicaFailure ------------------------------------------------------------------------

  private static ObjectNode afterPass(KubeObject replicaSet, String failure) {
    ObjectNode status = decide(replicaSet, pod("a").build()).status();
    return ReplicaSetControl.withFailure(status, replicaSet, failure, NOW.plusMillis(700));
  }

  private static KubeObject failingSince(java.time.Instant since, String message) {
    return replicaSet(2)
        .with(
            "status",
            tree(
                """
                    {"replicas":1,"conditions":[{"type":"ReplicaFailure","status":"True",
                     "lastTransitionTime":"%s","reason":"FailedCreate","message":"%s"}]}
                    """
                    .formatted(since, message)));
  }

  private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
    try {
      return dev.troupe.core.json.Json.mapper().readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void aFailedCreationAddsTheReplicaFailureConditionWithWhy() {
    ObjectNode status = afterPass(replicaSet(2), "pods \"web-x\" already exists");

    assertThat(status.path("conditions")).hasSize(1);
    assertThat(status.path("conditions").get(0).toString())
        .isEqualTo(
            "{\"type\":\"ReplicaFailure\",\"status\":\"True\","
                + "\"lastTransitionTime\":\"2026-11-29T14:15:00Z\","
                + "\"reason\":\"FailedCreate\",\"message\":\"pods \\\"web-x\\\" already exists\"}");
  }

  @Test
  void failuresThatGoOnKeepTheFirstConditionSoTheStatusDoesNotChangeEveryPass() {
    KubeObject failing = failingSince(NOW.minusSeconds(300), "the first reason");

    ObjectNode status = afterPass(failing, "another reason");

    assertThat(status.path("conditions")).containsExactly(failing.at("/status/conditions/0"));
  }

  @Test
  void aPassWithoutFailureClearsTheCondition() {
    ObjectNode status = afterPass(failingSince(NOW.minusSeconds(300), "the reason"), null);

    assertThat(status.has("conditions")).isFalse();
  }
}
