package dev.troupe.actors.pod;

import static dev.troupe.actors.PodFixtures.NAMESPACE;
import static dev.troupe.actors.PodFixtures.NODE_A;
import static dev.troupe.actors.PodFixtures.T0;
import static dev.troupe.actors.PodFixtures.admitted;
import static dev.troupe.actors.PodFixtures.byUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.actors.MutableClock;
import dev.troupe.actors.Outcome;
import dev.troupe.actors.events.EventRecorder;
import dev.troupe.actors.index.PodIndex;
import dev.troupe.actors.pod.PodEntity.Present;
import dev.troupe.actors.pod.PodEntity.Reply;
import dev.troupe.actors.scheduler.Scheduler;
import dev.troupe.core.events.PodEvent;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodCondition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResult;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;

/**
 * What the pod entity tests share: the actor test kit's configuration, the {@link PodUnderTest}
 * harness that drives one entity command by command, and small helpers to read its pods.
 *
 * <p>Every command, reply, event and state is checked to survive a JSON round trip unchanged, and
 * every message between actors is serialized too.
 */
final class PodEntityTestSupport {

  private static final Config CONFIG =
      ConfigFactory.parseString("pekko.actor.serialize-messages = on")
          .withFallback(EventSourcedBehaviorTestKit.config());

  private static final EventSourcedBehaviorTestKit.SerializationSettings SERIALIZATION =
      EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true);

  private static final Duration RETRY = Duration.ofMillis(200);
  private static final AtomicInteger NAMES = new AtomicInteger();

  static final String NO_NODES = "0/0 nodes are available: no nodes registered.";

  private PodEntityTestSupport() {}

  /** An actor test kit, named after the test class, that serializes every message. */
  static ActorTestKit testKitFor(Class<?> testClass) {
    return new JUnit5TestKitBuilder()
        .withName(testClass.getSimpleName())
        .withCustomConfig(CONFIG)
        .build();
  }

  static long version(Pod pod) {
    return Long.parseLong(pod.metadata().resourceVersion());
  }

  static PodCondition condition(Pod pod, String type) {
    return pod.status().conditionsOrEmpty().stream()
        .filter(c -> c.type().equals(type))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no condition " + type + " in " + pod.status()));
  }

  static Topic.Command<PodIndex.Command> published(Pod pod, boolean removed) {
    return Topic.publish(new PodIndex.Changed(pod, removed));
  }

  /** One pod entity, with its own name, clock, scheduler, changes topic and journal. */
  static final class PodUnderTest {
    final String name = "web-" + NAMES.incrementAndGet();
    final MutableClock clock = new MutableClock(T0);
    final TestProbe<Scheduler.Command> scheduler;
    final TestProbe<Topic.Command<PodIndex.Command>> changes;
    final TestProbe<EventRecorder.Command> events;
    final EventSourcedBehaviorTestKit<PodEntity.Command, PodEvent, PodEntity.State> kit;

    PodUnderTest(ActorTestKit testKit) {
      this(testKit, 100);
    }

    PodUnderTest(ActorTestKit testKit, int snapshotEvery) {
      scheduler = testKit.createTestProbe();
      changes = testKit.createTestProbe();
      events = testKit.createTestProbe();
      PodEntity.Dependencies deps =
          new PodEntity.Dependencies(
              scheduler.ref(), changes.ref(), events.ref(), clock, RETRY, snapshotEvery);
      kit =
          EventSourcedBehaviorTestKit.create(
              testKit.system(),
              PodEntity.create(PodEntity.entityId(NAMESPACE, name), deps),
              SERIALIZATION);
    }

    CommandResultWithReply<PodEntity.Command, PodEvent, PodEntity.State, Reply> create() {
      return kit.runCommand(
          replyTo ->
              new PodEntity.Create(admitted(NAMESPACE, name), byUser("kubectl create"), replyTo));
    }

    /** Creates the pod; returns it as the reply shows it. */
    Pod created() {
      var result = create();
      assertThat(result.reply().outcome()).isEqualTo(Outcome.OK);
      return result.reply().pod();
    }

    /** Creates the pod and binds it to node-a as the scheduler's answer would. */
    Pod createdAndBound() {
      Pod pod = created();
      place(pod.uid(), NODE_A);
      return present().pod();
    }

    void place(String uid, String nodeName) {
      var result = runCommand(new PodEntity.Placed(uid, nodeName, "assigned to " + nodeName));
      assertThat(result.events()).hasSize(1);
    }

    CommandResultWithReply<PodEntity.Command, PodEvent, PodEntity.State, Reply> delete(
        Long gracePeriodSeconds) {
      return kit.runCommand(
          replyTo -> new PodEntity.Delete(gracePeriodSeconds, byUser("kubectl delete"), replyTo));
    }

    CommandResultWithReply<PodEntity.Command, PodEvent, PodEntity.State, Reply> get() {
      return kit.runCommand(PodEntity.Get::new);
    }

    CommandResult<PodEntity.Command, PodEvent, PodEntity.State> runCommand(
        PodEntity.Command command) {
      return kit.runCommand(command);
    }

    Present present() {
      PodEntity.State state = kit.getState();
      assertThat(state).isInstanceOf(Present.class);
      return (Present) state;
    }

    /** Waits until the pod, changed by a message the entity sent itself, satisfies {@code done}. */
    Pod awaitPod(Predicate<Pod> done) {
      return scheduler.awaitAssert(
          () -> {
            Pod pod = present().pod();
            assertThat(done.test(pod)).as("pod %s", pod).isTrue();
            return pod;
          });
    }

    List<PodEvent> journal() {
      String persistenceId = "Pod|" + PodEntity.entityId(NAMESPACE, name);
      return kit.persistenceTestKit().persistedInStorage(persistenceId).stream()
          .map(PodEvent.class::cast)
          .toList();
    }
  }
}
