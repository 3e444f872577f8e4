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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Revisions as Kubernetes' {@code getNewReplicaSet} numbers them (the newest ReplicaSet is the
 * highest revision, a rollback renumbers the old one and remembers its former numbers) and the old
 * ReplicaSets {@code cleanupDeployment} removes beyond {@code revisionHistoryLimit}.
 */
class DeploymentControlRevisionTest {

  private static final String IMAGE_1_20 = "nginx:1.20";
  private static final String IMAGE_1_21 = "nginx:1.21";
  private static final String IMAGE_1_22 = "nginx:1.22";

  private static Decision decide(KubeObject deployment, List<KubeObject> replicaSets) {
    return DeploymentControl.decide(deployment, replicaSets, NOW);
  }

  private static String revisionOf(KubeObject object) {
    return object.metadata().annotations().get(DeploymentControl.REVISION);
  }

  // --- A new template ------------------------------------------------------------------------

  static Stream<Arguments> newRevisions() {
    return Stream.of(
        arguments("one old ReplicaSet at revision 1", List.of(1L), "2"),
        arguments("old ReplicaSets at revisions 1 and 4", List.of(4L, 1L), "5"),
        arguments("an old ReplicaSet without a revision", List.of(0L), "1"),
        arguments("old ReplicaSets at revisions 7, 3 and 5", List.of(7L, 3L, 5L), "8"));
  }

  @ParameterizedTest(name = "{0}: the new ReplicaSet is revision {2}")
  @MethodSource("newRevisions")
  void aNewTemplateGetsTheRevisionAfterTheHighest(
      String description, List<Long> oldRevisions, String expected) {
    List<KubeObject> old = new ArrayList<>();
    String[] images = {V1, V3, IMAGE_1_20};
    for (int i = 0; i < oldRevisions.size(); i++) {
      KubeObject rs =
          oldRevisions.get(i) == 0
              ? replicaSet(images[i]).empty().build()
              : replicaSet(images[i]).empty().revision(oldRevisions.get(i)).build();
      old.add(rs);
    }

    Decision decision = decide(deployment().image(V2).build(), old);

    assertThat(decision.create()).isNotNull();
    assertThat(revisionOf(decision.create())).isEqualTo(expected);
    assertThat(revisionOf(decision.deployment())).isEqualTo(expected);
  }

