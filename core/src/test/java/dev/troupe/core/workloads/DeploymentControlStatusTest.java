package dev.troupe.core.workloads;

import static dev.troupe.core.workloads.DeploymentFixtures.NOW;
import static dev.troupe.core.workloads.DeploymentFixtures.V1;
import static dev.troupe.core.workloads.DeploymentFixtures.V2;
import static dev.troupe.core.workloads.DeploymentFixtures.condition;
import static dev.troupe.core.workloads.DeploymentFixtures.conditionOf;
import static dev.troupe.core.workloads.DeploymentFixtures.deployment;
import static dev.troupe.core.workloads.DeploymentFixtures.nameOf;
import static dev.troupe.core.workloads.DeploymentFixtures.replicaSet;
import static dev.troupe.core.workloads.DeploymentFixtures.scaled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.workloads.DeploymentControl.Decision;
import dev.troupe.core.workloads.DeploymentFixtures.DeploymentBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The status a Deployment reports, as Kubernetes' {@code calculateStatus} and {@code
 * syncRolloutStatus}: counts over its ReplicaSets, Available against maxUnavailable, and
 * Progressing with Kubernetes' reasons and messages.
 */
class DeploymentControlStatusTest {

  private static final String NEW_NAME = nameOf(V2);

  /** Mid-rollout: one old pod left, three new ones of which one is available. */
  private static List<KubeObject> midRollout() {
    return List.of(
        replicaSet(V1).replicas(1).revision(1).build(),
        replicaSet(V2).replicas(3).ready(2).available(1).revision(2).build());
  }

  /** What the mid-rollout ReplicaSets reported on the previous pass, with its conditions. */
  private static String midRolloutStatus(String progressing) {
    return """
        {"observedGeneration":2,"replicas":4,"updatedReplicas":3,"readyReplicas":3,
         "availableReplicas":2,"unavailableReplicas":2,"conditions":[%s,%s]}
        """
        .formatted(
            condition(
                "Available",
                "True",
                "MinimumReplicasAvailable",
                "Deployment has minimum availability.",
                NOW.minusSeconds(3600)),
            progressing);
  }

  private static String progressing(String status, String reason, String message, Instant at) {
    return condition("Progressing", status, reason, message, at);
  }

  private static String updating(Instant lastUpdate) {
    return progressing(
        "True", "ReplicaSetUpdated", "ReplicaSet \"" + NEW_NAME + "\" is progressing.", lastUpdate);
  }

  private static String completed(Instant lastUpdate) {
    return progressing(
        "True",
        "NewReplicaSetAvailable",
        "ReplicaSet \"" + NEW_NAME + "\" has successfully progressed.",
        lastUpdate);
  }

  /** The mid-rollout Deployment: 4 replicas, maxSurge 0, maxUnavailable 2, so nothing moves. */
  private static DeploymentBuilder midRolloutDeployment() {
    return deployment().replicas(4).rollingUpdate(0, 2).revision(2).generation(5);
  }

  private static Decision decide(KubeObject deployment, List<KubeObject> replicaSets) {
    return DeploymentControl.decide(deployment, replicaSets, NOW);
  }

  private static Map<String, Long> counts(JsonNode status) {
    Map<String, Long> counts = new LinkedHashMap<>();
    status
        .properties()
        .forEach(
            e -> {
              if (e.getValue().isNumber()) {
                counts.put(e.getKey(), e.getValue().asLong());
              }
            });
    return counts;
  }

  // --- Counts --------------------------------------------------------------------------------

  @Test
  void theCountsAddUpOverEveryReplicaSet() {
    Decision decision = decide(midRolloutDeployment().build(), midRollout());

    assertThat(counts(decision.status()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "observedGeneration", 5L,
                "replicas", 4L,
                "updatedReplicas", 3L,
                "readyReplicas", 3L,
                "availableReplicas", 2L,
                "unavailableReplicas", 2L));
  }

  @Test
  void zeroCountsAreLeftOut() {
    Decision decision = decide(deployment().build(), List.of());

    assertThat(counts(decision.status())).containsExactly(Map.entry("observedGeneration", 2L));
  }

