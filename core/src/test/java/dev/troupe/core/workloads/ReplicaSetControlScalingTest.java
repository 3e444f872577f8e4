package dev.troupe.core.workloads;

import static dev.troupe.core.workloads.ReplicaSetFixtures.decide;
import static dev.troupe.core.workloads.ReplicaSetFixtures.names;
import static dev.troupe.core.workloads.ReplicaSetFixtures.pod;
import static dev.troupe.core.workloads.ReplicaSetFixtures.pods;
import static dev.troupe.core.workloads.ReplicaSetFixtures.replicaSet;
import static dev.troupe.core.workloads.ReplicaSetFixtures.replicaSetBeingDeleted;
import static dev.troupe.core.workloads.ReplicaSetFixtures.replicaSetWithSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodStatus;
import dev.troupe.core.workloads.ReplicaSetControl.Decision;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How many pods a ReplicaSet creates or deletes, and which pods count toward its replicas. */
class ReplicaSetControlScalingTest {

  @Test
  void theBurstIsKubernetesDefaultOf500() {
    assertThat(ReplicaSetControl.BURST).isEqualTo(500);
  }

  static Stream<Arguments> scalings() {
    return Stream.of(
        arguments("no pods and three wanted: three are created", 3, 0, 3, 0),
        arguments("two of three: one more is created", 3, 2, 1, 0),
        arguments("exactly as many as wanted: nothing is created or deleted", 3, 3, 0, 0),
        arguments("five of three: the two surplus pods are deleted", 3, 5, 0, 2),
        arguments("scaled to zero: every pod is deleted", 0, 3, 0, 3),
        arguments("500 wanted from none: all are created in one step", 500, 0, 500, 0),
        arguments("501 wanted from none: one burst of 500 is created", 501, 0, 500, 0),
        arguments("1000 wanted from none: one burst of 500 is created", 1000, 0, 500, 0),
        arguments("1000 wanted and 600 running: the last 400 are created", 1000, 600, 400, 0),
        arguments("1000 pods scaled to zero: one burst of 500 is deleted", 0, 1000, 0, 500),
        arguments("1000 pods scaled to 700: the 300 surplus are deleted", 700, 1000, 0, 300));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scalings")
  void tooFewPodsAreCreatedAndTooManyDeletedInBurstsOf500(
      String description, int wanted, int active, int created, int deleted) {
    List<Pod> existing = pods(active);

    Decision decision =
        ReplicaSetControl.decide(replicaSet(wanted), existing, ReplicaSetFixtures.NOW);

    assertThat(decision.create()).isEqualTo(created);
    assertThat(decision.delete()).hasSize(deleted);
    assertThat(existing).containsAll(decision.delete());
    assertThat(new HashSet<>(decision.delete())).hasSize(deleted);
    assertThat(decision.adopt()).isEmpty();
    assertThat(decision.release()).isEmpty();
    assertThat(decision.acts()).isEqualTo(created > 0 || deleted > 0);
  }

  @Test
  void theSurplusDeletedIsThePodsLeastUsefulToKeep() {
    // Named so that the name tie-break alone would pick the two pods that must be kept.
    Pod unscheduled =
        pod("y-unscheduled").unscheduled().phase(PodStatus.PENDING).notReady().build();
    Pod pending = pod("z-pending").phase(PodStatus.PENDING).notReady().build();
    Pod running = pod("a-running").build();
    Pod longRunning = pod("b-running-longer").readySince(ReplicaSetFixtures.CREATED).build();

    Decision decision = decide(replicaSet(2), longRunning, running, pending, unscheduled);

    assertThat(names(decision.delete())).containsExactlyInAnyOrder("y-unscheduled", "z-pending");
    assertThat(decision.create()).isZero();
  }

  @Test
  void aReplicaSetWithoutSpecReplicasWantsOnePod() {
    KubeObject replicaSet =
        replicaSetWithSpec(
            """
            {"selector":{"matchLabels":{"app":"web"}},
             "template":{"metadata":{"labels":{"app":"web"}},
                         "spec":{"containers":[{"name":"app","image":"nginx:1.27"}]}}}
            """);

    assertThat(decide(replicaSet).create()).isEqualTo(1);
    assertThat(decide(replicaSet, pod("a").build(), pod("b").build()).delete()).hasSize(1);
  }

  static Stream<Arguments> specReplicas() {
    return Stream.of(
        arguments("absent: Kubernetes defaults it to 1", "", 1),
        arguments("null: as absent", "\"replicas\":null,", 1),
        arguments("an explicit zero stays zero", "\"replicas\":0,", 0),
        arguments("five", "\"replicas\":5,", 5));
  }

  @ParameterizedTest(name = "spec.replicas {0}")
  @MethodSource("specReplicas")
  void theWantedReplicasAreSpecReplicas(String description, String field, int expected) {
    KubeObject replicaSet =
        replicaSetWithSpec("{" + field + "\"selector\":{\"matchLabels\":{\"app\":\"web\"}}}");

    assertThat(ReplicaSetControl.replicas(replicaSet)).isEqualTo(expected);
  }

  @Test
  void aTerminatingPodDoesNotCountSoItsReplacementIsCreated() {
    Decision decision =
        decide(replicaSet(3), pod("a").build(), pod("b").build(), pod("c").terminating().build());

    assertThat(decision.create()).isEqualTo(1);
    assertThat(decision.delete()).isEmpty();
  }

  @ParameterizedTest(name = "a {0} pod does not count, so its replacement is created")
  @ValueSource(strings = {PodStatus.SUCCEEDED, PodStatus.FAILED})
  void aFinishedPodDoesNotCountSoItsReplacementIsCreated(String phase) {
    Decision decision =
        decide(replicaSet(2), pod("a").build(), pod("b").phase(phase).notReady().build());

    assertThat(decision.create()).isEqualTo(1);
    assertThat(decision.delete()).isEmpty();
  }

  @Test
  void terminatingAndFinishedPodsAreNeverChosenForDeletion() {
    // Each inactive pod would rank first (unscheduled, Pending, not ready) were it considered.
    Pod terminating =
        pod("a-terminating")
            .unscheduled()
            .phase(PodStatus.PENDING)
            .notReady()
            .terminating()
            .build();
    Pod succeeded = pod("b-succeeded").unscheduled().phase(PodStatus.SUCCEEDED).notReady().build();
    Pod failed = pod("c-failed").unscheduled().phase(PodStatus.FAILED).notReady().build();
    Pod older = pod("d-older").build();
    Pod newer = pod("e-newer").created(ReplicaSetFixtures.CREATED.plusSeconds(60)).build();

    Decision decision = decide(replicaSet(1), terminating, succeeded, failed, older, newer);

    assertThat(names(decision.delete())).containsExactly("e-newer");
    assertThat(decision.create()).isZero();
  }

  @Test
  void podsControlledByAnotherOwnerAreNeitherCountedNorDeleted() {
    Pod theirs = pod("theirs").owners(ReplicaSetFixtures.THEIRS).build();
    Pod alsoTheirs = pod("also-theirs").owners(ReplicaSetFixtures.THEIRS).build();

    Decision decision = decide(replicaSet(1), theirs, alsoTheirs);

    assertThat(decision.create()).isEqualTo(1);
    assertThat(decision.delete()).isEmpty();
    assertThat(decision.adopt()).isEmpty();
    assertThat(decision.release()).isEmpty();
  }

  @Test
  void orphansWhoseLabelsDoNotMatchAreNeitherAdoptedNorCounted() {
    Pod stranger = pod("stranger").orphan().labels(Map.of("app", "api")).build();

    Decision decision = decide(replicaSet(1), stranger);

    assertThat(decision.adopt()).isEmpty();
    assertThat(decision.create()).isEqualTo(1);
  }

  @Test
  void aReplicaSetBeingDeletedNeitherCreatesNorDeletes() {
    assertThat(decide(replicaSetBeingDeleted(3)).create()).isZero();
    assertThat(decide(replicaSetBeingDeleted(3)).acts()).isFalse();

    Decision tooMany =
        decide(replicaSetBeingDeleted(1), pod("a").build(), pod("b").build(), pod("c").build());
    assertThat(tooMany.delete()).isEmpty();
    assertThat(tooMany.create()).isZero();
    assertThat(tooMany.acts()).isFalse();
  }

  @Test
  void aReplicaSetBeingDeletedAdoptsNoOrphan() {
    Decision decision = decide(replicaSetBeingDeleted(2), pod("orphan").orphan().build());

    assertThat(decision.adopt()).isEmpty();
    assertThat(decision.create()).isZero();
    assertThat(decision.acts()).isFalse();
  }

  @Test
  void aReplicaSetBeingDeletedStillReportsItsPods() {
    Decision decision = decide(replicaSetBeingDeleted(1), pod("a").build(), pod("b").build());

    assertThat(decision.status().path("replicas").asInt()).isEqualTo(2);
  }

  static Stream<Arguments> selectorsThatSelectNothing() {
    return Stream.of(
        arguments("an absent selector", ""),
        arguments("a null selector", "\"selector\":null,"),
        arguments("an empty selector", "\"selector\":{},"),
        arguments(
            "a selector with empty parts",
            "\"selector\":{\"matchLabels\":{},\"matchExpressions\":[]},"),
        arguments(
            "an invalid selector",
            "\"selector\":{\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"Like\",\"values\":[\"web\"]}]},"));
  }

  @ParameterizedTest(name = "{0} selects nothing")
  @MethodSource("selectorsThatSelectNothing")
  void aSelectorWithoutTermsSelectsNothing(String description, String selector) {
    KubeObject replicaSet =
        replicaSetWithSpec(
            """
            {"replicas":2,%s
             "template":{"metadata":{"labels":{"app":"web"}},
                         "spec":{"containers":[{"name":"app","image":"nginx:1.27"}]}}}
            """
                .formatted(selector));
    Pod orphan = pod("orphan").orphan().labels(Map.of("app", "web")).build();
    Pod unlabelled = pod("unlabelled").orphan().labels(null).build();

    Decision decision = decide(replicaSet, orphan, unlabelled);

    assertThat(decision.adopt()).isEmpty();
    assertThat(decision.create()).isEqualTo(2);
    assertThat(decision.status().path("replicas").asInt()).isZero();
  }

  @Test
  void aSelectorsMatchExpressionsAreHonoured() {
    KubeObject replicaSet =
        replicaSetWithSpec(
            """
            {"replicas":2,
             "selector":{"matchExpressions":[
               {"key":"tier","operator":"In","values":["frontend","edge"]},
               {"key":"canary","operator":"DoesNotExist"}]},
             "template":{"metadata":{"labels":{"tier":"frontend"}},
                         "spec":{"containers":[{"name":"app","image":"nginx:1.27"}]}}}
            """);
    Pod edge = pod("edge").orphan().labels(Map.of("tier", "edge")).build();
    Pod canary = pod("canary").orphan().labels(Map.of("tier", "frontend", "canary", "1")).build();
    Pod backend = pod("backend").orphan().labels(Map.of("tier", "backend")).build();

    Decision decision = decide(replicaSet, edge, canary, backend);

    assertThat(names(decision.adopt())).containsExactly("edge");
    assertThat(decision.create()).isEqualTo(1);
  }

  @Test
  void aSteadyReplicaSetDoesNothing() {
    Decision decision = decide(replicaSet(2), pod("a").build(), pod("b").build());

    assertThat(decision.acts()).isFalse();
    assertThat(decision.create()).isZero();
    assertThat(decision.delete()).isEmpty();
  }

  @Test
  void theSameReplicaSetAndPodsAtTheSameInstantGiveTheSameDecision() {
    List<Pod> existing = pods(7);

    Decision first = ReplicaSetControl.decide(replicaSet(4), existing, ReplicaSetFixtures.NOW);
    Decision again =
        ReplicaSetControl.decide(replicaSet(4), List.copyOf(existing), ReplicaSetFixtures.NOW);

    assertThat(again).isEqualTo(first);
    assertThat(first.delete()).hasSize(3);
  }
}
