package dev.troupe.core.workloads;

import static dev.troupe.core.workloads.DeploymentFixtures.NOW;
import static dev.troupe.core.workloads.DeploymentFixtures.V1;
import static dev.troupe.core.workloads.DeploymentFixtures.V2;
import static dev.troupe.core.workloads.DeploymentFixtures.V3;
import static dev.troupe.core.workloads.DeploymentFixtures.deployment;
import static dev.troupe.core.workloads.DeploymentFixtures.nameOf;
import static dev.troupe.core.workloads.DeploymentFixtures.named;
import static dev.troupe.core.workloads.DeploymentFixtures.replicaSet;
import static dev.troupe.core.workloads.DeploymentFixtures.scaled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.core.model.KubeObject;
import dev.troupe.core.workloads.DeploymentControl.Decision;
import dev.troupe.core.workloads.DeploymentFixtures.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The steps of a RollingUpdate, as Kubernetes' {@code NewRSNewReplicas} and {@code
 * reconcileOldReplicaSets} take them: the new ReplicaSet grows within maxSurge, old ones shrink
 * within maxUnavailable, their unavailable pods first. Each row is one pass over what the
 * ReplicaSets report.
 */
class DeploymentControlRollingUpdateTest {

  /** A ReplicaSet of {@code web} for {@code image}: {@code spec} pods exist, so many available. */
  private static KubeObject rs(String image, long revision, int spec, int available) {
    return replicaSet(image).revision(revision).replicas(spec).available(available).build();
  }

