package dev.troupe.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.actors.ControlPlane;
import dev.troupe.actors.Outcome;
import dev.troupe.actors.pod.PodEntity;
import dev.troupe.actors.pod.Pods;
import dev.troupe.config.TroupeSettings;
import dev.troupe.core.events.Cause;
import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerPort;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.pod.PodAdmission;
import dev.troupe.core.pod.RestartBackoff;
import dev.troupe.node.runtime.ContainerInfo;
import dev.troupe.node.runtime.SimulatedRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole pod loop in one member, on simulated containers: API facade → entity → scheduler →
 * index → node agent → runtime → status back to the entity. Every message is serialized.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeAgentTest {

  private static final Config CONFIG =
      ConfigFactory.parseString(
              """
              pekko.actor.provider = cluster
              pekko.actor.serialize-messages = on
              pekko.remote.artery.canonical.hostname = 127.0.0.1
              pekko.remote.artery.canonical.port = 0
              pekko.cluster.roles = ["control-plane", "worker"]
              pekko.cluster.jmx.enabled = off
              # A control plane with its controllers may take longer than 10 s to leave.
              pekko.actor.testkit.typed.system-shutdown-default = 30s
              """)
          .withFallback(PersistenceTestKitPlugin.config())
          .withFallback(PersistenceTestKitSnapshotPlugin.config());

  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final String NODE = "node-a";

  @JUnit5TestKit
  final ActorTestKit testKit =
      new JUnit5TestKitBuilder().withName("NodeAgentTest").withCustomConfig(CONFIG).build();

  private final SimulatedRuntime runtime =
      new SimulatedRuntime(
          "127.0.0.1",
          Clock.systemUTC(),
          SimulatedRuntime.Behaviour.defaults().withExitCode("troupe/done:1", 0));
  private final ExecutorService runtimeThreads = Executors.newFixedThreadPool(4);
  private final TroupeSettings settings =
      TroupeSettings.load(
          Map.of(
              "troupe.node.sync-interval", "200ms",
              "troupe.node.heartbeat-interval", "200ms",
              "troupe.scheduler.retry-interval", "200ms"));
  private Pods pods;
  private TestProbe<Object> probe;
  private ActorRef<NodeAgent.Command> agent;

  @BeforeAll
  void startAMemberWithAControlPlaneAndANode() {
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    probe = testKit.createTestProbe();
    probe.awaitAssert(
        TIMEOUT,
        () -> {
          assertThat(cluster.selfMember().status()).isEqualTo(MemberStatus.up());
          return null;
        });
    pods =
        ControlPlane.start(testKit.system(), settings, Clock.systemUTC(), prefix -> Source.empty())
            .pods();
    startAgent("node-agent");
  }

  @AfterAll
  void stopTheRuntimeThreads() {
    testKit.stop(agent, TIMEOUT);
    runtimeThreads.shutdownNow();
  }

  @Test
  void aCreatedPodIsScheduledStartedAndReportedRunningWithItsPublishedPort() {
    Pod created = create("web", "troupe/hello:1", PodSpec.RESTART_ALWAYS);

    Pod running = awaitPhase("web", "Running");

    assertThat(running.spec().nodeName()).isEqualTo(NODE);
    assertThat(running.status().containerStatuses())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.ready()).isTrue();
              assertThat(c.state().running()).isNotNull();
            });
    assertThat(running.status().hostPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.hostIP()).isEqualTo("127.0.0.1"));
    assertThat(runtime.listByLabel("troupe.pod.uid", created.uid()))
        .as("the pod's container and its sandbox")
        .hasSize(2)
        .filteredOn(ContainerLabels::isSandbox)
        .hasSize(1);
  }

  @Test
  void aPodWhoseContainerCompletesUnderNeverSucceeds() {
    create("job", "troupe/done:1", PodSpec.RESTART_NEVER);

    Pod done = awaitPhase("job", "Succeeded");

    assertThat(done.status().containerStatuses().get(0).state().terminated().reason())
        .isEqualTo("Completed");
  }

  @Test
  void aDeletedPodLosesItsContainersAndThenDisappears() {
    Pod created = create("doomed", "troupe/hello:1", PodSpec.RESTART_ALWAYS);
    awaitPhase("doomed", "Running");

    PodEntity.Reply reply = await(pods.delete("default", "doomed", 1L, cause()));

    assertThat(reply.pod().metadata().deletionTimestamp()).isNotNull();
    probe.awaitAssert(
        TIMEOUT,
        () -> {
          assertThat(await(pods.get("default", "doomed")).outcome()).isEqualTo(Outcome.NOT_FOUND);
          return null;
        });
    assertThat(runtime.listByLabel("troupe.pod.uid", created.uid())).isEmpty();
  }

  @Test
  void aRestartedAgentAdoptsTheContainersItFindsAndRemovesOrphans() {
    Pod created = create("steady", "troupe/hello:1", PodSpec.RESTART_ALWAYS);
    awaitPhase("steady", "Running");
    List<String> containers =
        runtime.listByLabel("troupe.pod.uid", created.uid()).stream()
            .map(ContainerInfo::id)
            .toList();
    ContainerInfo orphan =
        runtime.create(
            new dev.troupe.node.runtime.ContainerSpec(
                "troupe_orphan",
                "troupe/hello:1",
                null,
                null,
                null,
                Map.of(),
                List.of(),
                "orphan",
                Map.of("troupe.node", NODE, "troupe.pod.uid", "no-such-pod"),
                null,
                null));
    runtime.start(orphan.id());

    testKit.stop(agent, TIMEOUT);
    startAgent("node-agent-restarted");

    probe.awaitAssert(
        TIMEOUT,
        () -> {
          assertThat(runtime.inspect(orphan.id())).isEmpty();
          return null;
        });
    assertThat(runtime.listByLabel("troupe.pod.uid", created.uid()))
        .extracting(ContainerInfo::id)
        .containsExactlyInAnyOrderElementsOf(containers);
  }

  private void startAgent(String name) {
    NodeAgent.Settings agentSettings =
        new NodeAgent.Settings(
            NODE,
            settings.node().syncInterval(),
            settings.node().heartbeatInterval(),
            Duration.ofSeconds(1),
            RestartBackoff.KUBERNETES);
    agent =
        testKit.spawn(
            NodeAgent.create(
                agentSettings,
                runtime,
                runtimeThreads,
                ClusterSharding.get(testKit.system()),
                Clock.systemUTC()),
            name);
  }

  private Pod create(String name, String image, String restartPolicy) {
    Container container =
        Container.of("main", image)
            .withPorts(List.of(new ContainerPort(null, 8080, null, null, null)));
    Pod sent =
        Pod.of(
            ObjectMeta.named("default", name),
            new PodSpec(List.of(container), restartPolicy, null, null, null));
    PodAdmission.Admitted admitted = PodAdmission.prepare(sent, "default", new Random(1));
    assertThat(admitted.errors()).isEmpty();
    PodEntity.Reply reply = await(pods.create(admitted.pod(), cause()));
    assertThat(reply.outcome()).isEqualTo(Outcome.OK);
    return reply.pod();
  }

  private Pod awaitPhase(String name, String phase) {
    Pod[] pod = new Pod[1];
    probe.awaitAssert(
        TIMEOUT,
        () -> {
          pod[0] = await(pods.get("default", name)).pod();
          assertThat(pod[0].status().phase()).isEqualTo(phase);
          return null;
        });
    return pod[0];
  }

  private static Cause cause() {
    return Cause.of("test", "request/test", "NodeAgentTest");
  }

  private static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
