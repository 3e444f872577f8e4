package dev.troupe.actors.pod;

import static dev.troupe.actors.PodFixtures.NODE_A;
import static dev.troupe.actors.PodFixtures.NODE_B;
import static dev.troupe.actors.PodFixtures.restartedOnce;
import static dev.troupe.actors.PodFixtures.runningAndReady;
import static dev.troupe.actors.pod.PodEntityTestSupport.NO_NODES;
import static dev.troupe.actors.pod.PodEntityTestSupport.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.actors.Outcome;
import dev.troupe.actors.pod.PodEntity.Absent;
import dev.troupe.actors.pod.PodEntity.Present;
import dev.troupe.actors.pod.PodEntityTestSupport.PodUnderTest;
import dev.troupe.actors.scheduler.Scheduler;
import dev.troupe.core.events.Cause;
import dev.troupe.core.events.PodEvent.PodDeleted;
import dev.troupe.core.events.PodEvent.PodScheduled;
import dev.troupe.core.events.PodEvent.PodStatusObserved;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodCondition;
import dev.troupe.core.model.PodStatus;
import dev.troupe.core.pod.PodObservation;
import dev.troupe.core.scheduling.Placement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A pod entity bringing its pod to the state others report, driven command by command through the
 * event-sourced behavior test kit (see {@link PodEntityTestSupport}): asking the scheduler and
 * recording its decisions, taking in the node's observations, and removing the pod once the node
 * confirms its termination.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodEntityReconcileTest {

  @JUnit5TestKit final ActorTestKit testKit = PodEntityTestSupport.testKitFor(getClass());

  // --- Scheduling --------------------------------------------------------------------------------

  @Test
  void aCreatedPodAsksTheSchedulerAndIsBoundToTheNodeItIsGiven() {
    PodUnderTest web = new PodUnderTest(testKit);
    Pod created = web.created();

    Scheduler.Schedule request = web.scheduler.expectMessageClass(Scheduler.Schedule.class);
    assertThat(request.pod()).isEqualTo(created);
    Instant decidedAt = web.clock.advance(Duration.ofMillis(2_500));
    request.replyTo().tell(new Placement.Decision(Optional.of(NODE_A), "assigned to node-a"));

    Pod bound = web.awaitPod(pod -> pod.spec().nodeName() != null);
    assertThat(bound.spec().nodeName()).isEqualTo(NODE_A);
    assertThat(condition(bound, PodCondition.POD_SCHEDULED))
        .isEqualTo(
            new PodCondition(
                PodCondition.POD_SCHEDULED,
                "True",
                null,
                decidedAt.truncatedTo(ChronoUnit.SECONDS),
                null,
                null));
    assertThat(bound.status().phase()).isEqualTo(PodStatus.PENDING);
    assertThat(web.journal())
        .last()
        .isEqualTo(
            new PodScheduled(
                NODE_A, decidedAt, Cause.of("scheduler", "placement", "assigned to node-a")));
  }

  @Test
  void anUnschedulableDecisionIsRecordedOnceAndTheSchedulerIsAskedAgain() {
    PodUnderTest web = new PodUnderTest(testKit);
    Pod created = web.created();
    Scheduler.Schedule first = web.scheduler.expectMessageClass(Scheduler.Schedule.class);
    Instant decidedAt = web.clock.advance(Duration.ofSeconds(1));

    first.replyTo().tell(new Placement.Decision(Optional.empty(), NO_NODES));

    Pod unschedulable = web.awaitPod(pod -> !pod.status().conditionsOrEmpty().isEmpty());
    assertThat(condition(unschedulable, PodCondition.POD_SCHEDULED))
        .isEqualTo(
            new PodCondition(
                PodCondition.POD_SCHEDULED, "False", null, decidedAt, "Unschedulable", NO_NODES));
    assertThat(unschedulable.spec().nodeName()).isNull();
    assertThat(unschedulable.status().phase()).isEqualTo(PodStatus.PENDING);
    assertThat(web.journal())
        .last()
        .isInstanceOfSatisfying(
            PodStatusObserved.class,
            e -> {
              assertThat(e.status()).isEqualTo(unschedulable.status());
              assertThat(e.cause().principal()).isEqualTo("scheduler");
              assertThat(e.cause().reason()).isEqualTo(NO_NODES);
            });

    Scheduler.Schedule retry = web.scheduler.expectMessageClass(Scheduler.Schedule.class);
    assertThat(retry.pod().uid()).isEqualTo(created.uid());

    web.clock.advance(Duration.ofSeconds(1));
    var same = web.runCommand(new PodEntity.Placed(created.uid(), null, NO_NODES));
    assertThat(same.hasNoEvents()).isTrue();
    assertThat(web.journal()).hasSize(2);

    String notReady = "0/1 nodes are available: 1 node(s) were not ready.";
    var other = web.runCommand(new PodEntity.Placed(created.uid(), null, notReady));
    assertThat(other.events()).hasSize(1);
    assertThat(condition(web.present().pod(), PodCondition.POD_SCHEDULED).message())
        .isEqualTo(notReady);
  }

  @Test
  void aDecisionForAnotherLifetimeOrAnAlreadyBoundPodIsIgnored() {
    PodUnderTest web = new PodUnderTest(testKit);
    Pod created = web.created();

    var stale = web.runCommand(new PodEntity.Placed("another-uid", NODE_A, "assigned to node-a"));
    assertThat(stale.hasNoEvents()).isTrue();
    assertThat(web.present().pod().spec().nodeName()).isNull();

    web.place(created.uid(), NODE_A);
    var late = web.runCommand(new PodEntity.Placed(created.uid(), NODE_B, "assigned to node-b"));
    assertThat(late.hasNoEvents()).isTrue();
    assertThat(web.present().pod().spec().nodeName()).isEqualTo(NODE_A);
  }

  @Test
  void anUnschedulableConditionIsStampedInWholeSecondsLikeEveryOtherCondition() {
    PodUnderTest web = new PodUnderTest(testKit);
    Pod created = web.created();
    Instant at = web.clock.advance(Duration.ofMillis(1_500));

    web.runCommand(new PodEntity.Placed(created.uid(), null, NO_NODES));

    assertThat(condition(web.present().pod(), PodCondition.POD_SCHEDULED).lastTransitionTime())
        .isEqualTo(at.truncatedTo(ChronoUnit.SECONDS));
  }

  // --- Observations ------------------------------------------------------------------------------

  @Test
  void anObservationOfARunningReadyContainerMakesThePodRunningAndReady() {
    PodUnderTest web = new PodUnderTest(testKit);
    Pod bound = web.createdAndBound();
    Instant observedAt = web.clock.advance(Duration.ofSeconds(3));

    var result =
        web.runCommand(new PodEntity.ReportObservation(NODE_A, runningAndReady(bound.uid())));

    PodStatusObserved event = result.eventOfType(PodStatusObserved.class);
    assertThat(event.at()).isEqualTo(observedAt);
    assertThat(event.cause())
        .isEqualTo(Cause.of("node/node-a", "observation", "phase Pending -> Running"));
    Pod running = result.stateOfType(Present.class).pod();
    assertThat(running.status().phase()).isEqualTo(PodStatus.RUNNING);
    assertThat(running.status().podIP()).isEqualTo("10.88.0.7");
    assertThat(running.status().qosClass()).isEqualTo("BestEffort");
    assertThat(running.status().conditions())
        .extracting(PodCondition::type, PodCondition::status)
        .containsExactlyInAnyOrder(
            tuple(PodCondition.POD_SCHEDULED, "True"),
            tuple(PodCondition.INITIALIZED, "True"),
            tuple(PodCondition.CONTAINERS_READY, "True"),
            tuple(PodCondition.READY, "True"));
  }

  @Test
  void theSameObservationAgainWritesNothingButAChangedOneIsRecorded() {
    PodUnderTest web = new PodUnderTest(testKit);
    Pod bound = web.createdAndBound();
    web.runCommand(new PodEntity.ReportObservation(NODE_A, runningAndReady(bound.uid())));
    PodEntity.State before = web.kit.getState();
    web.clock.advance(Duration.ofSeconds(2));

    var again =
        web.runCommand(new PodEntity.ReportObservation(NODE_A, runningAndReady(bound.uid())));

    assertThat(again.hasNoEvents()).isTrue();
    assertThat(again.state()).isEqualTo(before);

    var restarted =
        web.runCommand(new PodEntity.ReportObservation(NODE_A, restartedOnce(bound.uid())));
    assertThat(restarted.eventOfType(PodStatusObserved.class).cause().reason())
        .isEqualTo("container status changed");
    assertThat(restarted.stateOfType(Present.class).pod().status().containerStatuses())
        .singleElement()
        .satisfies(c -> assertThat(c.restartCount()).isEqualTo(1));
  }

  static Stream<Arguments> observationsFromElsewhere() {
    return Stream.of(
        arguments("from another node", NODE_B, true, true),
        arguments("of another pod with the same name", NODE_A, false, true),
        arguments("of a pod that is not bound yet", NODE_A, true, false));
  }

  @ParameterizedTest(name = "an observation {0} is ignored")
  @MethodSource("observationsFromElsewhere")
  void anObservationFromElsewhereIsIgnored(
      String description, String fromNode, boolean sameUid, boolean bound) {
    PodUnderTest web = new PodUnderTest(testKit);
    Pod pod = bound ? web.createdAndBound() : web.created();
    PodEntity.State before = web.kit.getState();
    PodObservation observation = runningAndReady(sameUid ? pod.uid() : "another-uid");

    var result = web.runCommand(new PodEntity.ReportObservation(fromNode, observation));

    assertThat(result.hasNoEvents()).isTrue();
    assertThat(result.state()).isEqualTo(before);
  }

  // --- Termination -------------------------------------------------------------------------------

  @Test
  void aTerminationConfirmedByTheNodeRemovesThePod() {
    PodUnderTest web = new PodUnderTest(testKit);
    Pod bound = web.createdAndBound();
    web.delete(null);
    Instant confirmedAt = web.clock.advance(Duration.ofSeconds(12));

    var result = web.runCommand(new PodEntity.ConfirmTerminated(NODE_A, bound.uid()));

    assertThat(result.events())
        .containsExactly(
            new PodDeleted(
                bound.uid(),
                confirmedAt,
                Cause.of("node/node-a", "termination", "all containers stopped and removed")));
    assertThat(result.state()).isInstanceOf(Absent.class);
    assertThat(web.get().reply().outcome()).isEqualTo(Outcome.NOT_FOUND);
  }

  static Stream<Arguments> confirmationsThatDoNotMatch() {
    return Stream.of(
        arguments("a pod that is not terminating", false, true),
        arguments("another pod with the same name", true, false));
  }

  @ParameterizedTest(name = "a confirmation for {0} is ignored")
  @MethodSource("confirmationsThatDoNotMatch")
  void aTerminationConfirmationThatDoesNotMatchIsIgnored(
      String description, boolean deleted, boolean sameUid) {
    PodUnderTest web = new PodUnderTest(testKit);
    Pod bound = web.createdAndBound();
    if (deleted) {
      web.delete(null);
    }
    PodEntity.State before = web.kit.getState();

    var result =
        web.runCommand(
            new PodEntity.ConfirmTerminated(NODE_A, sameUid ? bound.uid() : "another-uid"));

    assertThat(result.hasNoEvents()).isTrue();
    assertThat(result.state()).isEqualTo(before);
  }
}
