package dev.troupe.core.workloads;

import static dev.troupe.core.workloads.ReplicaSetFixtures.OTHER_UID;
import static dev.troupe.core.workloads.ReplicaSetFixtures.OURS;
import static dev.troupe.core.workloads.ReplicaSetFixtures.RS_UID;
import static dev.troupe.core.workloads.ReplicaSetFixtures.THEIRS;
import static dev.troupe.core.workloads.ReplicaSetFixtures.decide;
import static dev.troupe.core.workloads.ReplicaSetFixtures.names;
import static dev.troupe.core.workloads.ReplicaSetFixtures.pod;
import static dev.troupe.core.workloads.ReplicaSetFixtures.replicaSet;
import static dev.troupe.core.workloads.ReplicaSetFixtures.replicaSetBeingDeleted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.OwnerReference;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodStatus;
import dev.troupe.core.workloads.ReplicaSetControl.Decision;
import dev.troupe.core.workloads.ReplicaSetFixtures.PodBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which pods a ReplicaSet adopts and releases, as Kubernetes' ControllerRefManager claims them. */
class ReplicaSetControlAdoptionTest {

  /** Owns {@code web}'s pods without being their controller, as a garbage-collection hint. */
  private static final OwnerReference NOT_A_CONTROLLER =
      new OwnerReference("v1", "ConfigMap", "settings", OTHER_UID, false, false);

  @Test
  void aMatchingOrphanIsAdoptedAndCounted() {
    Pod orphan = pod("orphan").orphan().build();

    Decision decision = decide(replicaSet(2), pod("owned").build(), orphan);

    assertThat(decision.adopt()).containsExactly(orphan);
    assertThat(decision.create()).isZero();
    assertThat(decision.status().path("replicas").asInt()).isEqualTo(2);
    assertThat(decision.acts()).isTrue();
  }

  @Test
  void anAdoptedOrphanCanBeTheSurplusThatIsDeleted() {
    Pod orphan = pod("orphan").orphan().phase(PodStatus.PENDING).notReady().build();

    Decision decision = decide(replicaSet(1), pod("owned").build(), orphan);

    assertThat(names(decision.adopt())).containsExactly("orphan");
    assertThat(names(decision.delete())).containsExactly("orphan");
  }

  @Test
  void anOrphanWhoseOnlyOwnerIsNotAControllerIsAdopted() {
    Pod pod = pod("hinted").owners(NOT_A_CONTROLLER).build();

    assertThat(names(decide(replicaSet(1), pod).adopt())).containsExactly("hinted");
  }

  @Test
  void aTerminatingOrphanIsNeitherAdoptedNorCounted() {
    Decision decision = decide(replicaSet(1), pod("leaving").orphan().terminating().build());

    assertThat(decision.adopt()).isEmpty();
    assertThat(decision.create()).isEqualTo(1);
  }

  @Test
  void aPodControlledByAnotherOwnerIsLeftAlone() {
    Pod theirs = pod("theirs").owners(THEIRS).build();
    Pod theirsUnmatched =
        pod("theirs-unmatched").owners(THEIRS).labels(Map.of("app", "api")).build();

    Decision decision = decide(replicaSet(1), theirs, theirsUnmatched);

    assertThat(decision.adopt()).isEmpty();
    assertThat(decision.release()).isEmpty();
    assertThat(decision.delete()).isEmpty();
    assertThat(decision.create()).isEqualTo(1);
  }

  @Test
  void anOwnedPodWhoseLabelsNoLongerMatchIsReleasedAndNotCounted() {
    Pod relabelled = pod("relabelled").labels(Map.of("app", "debug")).build();

    Decision decision = decide(replicaSet(1), relabelled);

    assertThat(decision.release()).containsExactly(relabelled);
    assertThat(decision.adopt()).isEmpty();
    assertThat(decision.create()).isEqualTo(1);
    assertThat(decision.status().path("replicas").asInt()).isZero();
    assertThat(decision.acts()).isTrue();
  }

  @Test
  void releasingAloneIsAnAction() {
    Decision decision =
        decide(replicaSet(1), pod("kept").build(), pod("relabelled").labels(Map.of()).build());

    assertThat(names(decision.release())).containsExactly("relabelled");
    assertThat(decision.create()).isZero();
    assertThat(decision.acts()).isTrue();
  }

  @Test
  void anOwnedPodWhoseLabelsStillMatchIsNeitherAdoptedNorReleased() {
    Decision decision = decide(replicaSet(1), pod("owned").build());

    assertThat(decision.adopt()).isEmpty();
    assertThat(decision.release()).isEmpty();
  }

