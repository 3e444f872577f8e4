package dev.troupe.core.workloads;

import static dev.troupe.core.workloads.ReplicaSetFixtures.CREATED;
import static dev.troupe.core.workloads.ReplicaSetFixtures.NOW;
import static dev.troupe.core.workloads.ReplicaSetFixtures.READY_SINCE;
import static dev.troupe.core.workloads.ReplicaSetFixtures.decide;
import static dev.troupe.core.workloads.ReplicaSetFixtures.names;
import static dev.troupe.core.workloads.ReplicaSetFixtures.pod;
import static dev.troupe.core.workloads.ReplicaSetFixtures.replicaSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodStatus;
import dev.troupe.core.workloads.ReplicaSetFixtures.PodBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which pod a ReplicaSet with one pod too many deletes, in the order of Kubernetes' {@code
 * ActivePods}. Each case is a pair: the {@code victim} must go before the {@code keeper}. The
 * keeper's name sorts first, so a pair the order fails to tell apart picks the keeper and fails.
 */
class ReplicaSetControlDeletionOrderTest {

  private static PodBuilder victim() {
    return pod("victim");
  }

  private static PodBuilder keeper() {
    return pod("keeper");
  }

  static Stream<Arguments> pairs() {
    return Stream.of(
        arguments(
            "an unscheduled pod goes before a scheduled one", victim().unscheduled(), keeper()),
        arguments(
            "an unscheduled ready Running pod goes before a scheduled not-ready Pending one",
            victim().unscheduled(),
            keeper().phase(PodStatus.PENDING).notReady()),
        arguments(
            "a Pending pod goes before an Unknown one",
            victim().phase(PodStatus.PENDING).notReady(),
            keeper().phase(PodStatus.UNKNOWN).notReady()),
        arguments(
            "an Unknown pod goes before a Running one",
            victim().phase(PodStatus.UNKNOWN).notReady(),
            keeper().notReady()),
        arguments(
            "a Pending pod goes before a Running one",
            victim().phase(PodStatus.PENDING).notReady(),
            keeper().notReady()),
        arguments(
            "a ready Pending pod goes before a not-ready Running one",
            victim().phase(PodStatus.PENDING),
            keeper().notReady()),
        arguments("a not-ready pod goes before a ready one", victim().notReady(), keeper()),
        arguments(
            "a pod without a Ready condition goes before a ready one",
            victim().withoutReadyCondition(),
            keeper()),
        arguments(
            "a not-ready pod goes before a ready one that restarted more and is newer",
            victim().notReady().created(CREATED.minusSeconds(86_400)),
            keeper().restarts(5).created(NOW.minusSeconds(60))),
        arguments(
            "a pod with a lower deletion cost goes before one with a higher",
            victim().deletionCost("-5"),
            keeper().deletionCost("10")),
        arguments(
            "a pod without a deletion cost goes before one that costs more than 0",
            victim(),
            keeper().deletionCost("1")),
        arguments(
            "a pod with a malformed deletion cost counts as 0, before one that costs 1",
            victim().deletionCost("cheap"),
            keeper().deletionCost("1")),
        arguments(
            "a not-ready pod goes before a ready one, whatever their deletion costs",
            victim().notReady().deletionCost("1000"),
            keeper().deletionCost("-1000")),
        arguments(
            "a cheaper pod goes before one ready for less time, restarted more and newer",
            victim().deletionCost("-1"),
            keeper().readySince(NOW.minusSeconds(60)).restarts(7).created(NOW.minusSeconds(60))),
        arguments(
            "a pod ready for less time goes before one ready longer",
            victim().readySince(NOW.minusSeconds(60)),
            keeper().readySince(READY_SINCE)),
        arguments(
            "a pod ready for less time goes before one ready longer that restarted more",
            victim().readySince(NOW.minusSeconds(60)),
            keeper().readySince(READY_SINCE).restarts(9)),
        arguments(
            "a pod restarted more goes before one restarted less",
            victim().restarts(3),
            keeper().restarts(1)),
        arguments(
            "restarts are those of the container restarted most, not their sum",
            victim().restarts(0, 4),
            keeper().restarts(3, 3)),
        arguments(
            "a pod restarted more goes before a newer one restarted less",
            victim().restarts(2).created(CREATED.minusSeconds(86_400)),
            keeper().created(NOW.minusSeconds(60))),
        arguments(
            "a newer pod goes before an older one",
            victim().created(CREATED.plusSeconds(60)),
            keeper()),
        arguments(
            "when neither is ready, when they stopped being ready does not matter",
            victim().readySince(READY_SINCE).notReady().created(CREATED.plusSeconds(60)),
            keeper().readySince(NOW.minusSeconds(60)).notReady()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void theLeastUsefulPodIsDeletedFirst(String description, PodBuilder victim, PodBuilder keeper) {
    Pod first = victim.build();
    Pod second = keeper.build();

    assertThat(names(decide(replicaSet(1), first, second).delete())).containsExactly("victim");
    assertThat(names(decide(replicaSet(1), second, first).delete())).containsExactly("victim");
    Comparator<Pod> order = ReplicaSetControl.deleteFirst(List.of(first, second));
    assertThat(order.compare(first, second)).isNegative();
    assertThat(order.compare(second, first)).isPositive();
  }

  static Stream<Arguments> pairsWithUnsetTimes() {
    return Stream.of(
        arguments(
            "a ready pod without a transition time goes before one ready since a known time",
            victim().readyWithoutTransitionTime(),
            keeper().readySince(READY_SINCE)),
        arguments(
            "a pod without a creation timestamp goes before a newer one",
            victim().created(null),
            keeper().created(NOW.minusSeconds(60))),
        arguments(
            "a pod without a phase ranks with Pending ones, before a Running one",
            victim().phase(null).notReady(),
            keeper().notReady()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairsWithUnsetTimes")
  void podsWithUnsetTimesOrPhaseGoFirstAsInKubernetes(
      String description, PodBuilder victim, PodBuilder keeper) {
    Pod first = victim.build();
    Pod second = keeper.build();

    assertThat(names(decide(replicaSet(1), first, second).delete())).containsExactly("victim");
    assertThat(names(decide(replicaSet(1), second, first).delete())).containsExactly("victim");
  }

  @Test
  void scalingDownStepByStepRemovesPodsInKubernetesOrder() {
    List<Pod> leastUsefulFirst =
        List.of(
            pod("p1").unscheduled().phase(PodStatus.PENDING).notReady().build(),
            pod("p2").phase(PodStatus.PENDING).notReady().build(),
            pod("p3").phase(PodStatus.UNKNOWN).notReady().build(),
            pod("p4").notReady().build(),
            pod("p5").readySince(NOW.minusSeconds(60)).build(),
            pod("p6").restarts(3).build(),
            pod("p7").created(CREATED.plusSeconds(300)).build(),
            pod("p8").build());
    List<Pod> listed = new ArrayList<>(leastUsefulFirst);
    Collections.shuffle(listed, new Random(20261129));

    for (int surplus = 0; surplus <= leastUsefulFirst.size(); surplus++) {
      int wanted = leastUsefulFirst.size() - surplus;

      List<Pod> deleted = ReplicaSetControl.decide(replicaSet(wanted), listed, NOW).delete();

      assertThat(deleted)
          .as("%d wanted", wanted)
          .containsExactlyElementsOf(leastUsefulFirst.subList(0, surplus));
    }
  }

  @Test
  void aPodSharingItsNodeWithMoreOfItsReplicaSetsPodsGoesFirstSoWhatIsLeftIsSpread() {
    // Three pods on node-1, one on node-2; the crowded node's newest pod is not the newest.
    Pod crowdedOld = pod("a-crowded").on("node-1").created(CREATED.minusSeconds(600)).build();
    Pod crowded = pod("b-crowded").on("node-1").build();
    Pod crowdedToo = pod("c-crowded").on("node-1").build();
    Pod alone = pod("d-alone").on("node-2").created(NOW.minusSeconds(60)).build();

    List<Pod> deleted = decide(replicaSet(2), alone, crowdedOld, crowded, crowdedToo).delete();

    assertThat(names(deleted)).containsExactly("b-crowded", "c-crowded");
  }

  @Test
  void aDeletionCostOutranksCoLocation() {
    Pod crowded = pod("a-crowded").on("node-1").deletionCost("100").build();
    Pod crowdedToo = pod("b-crowded").on("node-1").deletionCost("100").build();
    Pod alone = pod("c-alone").on("node-2").build();

    assertThat(names(decide(replicaSet(2), crowded, crowdedToo, alone).delete()))
        .containsExactly("c-alone");
  }

  @Test
  void podsAlikeInEveryWayAreToldApartByNameSoTheListingOrderDoesNotMatter() {
    Pod a = pod("web-a").build();
    Pod b = pod("web-b").build();

    assertThat(names(decide(replicaSet(1), a, b).delete())).containsExactly("web-a");
    assertThat(names(decide(replicaSet(1), b, a).delete())).containsExactly("web-a");
  }
}
