package dev.troupe.actors.pod;

import static dev.troupe.actors.PodFixtures.NODE_A;
import static dev.troupe.actors.PodFixtures.NODE_B;
import static dev.troupe.actors.PodFixtures.T0;
import static dev.troupe.actors.PodFixtures.byUser;
import static dev.troupe.actors.PodFixtures.runningAndReady;
import static dev.troupe.actors.pod.PodEntityTestSupport.published;
import static dev.troupe.actors.pod.PodEntityTestSupport.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.actors.Outcome;
import dev.troupe.actors.ResourceVersions;
import dev.troupe.actors.pod.PodEntity.Absent;
import dev.troupe.actors.pod.PodEntity.Present;
import dev.troupe.actors.pod.PodEntity.Reply;
import dev.troupe.actors.pod.PodEntityTestSupport.PodUnderTest;
import dev.troupe.actors.scheduler.Scheduler;
import dev.troupe.core.events.PodEvent;
import dev.troupe.core.events.PodEvent.PodCreated;
import dev.troupe.core.events.PodEvent.PodDeleted;
import dev.troupe.core.events.PodEvent.PodDeletionRequested;
import dev.troupe.core.events.PodEvent.PodScheduled;
import dev.troupe.core.events.PodEvent.PodStatusObserved;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodStatus;
import dev.troupe.core.pod.NodeNote;
import dev.troupe.core.pod.ProbeState;
import dev.troupe.core.scheduling.Placement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.jackson.JacksonJsonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pod entity's lifetime, driven command by command through the event-sourced behavior test kit
 * (see {@link PodEntityTestSupport}): creating, reading and deleting it, creating the name again,
 * its resource versions, the events and changes it writes, and recovering it after a restart.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodEntityLifecycleTest {

  @JUnit5TestKit final ActorTestKit testKit = PodEntityTestSupport.testKitFor(getClass());

  @Test
  void everyMessageIsSerializedAndTheEntitysTypesAreSerializedAsJson() {
    assertThat(testKit.system().settings().config().getBoolean("pekko.actor.serialize-messages"))
        .isTrue();
    Serialization serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
    assertThat(serialization.findSerializerFor(new Absent(0)))
        .isInstanceOf(JacksonJsonSerializer.class);
    assertThat(serialization.findSerializerFor(PodEntity.Reconcile.SCHEDULE))
        .isInstanceOf(JacksonJsonSerializer.class);
  }

  // --- Creating ----------------------------------------------------------------------------------

  @Test
  void aCreatedPodIsStampedWithAUidItsCreationTimeAndAVersionAndIsPending() {
    PodUnderTest web = new PodUnderTest(testKit);
    Instant now = web.clock.advance(Duration.ofMillis(789_123).plusNanos(456));

    var result = web.create();

    assertThat(result.reply().outcome()).isEqualTo(Outcome.OK);
    Pod pod = result.reply().pod();
    assertThat(UUID.fromString(pod.uid())).isNotNull();
    assertThat(pod.metadata().creationTimestamp()).isEqualTo(now.truncatedTo(ChronoUnit.SECONDS));
    long version = ResourceVersions.next(0, now);
    assertThat(pod.metadata().resourceVersion()).isEqualTo(Long.toString(version));
    assertThat(pod.status()).isEqualTo(PodStatus.pending("BestEffort"));
    assertThat(pod.spec().nodeName()).isNull();
    assertThat(result.events()).hasSize(1);
    PodCreated created = result.eventOfType(PodCreated.class);
    assertThat(created.at()).isEqualTo(now);
    assertThat(created.cause()).isEqualTo(byUser("kubectl create"));
    assertThat(result.stateOfType(Present.class)).isEqualTo(new Present(pod, version));
  }

  @Test
  void aStatusWriteReplacesTheStatusAloneAndIsRefusedOnAStaleVersion() {
    PodUnderTest web = new PodUnderTest(testKit);
    Pod pod = web.createdAndBound();
    PodStatus written = pod.status().withConditions(List.of());

    var stale =
        web.kit.<Reply>runCommand(
            replyTo -> new PodEntity.UpdateStatus(written, "1", byUser("kubectl patch"), replyTo));
    var accepted =
        web.kit.<Reply>runCommand(
            replyTo ->
                new PodEntity.UpdateStatus(
                    written, pod.metadata().resourceVersion(), byUser("kubectl patch"), replyTo));
    var again =
        web.kit.<Reply>runCommand(
            replyTo -> new PodEntity.UpdateStatus(written, null, byUser("kubectl patch"), replyTo));

    assertThat(stale.reply().outcome()).isEqualTo(Outcome.CONFLICT);
    assertThat(stale.events()).isEmpty();
    assertThat(accepted.reply().outcome()).isEqualTo(Outcome.OK);
    assertThat(accepted.reply().pod().status()).isEqualTo(written);
    assertThat(accepted.reply().pod().spec()).isEqualTo(pod.spec());
    assertThat(accepted.eventOfType(PodStatusObserved.class).cause())
        .isEqualTo(byUser("kubectl patch"));
    assertThat(again.events()).isEmpty();
    assertThat(again.reply().pod().metadata().resourceVersion())
        .isEqualTo(accepted.reply().pod().metadata().resourceVersion());
  }

  @Test
  void aPodThatIsCreatedTwiceIsRefusedTheSecondTime() {
    PodUnderTest web = new PodUnderTest(testKit);
    web.created();
    PodEntity.State before = web.kit.getState();

    var second = web.create();

    assertThat(second.reply()).isEqualTo(new Reply(Outcome.ALREADY_EXISTS, null));
    assertThat(second.hasNoEvents()).isTrue();
    assertThat(second.state()).isEqualTo(before);
  }

  static Stream<Arguments> requestsForAPodThatDoesNotExist() {
    return Stream.of(
        arguments("get", (Function<ActorRef<Reply>, PodEntity.Command>) PodEntity.Get::new),
        arguments(
            "delete",
            (Function<ActorRef<Reply>, PodEntity.Command>)
                replyTo -> new PodEntity.Delete(null, byUser("kubectl delete"), replyTo)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requestsForAPodThatDoesNotExist")
  void aPodThatWasNeverCreatedIsNotFound(
      String request, Function<ActorRef<Reply>, PodEntity.Command> command) {
    PodUnderTest web = new PodUnderTest(testKit);

    var result = web.kit.<Reply>runCommand(command::apply);

    assertThat(result.reply()).isEqualTo(new Reply(Outcome.NOT_FOUND, null));
    assertThat(result.hasNoEvents()).isTrue();
    assertThat(result.state()).isEqualTo(new Absent(0));
  }

  // --- Deleting ----------------------------------------------------------------------------------

  @Test
  void deletingAnUnscheduledPodRemovesItAtOnce() {
    PodUnderTest web = new PodUnderTest(testKit);
    Pod created = web.created();
    Instant deletedAt = web.clock.advance(Duration.ofMillis(4_250));

    var result = web.delete(null);

    assertThat(result.events())
        .containsExactly(
            new PodDeletionRequested(0, deletedAt, byUser("kubectl delete")),
            new PodDeleted(created.uid(), deletedAt, byUser("kubectl delete")));
    assertThat(result.reply().outcome()).isEqualTo(Outcome.OK);
    Pod deleted = result.reply().pod();
    assertThat(deleted.uid()).isEqualTo(created.uid());
    assertThat(deleted.metadata().deletionTimestamp())
        .isEqualTo(deletedAt.truncatedTo(ChronoUnit.SECONDS));
    assertThat(deleted.metadata().deletionGracePeriodSeconds()).isZero();
    assertThat(result.state()).isInstanceOf(Absent.class);
    assertThat(result.state().resourceVersion()).isGreaterThan(version(created));
    assertThat(web.get().reply()).isEqualTo(new Reply(Outcome.NOT_FOUND, null));
  }

  @Test
  void theReplyToDeletingAnUnscheduledPodCarriesTheVersionOfItsDeletion() {
    PodUnderTest web = new PodUnderTest(testKit);
    web.created();

    var result = web.delete(null);

    assertThat(result.reply().pod().metadata().resourceVersion())
        .isEqualTo(Long.toString(result.state().resourceVersion()));
  }

  static Stream<Arguments> gracePeriods() {
    return Stream.of(
        arguments("the pod's own (30 s)", null, 30L),
        arguments("the request's", 5L, 5L),
        arguments("none at all", 0L, 0L));
  }

  @ParameterizedTest(name = "deleting a bound pod with {0} grace leaves it terminating")
  @MethodSource("gracePeriods")
  void deletingABoundPodLeavesItTerminatingForItsGracePeriod(
      String description, Long requested, long expected) {
    PodUnderTest web = new PodUnderTest(testKit);
    Pod bound = web.createdAndBound();
    Instant deletedAt = web.clock.advance(Duration.ofMillis(1_500));

    var result = web.delete(requested);

    assertThat(result.events())
        .containsExactly(new PodDeletionRequested(expected, deletedAt, byUser("kubectl delete")));
    Present state = result.stateOfType(Present.class);
    Pod terminating = state.pod();
    assertThat(terminating.isTerminating()).isTrue();
    assertThat(terminating.metadata().deletionTimestamp())
        .isEqualTo(deletedAt.truncatedTo(ChronoUnit.SECONDS));
    assertThat(terminating.metadata().deletionGracePeriodSeconds()).isEqualTo(expected);
    assertThat(terminating.spec().nodeName()).isEqualTo(NODE_A);
    assertThat(version(terminating))
        .isEqualTo(state.resourceVersion())
        .isGreaterThan(version(bound));
    assertThat(result.reply()).isEqualTo(new Reply(Outcome.OK, terminating));
  }

  @Test
  void aSecondDeleteOfATerminatingPodChangesNothing() {
    PodUnderTest web = new PodUnderTest(testKit);
    web.createdAndBound();
    Pod terminating = web.delete(null).reply().pod();
    web.clock.advance(Duration.ofSeconds(10));

    var second = web.delete(1L);

    assertThat(second.hasNoEvents()).isTrue();
    assertThat(second.reply()).isEqualTo(new Reply(Outcome.OK, terminating));
    assertThat(web.present().pod()).isEqualTo(terminating);
  }

  // --- Lifetimes and versions --------------------------------------------------------------------

  @Test
  void aDeletedNameCanBeCreatedAgainWithANewUidAndAHigherVersion() {
    PodUnderTest web = new PodUnderTest(testKit);
    web.clock.set(T0.plusSeconds(60));
    Pod first = web.created();
    web.delete(null);
    long afterDeletion = web.kit.getState().resourceVersion();
    web.clock.set(T0);

    var again = web.create();

    assertThat(again.reply().outcome()).isEqualTo(Outcome.OK);
    Pod second = again.reply().pod();
    assertThat(second.uid()).isNotEqualTo(first.uid());
    assertThat(second.metadata().creationTimestamp()).isEqualTo(T0);
    assertThat(version(second)).isEqualTo(afterDeletion + 1);
    assertThat(web.scheduler.receiveSeveralMessages(2))
        .extracting(m -> ((Scheduler.Schedule) m).pod().uid())
        .containsExactly(first.uid(), second.uid());
  }

  @Test
  void theResourceVersionGrowsWithEveryEventEvenWhenTheClockGoesBack() {
    PodUnderTest web = new PodUnderTest(testKit);
    web.clock.set(T0.plusSeconds(10));
    Pod created = web.created();
    long v1 = version(created);
    assertThat(v1).isEqualTo(ResourceVersions.next(0, T0.plusSeconds(10)));

    web.clock.set(T0);
    web.place(created.uid(), NODE_A);
    web.runCommand(new PodEntity.ReportObservation(NODE_A, runningAndReady(created.uid())));
    long v3 = web.present().resourceVersion();

    web.clock.set(T0.plusSeconds(20));
    web.delete(null);
    long v4 = web.present().resourceVersion();

    assertThat(v3).isEqualTo(v1 + 2);
    assertThat(v4).isEqualTo(ResourceVersions.next(0, T0.plusSeconds(20)));
    assertThat(version(web.present().pod())).isEqualTo(v4);
  }

  @Test
  void everyEventCarriesItsTimeAndACauseWithAPrincipalAndAReason() {
    PodUnderTest web = new PodUnderTest(testKit);
    Instant created = web.clock.advance(Duration.ofSeconds(1));
    Pod pod = web.created();
    Instant scheduled = web.clock.advance(Duration.ofSeconds(1));
    web.place(pod.uid(), NODE_A);
    Instant observed = web.clock.advance(Duration.ofSeconds(1));
    web.runCommand(new PodEntity.ReportObservation(NODE_A, runningAndReady(pod.uid())));
    Instant deleting = web.clock.advance(Duration.ofSeconds(1));
    web.delete(null);
    Instant deleted = web.clock.advance(Duration.ofSeconds(1));
    web.runCommand(new PodEntity.ConfirmTerminated(NODE_A, pod.uid()));

    assertThat(web.journal())
        .extracting(
            e -> e.getClass(), PodEvent::at, e -> e.cause().principal(), e -> e.cause().reason())
        .containsExactly(
            tuple(PodCreated.class, created, "user/alice", "kubectl create"),
            tuple(PodScheduled.class, scheduled, "scheduler", "assigned to node-a"),
            tuple(PodStatusObserved.class, observed, "node/node-a", "phase Pending -> Running"),
            tuple(PodDeletionRequested.class, deleting, "user/alice", "kubectl delete"),
            tuple(PodDeleted.class, deleted, "node/node-a", "all containers stopped and removed"));
  }

  @Test
  void probeFailuresTheNodeNotesAreJournaledWithoutChangingThePodOrItsVersion() {
    PodUnderTest web = new PodUnderTest(testKit);
    Pod pod = web.created();
    web.place(pod.uid(), NODE_A);
    web.runCommand(new PodEntity.ReportObservation(NODE_A, runningAndReady(pod.uid())));
    Pod before = web.present().pod();
    long version = web.present().resourceVersion();
    List<NodeNote> notes =
        List.of(
            NodeNote.probeFailed(
                "app", ProbeState.Kind.READINESS, "HTTP probe failed with statuscode: 503", T0));

    web.runCommand(new PodEntity.ReportObservation(NODE_A, runningAndReady(pod.uid()), notes));

    assertThat(web.journal()).last().isInstanceOf(PodEvent.PodNodeNoted.class);
    assertThat(((PodEvent.PodNodeNoted) web.journal().get(web.journal().size() - 1)).notes())
        .isEqualTo(notes);
    assertThat(web.present().resourceVersion()).isEqualTo(version);
    assertThat(web.present().pod()).isEqualTo(before);
  }

  @Test
  void everyChangeIsPublishedForTheIndexAndTheRemovalLast() {
    PodUnderTest web = new PodUnderTest(testKit);
    Pod pod = web.created();
    web.changes.expectMessage(published(pod, false));

    web.place(pod.uid(), NODE_A);
    Pod bound = web.present().pod();
    web.changes.expectMessage(published(bound, false));

    web.runCommand(new PodEntity.ReportObservation(NODE_A, runningAndReady(pod.uid())));
    web.changes.expectMessage(published(web.present().pod(), false));

    web.delete(null);
    Pod terminating = web.present().pod();
    web.changes.expectMessage(published(terminating, false));

    web.runCommand(new PodEntity.ReportObservation(NODE_A, runningAndReady(pod.uid())));
    web.runCommand(new PodEntity.ConfirmTerminated(NODE_A, pod.uid()));
    long removedAt = web.kit.getState().resourceVersion();
    web.changes.expectMessage(
        published(
            terminating.withMetadata(
                terminating.metadata().withResourceVersion(Long.toString(removedAt))),
            true));
    web.changes.expectNoMessage(Duration.ofMillis(50));
  }

  @Test
  void deletingAnUnscheduledPodPublishesItsRemovalAtTheNewVersion() {
    PodUnderTest web = new PodUnderTest(testKit);
    Pod created = web.created();
    web.changes.expectMessage(published(created, false));

    Pod deleted = web.delete(null).reply().pod();

    web.changes.expectMessage(published(deleted, true));
  }

  // --- Recovery ----------------------------------------------------------------------------------

  @ParameterizedTest(name = "snapshot every {0} events")
  @ValueSource(ints = {1, 2, 100})
  void aRestartedEntityRecoversTheSameState(int snapshotEvery) {
    PodUnderTest web = new PodUnderTest(testKit, snapshotEvery);
    Pod pod = web.createdAndBound();
    web.runCommand(new PodEntity.ReportObservation(NODE_A, runningAndReady(pod.uid())));
    web.delete(7L);
    PodEntity.State before = web.kit.getState();

    assertThat(web.kit.restart().state()).isEqualTo(before);

    web.runCommand(new PodEntity.ConfirmTerminated(NODE_A, pod.uid()));
    PodEntity.State absent = web.kit.getState();
    assertThat(web.kit.restart().state()).isEqualTo(absent).isInstanceOf(Absent.class);
    assertThat(version(web.created())).isGreaterThan(absent.resourceVersion());
  }

  @Test
  void aRestartedPodThatIsNotBoundYetAsksTheSchedulerAgain() {
    PodUnderTest web = new PodUnderTest(testKit);
    Pod pod = web.created();
    web.scheduler.expectMessageClass(Scheduler.Schedule.class);

    web.kit.restart();

    Scheduler.Schedule again = web.scheduler.expectMessageClass(Scheduler.Schedule.class);
    assertThat(again.pod()).isEqualTo(pod);
    again.replyTo().tell(new Placement.Decision(Optional.of(NODE_B), "assigned to node-b"));
    assertThat(web.awaitPod(p -> p.spec().nodeName() != null).spec().nodeName()).isEqualTo(NODE_B);
  }
}
