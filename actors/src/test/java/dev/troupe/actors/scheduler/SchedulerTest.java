package dev.troupe.actors.scheduler;

import static dev.troupe.actors.PodFixtures.NODE_A;
import static dev.troupe.actors.PodFixtures.NODE_B;
import static dev.troupe.actors.PodFixtures.T0;
import static dev.troupe.actors.PodFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.actors.MutableClock;
import dev.troupe.core.scheduling.Placement.Decision;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The scheduler in a local actor system, with a clock the test moves. */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulerTest {

  private static final Config CONFIG =
      ConfigFactory.parseString(
          """
          pekko.actor.provider = local
          pekko.actor.serialize-messages = on
          """);

  private static final Duration NODE_TIMEOUT = Duration.ofSeconds(10);

  @JUnit5TestKit
  final ActorTestKit testKit =
      new JUnit5TestKitBuilder().withName("SchedulerTest").withCustomConfig(CONFIG).build();

  private final MutableClock clock = new MutableClock(T0);

  @BeforeEach
  void startTheClockAtT0() {
    clock.set(T0);
  }

  @Test
  void aNodeThatSendsHeartbeatsGetsThePod() {
    ActorRef<Scheduler.Command> scheduler = scheduler();

    scheduler.tell(new Scheduler.NodeHeartbeat(NODE_A, 3, false));

    assertThat(schedule(scheduler, "web"))
        .isEqualTo(new Decision(Optional.of(NODE_A), "assigned to node-a"));
  }

  @Test
  void withoutAnyNodeNoPodIsPlaced() {
    ActorRef<Scheduler.Command> scheduler = scheduler();

    assertThat(schedule(scheduler, "web"))
        .isEqualTo(new Decision(Optional.empty(), "0/0 nodes are available: no nodes registered."));
  }

  static Stream<Arguments> heartbeatAges() {
    return Stream.of(
        arguments(Duration.ZERO, true),
        arguments(Duration.ofMillis(9_999), true),
        arguments(Duration.ofSeconds(10), false),
        arguments(Duration.ofMinutes(5), false));
  }

  @ParameterizedTest(name = "a node last heard from {0} ago is ready: {1}")
  @MethodSource("heartbeatAges")
  void aNodeIsReadyOnlyWhileItsLastHeartbeatIsYoungerThanTheTimeout(Duration age, boolean ready) {
    ActorRef<Scheduler.Command> scheduler = scheduler();
    scheduler.tell(new Scheduler.NodeHeartbeat(NODE_A, 0, false));
    TestProbe<Decision> decisions = testKit.createTestProbe();
    scheduler.tell(new Scheduler.Schedule(stored("default", "warm-up", 1), decisions.ref()));
    decisions.receiveMessage();

    clock.advance(age);

    assertThat(schedule(scheduler, "web"))
        .isEqualTo(
            ready
                ? new Decision(Optional.of(NODE_A), "assigned to node-a")
                : new Decision(
                    Optional.empty(),
                    "0/1 nodes are available: 1 node(s) were not ready,"
                        + " 0 node(s) were unschedulable."));
  }

  @Test
  void aNodeThatIsUnschedulableGetsNoPod() {
    ActorRef<Scheduler.Command> scheduler = scheduler();
    scheduler.tell(new Scheduler.NodeHeartbeat(NODE_A, 0, true));

    assertThat(schedule(scheduler, "web"))
        .isEqualTo(
            new Decision(
                Optional.empty(),
                "0/1 nodes are available: 0 node(s) were not ready,"
                    + " 1 node(s) were unschedulable."));

    scheduler.tell(new Scheduler.NodeHeartbeat(NODE_A, 0, false));
    assertThat(schedule(scheduler, "web").nodeName()).contains(NODE_A);
  }

  @Test
  void podsScheduledInARowSpreadOverEqualNodesBeforeTheNextHeartbeat() {
    ActorRef<Scheduler.Command> scheduler = scheduler();
    scheduler.tell(new Scheduler.NodeHeartbeat(NODE_B, 0, false));
    scheduler.tell(new Scheduler.NodeHeartbeat(NODE_A, 0, false));

    assertThat(
            Stream.of("web-1", "web-2", "web-3", "web-4")
                .map(name -> schedule(scheduler, name).nodeName().orElseThrow()))
        .containsExactly(NODE_A, NODE_B, NODE_A, NODE_B);
  }

  @Test
  void aHeartbeatReplacesTheCountedPlacementsWithTheNodesOwnCount() {
    ActorRef<Scheduler.Command> scheduler = scheduler();
    scheduler.tell(new Scheduler.NodeHeartbeat(NODE_A, 0, false));
    scheduler.tell(new Scheduler.NodeHeartbeat(NODE_B, 1, false));
    assertThat(schedule(scheduler, "web-1").nodeName()).contains(NODE_A);
    assertThat(schedule(scheduler, "web-2").nodeName()).contains(NODE_A);

    scheduler.tell(new Scheduler.NodeHeartbeat(NODE_A, 0, false));

    assertThat(schedule(scheduler, "web-3").nodeName()).contains(NODE_A);
  }

  @Test
  void theSchedulerRegistersWithTheReceptionist() {
    ActorRef<Scheduler.Command> scheduler = scheduler();
    TestProbe<Receptionist.Listing> probe = testKit.createTestProbe();

    probe.awaitAssert(
        () -> {
          testKit.system().receptionist().tell(Receptionist.find(Scheduler.KEY, probe.ref()));
          assertThat(probe.receiveMessage().getServiceInstances(Scheduler.KEY)).contains(scheduler);
          return null;
        });
  }

  private ActorRef<Scheduler.Command> scheduler() {
    return testKit.spawn(Scheduler.create(clock, NODE_TIMEOUT));
  }

  private Decision schedule(ActorRef<Scheduler.Command> scheduler, String podName) {
    TestProbe<Decision> decisions = testKit.createTestProbe();
    scheduler.tell(new Scheduler.Schedule(stored("default", podName, 1), decisions.ref()));
    return decisions.receiveMessage();
  }
}