  @Test
  void moreAvailablePodsThanWantedLeaveNoneUnavailable() {
    // Scaled from 5 to 3: the ReplicaSet still reports five available pods.
    Decision decision =
        decide(deployment().replicas(3).build(), List.of(replicaSet(V2).replicas(5).build()));

    assertThat(decision.status().has("unavailableReplicas")).isFalse();
    assertThat(decision.status().path("availableReplicas").asInt()).isEqualTo(5);
  }

  @Test
  void replicaSetsOfOtherControllersAreNotCounted() {
    KubeObject theirs = replicaSet(V1).owners(DeploymentFixtures.THEIRS).replicas(7).build();

    Decision decision =
        decide(
            deployment().revision(1).build(), List.of(theirs, replicaSet(V2).revision(1).build()));

    assertThat(decision.status().path("replicas").asInt()).isEqualTo(3);
  }

  @Test
  void podsNotYetCreatedCountAsUnavailable() {
    KubeObject justCreated = replicaSet(V2).replicas(3).existing(0).revision(1).build();

    Decision decision = decide(deployment().revision(1).build(), List.of(justCreated));

    assertThat(decision.status().path("unavailableReplicas").asInt()).isEqualTo(3);
  }

  // --- Available -----------------------------------------------------------------------------

  static Stream<Arguments> availability() {
    return Stream.of(
        arguments("4 replicas, 25% unavailable, all 4 available", 4, "25%", 4, true),
        arguments("4 replicas, 25% unavailable, 3 available", 4, "25%", 3, true),
        arguments("4 replicas, 25% unavailable, 2 available", 4, "25%", 2, false),
        arguments("3 replicas, 25% rounds down to 0 unavailable, 2 available", 3, "25%", 2, false),
        arguments("10 replicas, 2 unavailable, 8 available", 10, 2, 8, true),
        arguments("10 replicas, 2 unavailable, 7 available", 10, 2, 7, false),
        arguments("0 replicas, nothing available", 0, "25%", 0, true));
  }

  @ParameterizedTest(name = "{0}: Available {4}")
  @MethodSource("availability")
  void availableIsTrueWithAtMostMaxUnavailablePodsMissing(
      String description, int replicas, Object maxUnavailable, int available, boolean expected) {
    KubeObject current = replicaSet(V2).replicas(replicas).available(available).revision(1).build();

    Decision decision =
        decide(
            deployment().replicas(replicas).rollingUpdate(1, maxUnavailable).revision(1).build(),
            List.of(current));

    JsonNode condition = conditionOf(decision.status(), "Available");
    if (expected) {
      assertThat(condition.path("status").asText()).isEqualTo("True");
      assertThat(condition.path("reason").asText()).isEqualTo("MinimumReplicasAvailable");
      assertThat(condition.path("message").asText())
          .isEqualTo("Deployment has minimum availability.");
    } else {
      assertThat(condition.path("status").asText()).isEqualTo("False");
      assertThat(condition.path("reason").asText()).isEqualTo("MinimumReplicasUnavailable");
      assertThat(condition.path("message").asText())
          .isEqualTo("Deployment does not have minimum availability.");
    }
  }

  @Test
  void anUnchangedAvailableConditionKeepsItsTimes() {
    Instant since = NOW.minusSeconds(3600);

    Decision decision =
        decide(
            midRolloutDeployment().status(midRolloutStatus(updating(NOW))).build(), midRollout());

    JsonNode available = conditionOf(decision.status(), "Available");
    assertThat(available.path("lastUpdateTime").asText()).isEqualTo(since.toString());
    assertThat(available.path("lastTransitionTime").asText())
        .isEqualTo(since.minusSeconds(60).toString());
  }

  @Test
  void anAvailableConditionThatFlipsMovesBothTimes() {
    List<KubeObject> lost =
        List.of(
            replicaSet(V1).replicas(1).available(0).revision(1).build(),
            replicaSet(V2).replicas(3).available(1).revision(2).build());

    Decision decision =
        decide(midRolloutDeployment().status(midRolloutStatus(updating(NOW))).build(), lost);

    JsonNode available = conditionOf(decision.status(), "Available");
    assertThat(available.path("status").asText()).isEqualTo("False");
    assertThat(available.path("lastUpdateTime").asText()).isEqualTo(NOW.toString());
    assertThat(available.path("lastTransitionTime").asText()).isEqualTo(NOW.toString());
  }

  // --- Progressing ---------------------------------------------------------------------------

