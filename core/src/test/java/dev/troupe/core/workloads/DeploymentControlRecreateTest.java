package dev.troupe.core.workloads;

import static dev.troupe.core.workloads.DeploymentFixtures.NOW;
import static dev.troupe.core.workloads.DeploymentFixtures.V1;
import static dev.troupe.core.workloads.DeploymentFixtures.V2;
import static dev.troupe.core.workloads.DeploymentFixtures.V3;
import static dev.troupe.core.workloads.DeploymentFixtures.conditionOf;
import static dev.troupe.core.workloads.DeploymentFixtures.deployment;
import static dev.troupe.core.workloads.DeploymentFixtures.nameOf;
import static dev.troupe.core.workloads.DeploymentFixtures.named;
import static dev.troupe.core.workloads.DeploymentFixtures.replicaSet;
import static dev.troupe.core.workloads.DeploymentFixtures.scaled;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.workloads.DeploymentControl.Decision;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Recreate, as Kubernetes' {@code rolloutRecreate}: every old pod goes before a new one starts.
 * Unlike Kubernetes, which creates the new ReplicaSet only once the old pods are gone, Troupe
 * creates it at once with 0 replicas.
 */
class DeploymentControlRecreateTest {

  private static Decision decide(KubeObject deployment, List<KubeObject> replicaSets) {
    return DeploymentControl.decide(deployment, replicaSets, NOW);
  }

  @Test
  void aNewTemplateScalesEveryOldReplicaSetToZeroAndStartsNoNewPod() {
    List<KubeObject> before =
        List.of(
            replicaSet(V1).replicas(2).revision(1).build(),
            replicaSet(V3).replicas(1).available(0).revision(2).build());

    Decision decision = decide(deployment().recreate().image(V2).revision(2).build(), before);

    assertThat(scaled(decision, before)).isEqualTo(Map.of(nameOf(V1), 0, nameOf(V3), 0));
    // As Kubernetes: the new ReplicaSet is made only once the old pods are gone.
    assertThat(decision.create()).isNull();
  }

  @Test
  void onceTheOldPodsAreGoneTheNewReplicaSetIsMadeAtFullSizeAndTheNextRevision() {
    List<KubeObject> before =
        List.of(
            replicaSet(V1).replicas(0).available(0).revision(1).build(),
            replicaSet(V3).replicas(0).available(0).revision(2).build());

    Decision decision =
        decide(deployment().recreate().replicas(3).image(V2).revision(2).build(), before);

    assertThat(decision.create().name()).isEqualTo(nameOf(V2));
    assertThat(decision.create().at("/spec/replicas").asInt(-1)).isEqualTo(3);
    assertThat(decision.create().metadata().annotations())
        .containsEntry(DeploymentControl.REVISION, "3")
        .containsEntry(DeploymentControl.MAX_REPLICAS, "3");
  }

  @Test
  void theNewReplicaSetStaysAtZeroWhileOldPodsAreStillRunning() {
    // Old ReplicaSet scaled to 0, but two of its pods still terminating.
    List<KubeObject> before =
        List.of(
            replicaSet(V1).empty().existing(2).revision(1).build(),
            replicaSet(V2).empty().revision(2).build());

    Decision decision = decide(deployment().recreate().revision(2).build(), before);

    assertThat(decision.create()).isNull();
    assertThat(scaled(decision, before)).isEmpty();
  }

  @Test
  void onceTheOldPodsAreGoneTheNewReplicaSetIsScaledToTheReplicas() {
    List<KubeObject> before =
        List.of(
            replicaSet(V1).empty().revision(1).build(), replicaSet(V2).empty().revision(2).build());

    Decision decision = decide(deployment().recreate().replicas(4).revision(2).build(), before);

    assertThat(scaled(decision, before)).isEqualTo(Map.of(nameOf(V2), 4));
    KubeObject grown = named(decision.update(), nameOf(V2));
    assertThat(grown.metadata().annotations())
        .containsEntry(DeploymentControl.DESIRED_REPLICAS, "4")
        .containsEntry(DeploymentControl.MAX_REPLICAS, "4");
  }

  @Test
  void aRecreateWithNoOldPodsCreatesTheNewReplicaSetAtFullSize() {
    List<KubeObject> before = List.of(replicaSet(V1).empty().revision(1).build());

    Decision decision = decide(deployment().recreate().replicas(5).revision(1).build(), before);

    assertThat(decision.create().at("/spec/replicas").asInt(-1)).isEqualTo(5);
    assertThat(scaled(decision, before)).isEmpty();
  }

  @Test
  void aRecreateScalesOldReplicaSetsDownEvenBeforeTheirPodsAreAvailable() {
    List<KubeObject> before = List.of(replicaSet(V1).replicas(3).available(0).revision(1).build());

    Decision decision = decide(deployment().recreate().image(V2).revision(1).build(), before);

    assertThat(scaled(decision, before)).isEqualTo(Map.of(nameOf(V1), 0));
  }

  @Test
  void aFinishedRecreateIsScaledLikeAnyDeployment() {
    List<KubeObject> before = List.of(replicaSet(V2).replicas(3).revision(1).build());

    Decision decision = decide(deployment().recreate().replicas(1).revision(1).build(), before);

    assertThat(scaled(decision, before)).isEqualTo(Map.of(nameOf(V2), 1));
  }

  @Test
  void aRecreateWithAllPodsAvailableIsAvailable() {
    List<KubeObject> before = List.of(replicaSet(V2).replicas(3).revision(1).build());

    Decision decision = decide(deployment().recreate().revision(1).build(), before);

    JsonNode available = conditionOf(decision.status(), "Available");
    assertThat(available.path("status").asText()).isEqualTo("True");
    assertThat(available.path("reason").asText()).isEqualTo("MinimumReplicasAvailable");
  }

  @Test
  void aRecreateWithoutItsPodsIsNotAvailable() {
    List<KubeObject> before =
        List.of(
            replicaSet(V1).empty().revision(1).build(),
            replicaSet(V2).replicas(3).available(0).revision(2).build());

    Decision decision = decide(deployment().recreate().revision(2).build(), before);

    JsonNode available = conditionOf(decision.status(), "Available");
    assertThat(available.path("status").asText()).isEqualTo("False");
    assertThat(available.path("reason").asText()).isEqualTo("MinimumReplicasUnavailable");
  }
}