  static Stream<Arguments> steps() {
    return Stream.of(
        // 3 replicas, 25%/25%: maxSurge 1, maxUnavailable 0.
        arguments(
            "3 replicas, 25%/25%: a new template starts one new pod and keeps every old one",
            deployment().replicas(3).image(V2), List.of(rs(V1, 1, 3, 3)), 1, Map.of()),
        arguments(
            "3 replicas, 25%/25%: once the new pod is available, one old pod goes",
            deployment().replicas(3),
            List.of(rs(V1, 1, 3, 3), rs(V2, 2, 1, 1)),
            null,
            Map.of(nameOf(V1), 2)),
        arguments(
            "3 replicas, 25%/25%: with one old pod gone, a second new pod starts",
            deployment().replicas(3),
            List.of(rs(V1, 1, 2, 2), rs(V2, 2, 1, 1)),
            null,
            Map.of(nameOf(V2), 2)),
        arguments(
            "3 replicas, 25%/25%: a new pod not yet available holds the old ones",
            deployment().replicas(3), List.of(rs(V1, 1, 2, 2), rs(V2, 2, 2, 1)), null, Map.of()),
        arguments(
            "3 replicas, 25%/25%: the last old pod goes when the third new pod is available",
            deployment().replicas(3),
            List.of(rs(V1, 1, 1, 1), rs(V2, 2, 3, 3)),
            null,
            Map.of(nameOf(V1), 0)),
        // Kubernetes' own worked example: 10 replicas, maxSurge 3, maxUnavailable 2.
        arguments(
            "10 replicas, surge 3, unavailable 2: the new ReplicaSet starts with 3, the old goes to 8",
            deployment().replicas(10).rollingUpdate(3, 2).image(V2),
            List.of(rs(V1, 1, 10, 10)),
            3,
            Map.of(nameOf(V1), 8)),
        arguments(
            "10 replicas, surge 3, unavailable 2: the new one grows to 5 while none is available",
            deployment().replicas(10).rollingUpdate(3, 2),
            List.of(rs(V1, 1, 8, 8), rs(V2, 2, 3, 0)),
            null,
            Map.of(nameOf(V2), 5)),
        arguments(
            "10 replicas, surge 3, unavailable 2: new pods crash-looping and an old one lost,"
                + " nothing moves",
            deployment().replicas(10).rollingUpdate(3, 2),
            List.of(rs(V1, 1, 8, 7), rs(V2, 2, 5, 0)),
            null,
            Map.of()),
        arguments(
            "10 replicas, surge 3, unavailable 2: a rollback scales 4 crash-looping pods down",
            deployment().replicas(10).rollingUpdate(3, 2).image(V1),
            List.of(rs(V1, 1, 8, 7), rs(V2, 2, 5, 0)),
            null,
            Map.of(nameOf(V2), 1)),
        arguments(
            "10 replicas, surge 3, unavailable 2: then the rolled-back ReplicaSet grows to 10"
                + " and the last crash-looping pod goes",
            deployment().replicas(10).rollingUpdate(3, 2).image(V1),
            List.of(rs(V1, 3, 8, 8), rs(V2, 2, 1, 0)),
            null,
            Map.of(nameOf(V1), 10, nameOf(V2), 0)),
        arguments(
            "10 replicas, surge 3, unavailable 2: rolling over to a third template starts it at 0"
                + " and scales the 5 crash-looping pods down",
            deployment().replicas(10).rollingUpdate(3, 2).image(V3),
            List.of(rs(V1, 1, 8, 8), rs(V2, 2, 5, 0)),
            0,
            Map.of(nameOf(V2), 0)),
        // Which old pods go.
        arguments(
            "unavailable pods of a newer old ReplicaSet go before available pods of the oldest",
            deployment().replicas(4).rollingUpdate(1, 1).image(V3),
            List.of(rs(V1, 1, 2, 2), rs(V2, 2, 3, 1)),
            0,
            Map.of(nameOf(V2), 1)),
        arguments(
            "available old pods go from the oldest revision first",
            deployment().replicas(4).rollingUpdate(0, 2).image(V3),
            List.of(rs(V2, 2, 2, 2), rs(V1, 1, 2, 2)),
            0,
            Map.of(nameOf(V1), 0)),
        arguments(
            "unavailable old pods go first, then available ones down to the minimum",
            deployment().replicas(6).rollingUpdate(0, 3).image(V3),
            List.of(rs(V1, 1, 3, 3), rs(V2, 2, 3, 1)),
            0,
            Map.of(nameOf(V1), 2, nameOf(V2), 1)),
        // Edges of the limits.
        arguments(
            "maxSurge 0: no new pod starts before an old one has gone",
            deployment().replicas(3).rollingUpdate(0, 1).image(V2),
            List.of(rs(V1, 1, 3, 3)),
            0,
            Map.of(nameOf(V1), 2)),
        arguments(
            "maxSurge 0: the freed place goes to the new ReplicaSet",
            deployment().replicas(3).rollingUpdate(0, 1),
            List.of(rs(V1, 1, 2, 2), rs(V2, 2, 0, 0)),
            null,
            Map.of(nameOf(V2), 1)),
        arguments(
            "maxUnavailable 100%: every old pod goes at once",
            deployment().replicas(4).rollingUpdate(0, "100%").image(V2),
            List.of(rs(V1, 1, 4, 4)),
            0,
            Map.of(nameOf(V1), 0)),
        arguments(
            "maxSurge 100%: all new pods start at once, the old stay until they are available",
            deployment().replicas(4).rollingUpdate("100%", 0).image(V2),
            List.of(rs(V1, 1, 4, 4)),
            4,
            Map.of()),
        arguments(
            "a new template while scaling up: the new ReplicaSet takes what the surge allows",
            deployment().replicas(5).rollingUpdate(1, 0).image(V2),
            List.of(rs(V1, 1, 3, 3)),
            3,
            Map.of()),
        arguments(
            "a finished rollout scaled down: the new ReplicaSet is scaled to the replicas",
            deployment().replicas(2),
            List.of(rs(V1, 1, 0, 0), rs(V2, 2, 3, 3)),
            null,
            Map.of(nameOf(V2), 2)),
        arguments(
            "a finished rollout scaled up: the new ReplicaSet grows to the replicas",
            deployment().replicas(5),
            List.of(rs(V2, 2, 3, 3)),
            null,
            Map.of(nameOf(V2), 5)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("steps")
  void aRollingUpdateStepScalesWithinMaxSurgeAndMaxUnavailable(
      String description,
      DeploymentBuilder deployment,
      List<KubeObject> replicaSets,
      Integer createdReplicas,
      Map<String, Integer> expectedScaled) {
    Decision decision = DeploymentControl.decide(deployment.build(), replicaSets, NOW);

    if (createdReplicas == null) {
      assertThat(decision.create()).isNull();
    } else {
      assertThat(decision.create()).isNotNull();
      assertThat(decision.create().at("/spec/replicas").asInt(-1)).isEqualTo(createdReplicas);
    }
    assertThat(scaled(decision, replicaSets)).isEqualTo(expectedScaled);
  }

  @Test
  void aScaledReplicaSetCarriesTheDesiredAndMaximumReplicasOfTheDeployment() {
    KubeObject old = replicaSet(V1).revision(1).replicas(10).build();

    Decision decision =
        DeploymentControl.decide(
            deployment().replicas(10).rollingUpdate(3, 2).build(), List.of(old), NOW);

    KubeObject scaledOld = named(decision.update(), nameOf(V1));
    assertThat(scaledOld.metadata().annotations())
        .containsEntry(DeploymentControl.DESIRED_REPLICAS, "10")
        .containsEntry(DeploymentControl.MAX_REPLICAS, "13")
        .containsEntry(DeploymentControl.REVISION, "1");
  }

  @Test
  void aRollingUpdateStepNeverDeletesAnOldReplicaSetThatStillHasPods() {
    KubeObject old = rs(V1, 1, 3, 3);

    Decision decision =
        DeploymentControl.decide(
            deployment().revisionHistoryLimit(0).rollingUpdate(0, "100%").build(),
            List.of(old),
            NOW);

    assertThat(scaled(decision, List.of(old))).containsEntry(nameOf(V1), 0);
    // Scaled to 0 in this pass, its pods are still there: it stays until they are gone.
    assertThat(decision.delete()).isEmpty();
  }
}