  @Test
  void progressMadeIsReportedAsReplicaSetUpdated() {
    // The previous pass saw two new pods; now there are three.
    String before =
        midRolloutStatus(updating(NOW.minusSeconds(120)))
            .replace("\"updatedReplicas\":3", "\"updatedReplicas\":2");

    Decision decision = decide(midRolloutDeployment().status(before).build(), midRollout());

    JsonNode progressing = conditionOf(decision.status(), "Progressing");
    assertThat(progressing.path("status").asText()).isEqualTo("True");
    assertThat(progressing.path("reason").asText()).isEqualTo("ReplicaSetUpdated");
    assertThat(progressing.path("message").asText())
        .isEqualTo("ReplicaSet \"" + NEW_NAME + "\" is progressing.");
    assertThat(progressing.path("lastUpdateTime").asText()).isEqualTo(NOW.toString());
    assertThat(progressing.path("lastTransitionTime").asText())
        .isEqualTo(NOW.minusSeconds(180).toString());
  }

  @Test
  void noProgressWithinTheDeadlineKeepsTheLastUpdateTime() {
    Instant lastUpdate = NOW.minusSeconds(120);

    Decision decision =
        decide(
            midRolloutDeployment().status(midRolloutStatus(updating(lastUpdate))).build(),
            midRollout());

    JsonNode progressing = conditionOf(decision.status(), "Progressing");
    assertThat(progressing.path("reason").asText()).isEqualTo("ReplicaSetUpdated");
    assertThat(progressing.path("lastUpdateTime").asText()).isEqualTo(lastUpdate.toString());
  }

  @Test
  void aCompleteRolloutIsReportedAsNewReplicaSetAvailable() {
    List<KubeObject> done =
        List.of(
            replicaSet(V1).empty().revision(1).build(),
            replicaSet(V2).replicas(3).revision(2).build());

    Decision decision =
        decide(
            deployment()
                .revision(2)
                .status(midRolloutStatus(updating(NOW.minusSeconds(10))))
                .build(),
            done);

    JsonNode progressing = conditionOf(decision.status(), "Progressing");
    assertThat(progressing.path("status").asText()).isEqualTo("True");
    assertThat(progressing.path("reason").asText()).isEqualTo("NewReplicaSetAvailable");
    assertThat(progressing.path("message").asText())
        .isEqualTo("ReplicaSet \"" + NEW_NAME + "\" has successfully progressed.");
  }

  static Stream<Arguments> incomplete() {
    return Stream.of(
        arguments(
            "an old pod is still terminating",
            List.of(
                replicaSet(V1).empty().existing(1).revision(1).build(),
                replicaSet(V2).replicas(3).revision(2).build())),
        arguments(
            "a new pod is not yet available",
            List.of(replicaSet(V2).replicas(3).available(2).revision(2).build())),
        arguments(
            "a new pod is not yet created",
            List.of(replicaSet(V2).replicas(3).existing(2).revision(2).build())),
        arguments(
            "the new ReplicaSet is scaled to fewer than the replicas",
            List.of(
                replicaSet(V1).replicas(1).revision(1).build(),
                replicaSet(V2).replicas(2).revision(2).build())));
  }

  @ParameterizedTest(name = "{0}: not complete")
  @MethodSource("incomplete")
  void aRolloutIsNotCompleteUntilOnlyNewAvailablePodsAreLeft(
      String description, List<KubeObject> replicaSets) {
    Decision decision =
        decide(
            deployment()
                .revision(2)
                .status(midRolloutStatus(updating(NOW.minusSeconds(10))))
                .build(),
            replicaSets);

    assertThat(conditionOf(decision.status(), "Progressing").path("reason").asText())
        .isEqualTo("ReplicaSetUpdated");
  }

  static Stream<Arguments> deadlines() {
    return Stream.of(
        arguments("no progress for 601 s, deadline 600 s", 601, 600, true),
        arguments("no progress for exactly 600 s, deadline 600 s", 600, 600, false),
        arguments("no progress for 599 s, deadline 600 s", 599, 600, false),
        arguments("no progress for 31 s, deadline 30 s", 31, 30, true),
        arguments("no progress for an hour, deadline a day", 3600, 86_400, false),
        arguments("no progress for an hour, the default deadline of 600 s", 3600, null, true));
  }

