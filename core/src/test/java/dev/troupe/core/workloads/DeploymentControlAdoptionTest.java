package dev.troupe.core.workloads;

import static dev.troupe.core.workloads.DeploymentFixtures.NOW;
import static dev.troupe.core.workloads.DeploymentFixtures.OURS;
import static dev.troupe.core.workloads.DeploymentFixtures.THEIRS;
import static dev.troupe.core.workloads.DeploymentFixtures.V1;
import static dev.troupe.core.workloads.DeploymentFixtures.V2;
import static dev.troupe.core.workloads.DeploymentFixtures.V3;
import static dev.troupe.core.workloads.DeploymentFixtures.deployment;
import static dev.troupe.core.workloads.DeploymentFixtures.nameOf;
import static dev.troupe.core.workloads.DeploymentFixtures.named;
import static dev.troupe.core.workloads.DeploymentFixtures.replicaSet;
import static dev.troupe.core.workloads.DeploymentFixtures.scaled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.OwnerReference;
import dev.troupe.core.workloads.DeploymentControl.Decision;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which ReplicaSets a Deployment claims, as Kubernetes' {@code ClaimReplicaSets}: orphans its
 * selector matches are adopted, its own that no longer match are released, others' are left alone.
 */
class DeploymentControlAdoptionTest {

  private static final OwnerReference GARBAGE_COLLECTED_WITH =
      new OwnerReference("v1", "ConfigMap", "settings", "cm-uid", false, false);

  private static final Map<String, String> API_LABELS = Map.of("app", "api");

  private static Decision decide(KubeObject deployment, KubeObject... replicaSets) {
    return DeploymentControl.decide(deployment, List.of(replicaSets), NOW);
  }

  @Test
  void anOrphanOfTheCurrentTemplateIsAdoptedAndBecomesTheNewReplicaSet() {
    KubeObject orphan = replicaSet(V2).orphan().revision(1).build();

    Decision decision = decide(deployment().revision(1).build(), orphan);

    assertThat(decision.create()).isNull();
    assertThat(decision.update()).hasSize(1);
    KubeObject adopted = decision.update().get(0);
    assertThat(adopted.name()).isEqualTo(nameOf(V2));
    assertThat(adopted.metadata().ownerReferences()).containsExactly(OURS);
    assertThat(adopted.at("/spec")).isEqualTo(orphan.at("/spec"));
    assertThat(decision.status().path("availableReplicas").asInt()).isEqualTo(3);
  }

  @Test
  void anAdoptedOrphanKeepsItsOtherOwners() {
    KubeObject orphan = replicaSet(V2).owners(GARBAGE_COLLECTED_WITH).revision(1).build();

    Decision decision = decide(deployment().revision(1).build(), orphan);

    assertThat(named(decision.update(), nameOf(V2)).metadata().ownerReferences())
        .containsExactly(GARBAGE_COLLECTED_WITH, OURS);
  }

  @Test
  void anAdoptedOrphanOfAnOldTemplateIsScaledDownAsAnOldReplicaSet() {
    KubeObject orphan = replicaSet(V1).orphan().revision(1).build();

    Decision decision = decide(deployment().image(V2).build(), orphan);

    assertThat(decision.create()).isNotNull();
    assertThat(decision.create().metadata().annotations())
        .containsEntry(DeploymentControl.REVISION, "2");
    KubeObject adopted = named(decision.update(), nameOf(V1));
    assertThat(adopted.metadata().ownerReferences()).containsExactly(OURS);
  }

  @Test
  void anOrphanTheSelectorDoesNotMatchIsLeftAlone() {
    KubeObject stranger = replicaSet(V2).orphan().labels(API_LABELS).build();

    Decision decision = decide(deployment().build(), stranger);

    assertThat(decision.update()).isEmpty();
    assertThat(decision.create()).isNotNull();
    assertThat(decision.status().has("replicas")).isFalse();
  }

  @Test
  void anOrphanBeingDeletedIsNotAdopted() {
    KubeObject going = replicaSet(V2).orphan().beingDeleted().build();

    Decision decision = decide(deployment().build(), going);

    assertThat(decision.update()).isEmpty();
    assertThat(decision.create()).isNotNull();
  }

  @Test
  void aReplicaSetAnotherControllerOwnsIsLeftAlone() {
    KubeObject theirs = replicaSet(V2).owners(THEIRS).build();

    Decision decision = decide(deployment().build(), theirs);

    assertThat(decision.update()).isEmpty();
    assertThat(decision.create()).isNotNull();
    assertThat(decision.status().has("availableReplicas")).isFalse();
  }

  @Test
  void anOwnedReplicaSetTheSelectorNoLongerMatchesIsReleased() {
    KubeObject relabelled =
        replicaSet(V1).owners(GARBAGE_COLLECTED_WITH, OURS).labels(API_LABELS).revision(1).build();
    KubeObject current = replicaSet(V2).revision(2).build();

    Decision decision = decide(deployment().revision(2).build(), relabelled, current);

    KubeObject released = named(decision.update(), nameOf(V1));
    assertThat(released.metadata().ownerReferences()).containsExactly(GARBAGE_COLLECTED_WITH);
    assertThat(released.at("/spec/replicas").asInt()).isEqualTo(3);
    // Released, its pods are no longer the Deployment's.
    assertThat(decision.status().path("replicas").asInt()).isEqualTo(3);
    assertThat(scaled(decision, List.of(relabelled, current))).isEmpty();
  }

  @Test
  void aReleasedReplicaSetWithNoOtherOwnerHasNoOwnerReferences() {
    KubeObject relabelled = replicaSet(V1).labels(API_LABELS).build();

    Decision decision = decide(deployment().build(), relabelled);

    assertThat(named(decision.update(), nameOf(V1)).metadata().ownerReferences()).isNull();
  }

  @Test
  void aDeploymentBeingDeletedCreatesScalesAdoptsAndDeletesNothing() {
    KubeObject old = replicaSet(V1).revision(1).build();
    KubeObject orphan = replicaSet(V3).orphan().build();
    KubeObject emptyOld = replicaSet("nginx:1.20").empty().revision(0).build();

    Decision decision =
        decide(
            deployment().image(V2).revisionHistoryLimit(0).beingDeleted().build(),
            old,
            orphan,
            emptyOld);

    assertThat(decision.create()).isNull();
    assertThat(decision.update()).isEmpty();
    assertThat(decision.delete()).isEmpty();
    // Its status is still kept up to date.
    assertThat(decision.status().path("replicas").asInt()).isEqualTo(3);
  }

  @Test
  void aDeploymentBeingDeletedReleasesNothing() {
    KubeObject relabelled = replicaSet(V1).labels(API_LABELS).build();

    Decision decision = decide(deployment().beingDeleted().build(), relabelled);

    assertThat(decision.update()).isEmpty();
  }
}