  @Test
  void aNewTemplateWithAnOldReplicaSetCreatesANewOneAndLeavesTheOldOneItsRevision() {
    // 4 replicas, 25%: one old pod may go at once, so the old ReplicaSet is updated too.
    KubeObject old = replicaSet(V1).replicas(4).revision(1).build();

    Decision decision =
        decide(deployment().replicas(4).image(V2).revision(1).build(), List.of(old));

    assertThat(decision.create().name()).isEqualTo(nameOf(V2));
    KubeObject scaledOld = named(decision.update(), nameOf(V1));
    assertThat(scaledOld.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(revisionOf(scaledOld)).isEqualTo("1");
  }

  @Test
  void theDeploymentIsNotRewrittenWhenItsRevisionIsAlreadyRight() {
    KubeObject current = replicaSet(V2).revision(2).build();
    KubeObject old = replicaSet(V1).empty().revision(1).build();

    Decision decision = decide(deployment().revision(2).build(), List.of(old, current));

    assertThat(decision.deployment()).isNull();
  }

  @Test
  void aDeploymentWithAStaleRevisionIsBroughtUpToItsReplicaSet() {
    KubeObject current = replicaSet(V2).revision(6).build();

    Decision decision = decide(deployment().revision(2).build(), List.of(current));

    assertThat(revisionOf(decision.deployment())).isEqualTo("6");
  }

  // --- Rollback ------------------------------------------------------------------------------

  @Test
  void rollingBackToAnOldTemplateReusesItsReplicaSetAtTheNextRevision() {
    KubeObject first = replicaSet(V1).empty().revision(1).build();
    KubeObject second = replicaSet(V2).revision(2).build();

    Decision decision = decide(deployment().image(V1).revision(2).build(), List.of(first, second));

    assertThat(decision.create()).isNull();
    KubeObject reused = named(decision.update(), nameOf(V1));
    assertThat(reused.metadata().annotations())
        .containsEntry(DeploymentControl.REVISION, "3")
        .containsEntry(DeploymentControl.REVISION_HISTORY, "1");
    assertThat(revisionOf(decision.deployment())).isEqualTo("3");
    // 3 replicas, 25%: one pod of surge, so the reused ReplicaSet starts with one.
    assertThat(scaled(decision, List.of(first, second))).containsEntry(nameOf(V1), 1);
  }

  @Test
  void theRolledBackReplicaSetKeepsItsHashLabelAndName() {
    KubeObject first = replicaSet(V1).empty().revision(1).build();
    KubeObject second = replicaSet(V2).revision(2).build();

    Decision decision = decide(deployment().image(V1).revision(2).build(), List.of(first, second));

    KubeObject reused = named(decision.update(), nameOf(V1));
    assertThat(reused.at("/spec/template")).isEqualTo(first.at("/spec/template"));
    assertThat(reused.metadata().labels()).isEqualTo(first.metadata().labels());
  }

  @Test
  void aSecondRollbackAppendsToTheRevisionHistory() {
    KubeObject first = replicaSet(V1).empty().revision(3).revisionHistory("1").build();
    KubeObject second = replicaSet(V2).revision(4).build();

    Decision decision = decide(deployment().image(V1).revision(4).build(), List.of(first, second));

    assertThat(named(decision.update(), nameOf(V1)).metadata().annotations())
        .containsEntry(DeploymentControl.REVISION, "5")
        .containsEntry(DeploymentControl.REVISION_HISTORY, "1,3");
  }

  @Test
  void aReplicaSetOfTheCurrentTemplateWithoutARevisionGetsOneWithoutHistory() {
    KubeObject adopted = replicaSet(V2).build();

    Decision decision = decide(deployment().build(), List.of(adopted));

    KubeObject numbered = named(decision.update(), nameOf(V2));
    assertThat(numbered.metadata().annotations())
        .containsEntry(DeploymentControl.REVISION, "1")
        .doesNotContainKey(DeploymentControl.REVISION_HISTORY);
  }

  // --- revisionHistoryLimit ------------------------------------------------------------------

  /** Old ReplicaSets at revisions 1 to 4, all scaled to 0, and the current one at 5. */
  private static List<KubeObject> fourEmptyOldAndTheCurrent() {
    return List.of(
        replicaSet(IMAGE_1_22).empty().revision(4).build(),
        replicaSet(IMAGE_1_20).empty().revision(2).build(),
        replicaSet(V1).empty().revision(1).build(),
        replicaSet(IMAGE_1_21).empty().revision(3).build(),
        replicaSet(V2).revision(5).build());
  }

  static Stream<Arguments> historyLimits() {
    return Stream.of(
        arguments(0, List.of(V1, IMAGE_1_20, IMAGE_1_21, IMAGE_1_22)),
        arguments(1, List.of(V1, IMAGE_1_20, IMAGE_1_21)),
        arguments(2, List.of(V1, IMAGE_1_20)),
        arguments(3, List.of(V1)),
        arguments(4, List.of()),
        arguments(10, List.of()));
  }

  @ParameterizedTest(name = "revisionHistoryLimit {0}")
  @MethodSource("historyLimits")
  void emptyOldReplicaSetsBeyondTheLimitAreDeletedOldestRevisionFirst(
      int limit, List<String> deletedImages) {
    Decision decision =
        decide(
            deployment().revision(5).revisionHistoryLimit(limit).build(),
            fourEmptyOldAndTheCurrent());

    assertThat(decision.delete())
        .extracting(KubeObject::name)
        .containsExactlyElementsOf(deletedImages.stream().map(DeploymentFixtures::nameOf).toList());
  }

  @Test
  void theDefaultLimitKeepsTenOldReplicaSets() {
    List<KubeObject> replicaSets = new ArrayList<>();
    for (int revision = 1; revision <= 12; revision++) {
      replicaSets.add(replicaSet("nginx:1." + revision).empty().revision(revision).build());
    }
    replicaSets.add(replicaSet(V2).revision(13).build());

    Decision decision = decide(deployment().revision(13).build(), replicaSets);

    assertThat(decision.delete())
        .extracting(KubeObject::name)
        .containsExactly(nameOf("nginx:1.1"), nameOf("nginx:1.2"));
  }

  @Test
  void equalRevisionsAreDeletedOldestCreatedFirst() {
    KubeObject younger = replicaSet(V1).empty().revision(1).created(NOW.minusSeconds(60)).build();
    KubeObject older = replicaSet(V3).empty().revision(1).created(NOW.minusSeconds(600)).build();

    Decision decision =
        decide(
            deployment().revision(2).revisionHistoryLimit(1).build(),
            List.of(younger, older, replicaSet(V2).revision(2).build()));

    assertThat(decision.delete()).extracting(KubeObject::name).containsExactly(nameOf(V3));
  }

  @Test
  void anOldReplicaSetWhosePodsAreStillGoingIsNotDeleted() {
    // Scaled to 0, but two pods still terminating.
    KubeObject draining = replicaSet(V1).empty().existing(2).available(0).revision(1).build();

    Decision decision =
        decide(
            deployment().revision(2).revisionHistoryLimit(0).build(),
            List.of(draining, replicaSet(V2).revision(2).build()));

    assertThat(decision.delete()).isEmpty();
  }

  @Test
  void theCurrentReplicaSetIsNeverDeleted() {
    KubeObject current = replicaSet(V2).empty().revision(1).build();

    Decision decision =
        decide(
            deployment().replicas(0).revision(1).revisionHistoryLimit(0).build(), List.of(current));

    assertThat(decision.delete()).isEmpty();
  }

  @Test
  void aPausedDeploymentStillCleansUpOldReplicaSets() {
    Decision decision =
        decide(
            deployment().revision(5).revisionHistoryLimit(3).paused().build(),
            fourEmptyOldAndTheCurrent());

    assertThat(decision.delete()).extracting(KubeObject::name).containsExactly(nameOf(V1));
  }

  @Test
  void theLimitCountsOldReplicaSetsThatStillHavePods() {
    KubeObject empty = replicaSet(V1).empty().revision(1).build();
    KubeObject draining = replicaSet(V3).replicas(2).revision(2).build();

    Decision decision =
        decide(
            deployment().revision(3).revisionHistoryLimit(1).paused().build(),
            List.of(empty, draining, replicaSet(V2).revision(3).build()));

    assertThat(decision.delete()).extracting(KubeObject::name).containsExactly(nameOf(V1));
  }
}