  @ParameterizedTest(name = "{0}: exceeded {3}")
  @MethodSource("deadlines")
  void aRolloutWithoutProgressBeyondItsDeadlineHasExceededIt(
      String description, int secondsWithoutProgress, Integer deadline, boolean exceeded) {
    DeploymentBuilder deployment =
        midRolloutDeployment()
            .status(midRolloutStatus(updating(NOW.minusSeconds(secondsWithoutProgress))));
    if (deadline != null) {
      deployment.progressDeadlineSeconds(deadline);
    }

    Decision decision = decide(deployment.build(), midRollout());

    JsonNode progressing = conditionOf(decision.status(), "Progressing");
    if (exceeded) {
      assertThat(progressing.path("status").asText()).isEqualTo("False");
      assertThat(progressing.path("reason").asText()).isEqualTo("ProgressDeadlineExceeded");
      assertThat(progressing.path("message").asText())
          .isEqualTo("ReplicaSet \"" + NEW_NAME + "\" has timed out progressing.");
      assertThat(progressing.path("lastTransitionTime").asText()).isEqualTo(NOW.toString());
    } else {
      assertThat(progressing.path("status").asText()).isEqualTo("True");
      assertThat(progressing.path("reason").asText()).isEqualTo("ReplicaSetUpdated");
    }
  }

  @Test
  void anExceededDeadlineStaysExceededWithoutProgress() {
    Instant since = NOW.minusSeconds(5);
    String timedOut =
        progressing(
            "False",
            "ProgressDeadlineExceeded",
            "ReplicaSet \"" + NEW_NAME + "\" has timed out progressing.",
            since);

    Decision decision =
        decide(midRolloutDeployment().status(midRolloutStatus(timedOut)).build(), midRollout());

    JsonNode progressing = conditionOf(decision.status(), "Progressing");
    assertThat(progressing.path("reason").asText()).isEqualTo("ProgressDeadlineExceeded");
    assertThat(progressing.path("lastUpdateTime").asText()).isEqualTo(since.toString());
  }

  @Test
  void progressAfterAnExceededDeadlineMakesTheRolloutProgressingAgain() {
    String timedOut =
        progressing(
            "False",
            "ProgressDeadlineExceeded",
            "ReplicaSet \"" + NEW_NAME + "\" has timed out progressing.",
            NOW.minusSeconds(5));
    String before =
        midRolloutStatus(timedOut).replace("\"availableReplicas\":2", "\"availableReplicas\":1");

    Decision decision = decide(midRolloutDeployment().status(before).build(), midRollout());

    JsonNode progressing = conditionOf(decision.status(), "Progressing");
    assertThat(progressing.path("status").asText()).isEqualTo("True");
    assertThat(progressing.path("reason").asText()).isEqualTo("ReplicaSetUpdated");
    assertThat(progressing.path("lastTransitionTime").asText()).isEqualTo(NOW.toString());
  }

  @Test
  void aPausedDeploymentIsProgressingUnknownAndCreatesNoReplicaSet() {
    List<KubeObject> before = List.of(replicaSet(V1).revision(1).build());

    Decision decision = decide(deployment().image(V2).revision(1).paused().build(), before);

    assertThat(decision.create()).isNull();
    assertThat(scaled(decision, before)).isEmpty();
    JsonNode progressing = conditionOf(decision.status(), "Progressing");
    assertThat(progressing.path("status").asText()).isEqualTo("Unknown");
    assertThat(progressing.path("reason").asText()).isEqualTo("DeploymentPaused");
    assertThat(progressing.path("message").asText()).isEqualTo("Deployment is paused");
    assertThat(conditionOf(decision.status(), "Available").path("status").asText())
        .isEqualTo("True");
    assertThat(decision.status().path("updatedReplicas").asInt()).isZero();
  }

  @Test
  void aPausedDeploymentNeverTimesOut() {
    Decision decision =
        decide(
            midRolloutDeployment()
                .paused()
                .status(midRolloutStatus(updating(NOW.minusSeconds(86_400))))
                .build(),
            midRollout());

    assertThat(conditionOf(decision.status(), "Progressing").path("reason").asText())
        .isEqualTo("DeploymentPaused");
  }