  static Stream<Arguments> inactivePodsLeftOutOfClaiming() {
    return Stream.of(
        arguments(
            "a Succeeded orphan is not adopted", pod("done").orphan().phase(PodStatus.SUCCEEDED)),
        arguments("a Failed orphan is not adopted", pod("done").orphan().phase(PodStatus.FAILED)),
        arguments(
            "a terminating owned pod whose labels no longer match is not released",
            pod("done").labels(Map.of("app", "debug")).terminating()),
        arguments(
            "a Succeeded owned pod whose labels no longer match is not released",
            pod("done").labels(Map.of("app", "debug")).phase(PodStatus.SUCCEEDED)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inactivePodsLeftOutOfClaiming")
  void inactivePodsAreNeitherAdoptedNorReleased(String description, PodBuilder inactive) {
    Decision decision = decide(replicaSet(1), pod("running").build(), inactive.build());

    assertThat(names(decision.adopt())).isEmpty();
    assertThat(names(decision.release())).isEmpty();
    assertThat(decision.acts()).isFalse();
  }

  @Test
  void aReplicaSetBeingDeletedReleasesNothing() {
    Decision decision =
        decide(replicaSetBeingDeleted(1), pod("relabelled").labels(Map.of("app", "debug")).build());

    assertThat(names(decision.release())).isEmpty();
    assertThat(decision.acts()).isFalse();
  }

  @Test
  void adoptingAddsAControllerReferenceToTheReplicaSet() {
    Pod orphan = pod("orphan").orphan().build();

    Pod adopted = ReplicaSetControl.adopted(orphan, replicaSet(1));

    assertThat(adopted.metadata().ownerReferences())
        .containsExactly(new OwnerReference("apps/v1", "ReplicaSet", "web", RS_UID, true, true));
    assertThat(adopted.metadata().withOwnerReferences(null)).isEqualTo(orphan.metadata());
    assertThat(adopted.spec()).isEqualTo(orphan.spec());
    assertThat(adopted.status()).isEqualTo(orphan.status());
  }

  @Test
  void adoptingKeepsTheOwnersThatAreNotControllers() {
    Pod hinted = pod("hinted").owners(NOT_A_CONTROLLER).build();

    Pod adopted = ReplicaSetControl.adopted(hinted, replicaSet(1));

    assertThat(adopted.metadata().ownerReferences()).containsExactly(NOT_A_CONTROLLER, OURS);
    assertThat(ReplicaSetControl.controllerOf(adopted.metadata())).isEqualTo(OURS);
  }

  @Test
  void anAdoptedPodIsOwnedAtTheNextDecision() {
    Pod adopted = ReplicaSetControl.adopted(pod("orphan").orphan().build(), replicaSet(1));

    Decision decision = decide(replicaSet(1), adopted);

    assertThat(decision.adopt()).isEmpty();
    assertThat(decision.acts()).isFalse();
  }

  @Test
  void releasingRemovesOnlyThatOwnersReference() {
    Pod pod = pod("relabelled").owners(NOT_A_CONTROLLER, OURS, THEIRS).build();

    Pod released = ReplicaSetControl.released(pod, RS_UID);

    assertThat(released.metadata().ownerReferences()).containsExactly(NOT_A_CONTROLLER, THEIRS);
    assertThat(released.metadata().labels()).isEqualTo(pod.metadata().labels());
    assertThat(released.name()).isEqualTo("relabelled");
  }

  @Test
  void releasingTheOnlyOwnerLeavesNoOwnerReferences() {
    Pod pod = pod("relabelled").owners(OURS).build();

    Pod released = ReplicaSetControl.released(pod, RS_UID);

    assertThat(released.metadata().ownerReferences()).isNull();
    assertThat(ReplicaSetControl.controllerOf(released.metadata())).isNull();
    assertThat(released.spec()).isEqualTo(pod.spec());
  }

  @Test
  void theOwnerReferenceNamesTheReplicaSetAsBlockingController() {
    OwnerReference reference = ReplicaSetControl.ownerReference(replicaSet(1));

    assertThat(reference.apiVersion()).isEqualTo("apps/v1");
    assertThat(reference.kind()).isEqualTo("ReplicaSet");
    assertThat(reference.name()).isEqualTo("web");
    assertThat(reference.uid()).isEqualTo(RS_UID);
    assertThat(reference.controller()).isTrue();
    assertThat(reference.blockOwnerDeletion()).isTrue();
  }

  static Stream<Arguments> controllers() {
    OwnerReference nullController =
        new OwnerReference("apps/v1", "ReplicaSet", "web", RS_UID, null, null);
    return Stream.of(
        arguments("no metadata", null, null),
        arguments("no owner references", List.of(), null),
        arguments(
            "owners that are not controllers", List.of(NOT_A_CONTROLLER, nullController), null),
        arguments("a controller after other owners", List.of(NOT_A_CONTROLLER, THEIRS), THEIRS),
        arguments("only a controller", List.of(OURS), OURS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("controllers")
  void theControllerIsTheOwnerMarkedController(
      String description, List<OwnerReference> owners, OwnerReference expected) {
    ObjectMeta meta =
        owners == null
            ? null
            : ObjectMeta.named("default", "web-1").toBuilder().ownerReferences(owners).build();

    assertThat(ReplicaSetControl.controllerOf(meta)).isEqualTo(expected);
  }
}