  @Test
  void aResumedDeploymentSaysSoAndItsDeadlineCountsFromTheResume() {
    String paused =
        progressing("Unknown", "DeploymentPaused", "Deployment is paused", NOW.minusSeconds(3600));

    Decision decision =
        decide(midRolloutDeployment().status(midRolloutStatus(paused)).build(), midRollout());

    JsonNode progressing = conditionOf(decision.status(), "Progressing");
    assertThat(progressing.path("status").asText()).isEqualTo("Unknown");
    assertThat(progressing.path("reason").asText()).isEqualTo("DeploymentResumed");
    assertThat(progressing.path("message").asText()).isEqualTo("Deployment is resumed");
    assertThat(progressing.path("lastUpdateTime").asText()).isEqualTo(NOW.toString());
  }

  @Test
  void aResumedDeploymentWithoutProgressTimesOutOnlyAfterTheDeadlineFromTheResume() {
    DeploymentBuilder resumedLongAgo =
        midRolloutDeployment()
            .progressDeadlineSeconds(60)
            .status(
                midRolloutStatus(
                    progressing(
                        "Unknown",
                        "DeploymentResumed",
                        "Deployment is resumed",
                        NOW.minusSeconds(61))));
    DeploymentBuilder resumedJustNow =
        midRolloutDeployment()
            .progressDeadlineSeconds(60)
            .status(
                midRolloutStatus(
                    progressing(
                        "Unknown",
                        "DeploymentResumed",
                        "Deployment is resumed",
                        NOW.minusSeconds(59))));

    assertThat(
            conditionOf(decide(resumedLongAgo.build(), midRollout()).status(), "Progressing")
                .path("reason")
                .asText())
        .isEqualTo("ProgressDeadlineExceeded");
    assertThat(
            conditionOf(decide(resumedJustNow.build(), midRollout()).status(), "Progressing")
                .path("reason")
                .asText())
        .isEqualTo("DeploymentResumed");
  }

  @Test
  void aNewReplicaSetFoundWithoutAProgressingConditionIsReportedAsFound() {
    String withoutProgressing =
        """
        {"observedGeneration":2,"replicas":4,"updatedReplicas":3,"readyReplicas":3,
         "availableReplicas":2,"unavailableReplicas":2,"conditions":[]}
        """;

    Decision decision =
        decide(midRolloutDeployment().status(withoutProgressing).build(), midRollout());

    JsonNode progressing = conditionOf(decision.status(), "Progressing");
    assertThat(progressing.path("status").asText()).isEqualTo("True");
    assertThat(progressing.path("reason").asText()).isEqualTo("FoundNewReplicaSet");
    assertThat(progressing.path("message").asText())
        .isEqualTo("Found new replica set \"" + NEW_NAME + "\"");
  }

  @Test
  void aJustCreatedReplicaSetWithoutProgressKeepsItsConditionAndItsTime() {
    Instant created = NOW.minusSeconds(4);
    String justCreated =
        midRolloutStatus(
            progressing(
                "True",
                "NewReplicaSetCreated",
                "Created new replica set \"" + NEW_NAME + "\"",
                created));

    Decision decision = decide(midRolloutDeployment().status(justCreated).build(), midRollout());

    JsonNode progressing = conditionOf(decision.status(), "Progressing");
    assertThat(progressing.path("reason").asText()).isEqualTo("NewReplicaSetCreated");
    assertThat(progressing.path("lastUpdateTime").asText()).isEqualTo(created.toString());
  }

  @Test
  void aPausedDeploymentStillScalesItsOnlyReplicaSet() {
    List<KubeObject> before = List.of(replicaSet(V2).replicas(3).revision(1).build());

    Decision decision = decide(deployment().replicas(5).revision(1).paused().build(), before);

    assertThat(scaled(decision, before)).isEqualTo(Map.of(NEW_NAME, 5));
  }

  @Test
  void scalingUpACompletedDeploymentDoesNotTimeOut() {
    String completedAnHourAgo =
        """
        {"observedGeneration":1,"replicas":3,"updatedReplicas":3,"readyReplicas":3,
         "availableReplicas":3,"conditions":[%s]}
        """
            .formatted(completed(NOW.minusSeconds(3600)));
    List<KubeObject> before = List.of(replicaSet(V2).replicas(3).revision(1).build());

    Decision decision =
        decide(deployment().replicas(5).revision(1).status(completedAnHourAgo).build(), before);

    assertThat(scaled(decision, before)).isEqualTo(Map.of(NEW_NAME, 5));
    JsonNode progressing = conditionOf(decision.status(), "Progressing");
    assertThat(progressing.path("status").asText()).isEqualTo("True");
    assertThat(progressing.path("reason").asText())
        .isIn("NewReplicaSetAvailable", "ReplicaSetUpdated");
  }

  @Test
  void aCompletedRolloutStaysCompleteWhenAPodFails() {
    String completedAnHourAgo =
        """
        {"observedGeneration":2,"replicas":3,"updatedReplicas":3,"readyReplicas":3,
         "availableReplicas":3,"conditions":[%s]}
        """
            .formatted(completed(NOW.minusSeconds(3600)));
    List<KubeObject> onePodFailed =
        List.of(replicaSet(V2).replicas(3).ready(2).available(2).revision(1).build());

    Decision decision =
        decide(deployment().revision(1).status(completedAnHourAgo).build(), onePodFailed);

    JsonNode progressing = conditionOf(decision.status(), "Progressing");
    assertThat(progressing.path("reason").asText()).isEqualTo("NewReplicaSetAvailable");
    assertThat(progressing.path("lastUpdateTime").asText())
        .isEqualTo(NOW.minusSeconds(3600).toString());
  }

  @Test
  void losingAvailablePodsIsNoProgress() {
    String before =
        midRolloutStatus(updating(NOW.minusSeconds(601)))
            .replace("\"availableReplicas\":2", "\"availableReplicas\":3");

    Decision decision = decide(midRolloutDeployment().status(before).build(), midRollout());

    assertThat(conditionOf(decision.status(), "Progressing").path("reason").asText())
        .isEqualTo("ProgressDeadlineExceeded");
  }

  @Test
  void moreReadyPodsAreProgress() {
    String before =
        midRolloutStatus(updating(NOW.minusSeconds(601)))
            .replace("\"readyReplicas\":3", "\"readyReplicas\":2");

    Decision decision = decide(midRolloutDeployment().status(before).build(), midRollout());

    JsonNode progressing = conditionOf(decision.status(), "Progressing");
    assertThat(progressing.path("reason").asText()).isEqualTo("ReplicaSetUpdated");
    assertThat(progressing.path("lastUpdateTime").asText()).isEqualTo(NOW.toString());
  }

  // --- ReplicaFailure ------------------------------------------------------------------------

  @Test
  void aReplicaSetThatFailsToCreatePodsGivesTheDeploymentItsReplicaFailure() {
    Instant since = NOW.minusSeconds(30);
    List<KubeObject> failing =
        List.of(
            replicaSet(V1).replicas(1).revision(1).build(),
            replicaSet(V2).replicas(3).existing(2).revision(2).failing(since, "quota").build());

    Decision decision = decide(midRolloutDeployment().build(), failing);

    JsonNode failure = conditionOf(decision.status(), "ReplicaFailure");
    assertThat(failure.path("status").asText()).isEqualTo("True");
    assertThat(failure.path("reason").asText()).isEqualTo("FailedCreate");
    assertThat(failure.path("message").asText()).isEqualTo("quota");
    assertThat(failure.path("lastUpdateTime").asText()).isEqualTo(since.toString());
    assertThat(failure.path("lastTransitionTime").asText()).isEqualTo(since.toString());
  }

  @Test
  void theNewReplicaSetsFailureIsReportedBeforeAnOldOnes() {
    List<KubeObject> bothFailing =
        List.of(
            replicaSet(V1).replicas(1).revision(1).failing(NOW, "old one").build(),
            replicaSet(V2).replicas(3).revision(2).failing(NOW, "new one").build());

    Decision decision = decide(midRolloutDeployment().build(), bothFailing);

    assertThat(conditionOf(decision.status(), "ReplicaFailure").path("message").asText())
        .isEqualTo("new one");
  }

  @Test
  void theReplicaFailureGoesOnceNoReplicaSetFails() {
    String failedBefore =
        midRolloutStatus(updating(NOW))
            .replace(
                "]}",
                ","
                    + condition(
                        "ReplicaFailure", "True", "FailedCreate", "quota", NOW.minusSeconds(9))
                    + "]}");

    Decision decision = decide(midRolloutDeployment().status(failedBefore).build(), midRollout());

    assertThat(conditionOf(decision.status(), "ReplicaFailure").isMissingNode()).isTrue();
    assertThat(decision.status().path("conditions")).hasSize(2);
  }
}
