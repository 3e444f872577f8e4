package dev.troupe.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.actors.ControlPlane;
import dev.troupe.actors.Outcome;
import dev.troupe.actors.index.Page;
import dev.troupe.actors.index.Selection;
import dev.troupe.actors.pod.PodEntity;
import dev.troupe.actors.pod.Pods;
import dev.troupe.config.TroupeSettings;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.events.Cause;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodCondition;
import dev.troupe.core.pod.PodAdmission;
import dev.troupe.core.pod.RestartBackoff;
import dev.troupe.node.runtime.ContainerInfo;
import dev.troupe.node.runtime.DockerRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
 * Liveness, readiness and startup probes of pods run by a node agent on the real Docker engine with
 * the local image {@code troupe/hello:1}, whose {@code /healthz} a test removes and restores inside
 * the container. Every container carries this run's node name and is removed afterwards.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProbesOnDockerTest {

  private static final Config CONFIG =
      ConfigFactory.parseString(
              """
              pekko.actor.provider = cluster
              pekko.remote.artery.canonical.hostname = 127.0.0.1
              pekko.remote.artery.canonical.port = 0
              pekko.cluster.roles = ["control-plane", "worker"]
              pekko.cluster.jmx.enabled = off
              pekko.actor.testkit.typed.system-shutdown-default = 30s
              """)
          .withFallback(PersistenceTestKitPlugin.config())
          .withFallback(PersistenceTestKitSnapshotPlugin.config());

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String NODE =
      "probes-" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

  @JUnit5TestKit
  final ActorTestKit testKit =
      new JUnit5TestKitBuilder().withName("ProbesOnDockerTest").withCustomConfig(CONFIG).build();

  private final ExecutorService runtimeThreads = Executors.newFixedThreadPool(8);
  private final TroupeSettings settings =
      TroupeSettings.load(
          Map.of(
              "troupe.node.sync-interval", "500ms",
              "troupe.node.heartbeat-interval", "500ms",
              "troupe.scheduler.retry-interval", "500ms"));
  private DockerRuntime runtime;
  private ControlPlane controlPlane;
  private Pods pods;
  private TestProbe<Object> probe;
  private ActorRef<NodeAgent.Command> agent;

  @BeforeAll
  void startAMemberWithAControlPlaneAndADockerNode() {
    runtime = DockerRuntime.connect("unix:///var/run/docker.sock", "127.0.0.1");
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    probe = testKit.createTestProbe();
    probe.awaitAssert(
        TIMEOUT,
        () -> {
          assertThat(cluster.selfMember().status()).isEqualTo(MemberStatus.up());
          return null;
        });
    controlPlane =
        ControlPlane.start(testKit.system(), settings, Clock.systemUTC(), prefix -> Source.empty());
    pods = controlPlane.pods();
    agent =
        testKit.spawn(
            NodeAgent.create(
                new NodeAgent.Settings(
                    NODE,
                    settings.node().syncInterval(),
                    settings.node().heartbeatInterval(),
                    Duration.ofSeconds(1),
                    RestartBackoff.KUBERNETES),
                runtime,
                runtimeThreads,
                ClusterSharding.get(testKit.system()),
                Clock.systemUTC()),
            "node-agent");
  }

  @AfterAll
  void removeTheContainersAndStop() {
    testKit.stop(agent, TIMEOUT);
    for (ContainerInfo c : runtime.listByLabel(ContainerLabels.NODE, NODE)) {
      runtime.remove(c.id());
    }
    runtimeThreads.shutdownNow();
    runtime.close();
  }

  @Test
  void aContainerFailingItsLivenessProbeIsKilledAndRestartedWithUnhealthyAndKillingEvents() {
    Pod pod =
        create(
            "live",
            """
            {"name":"web","image":"troupe/hello:1",
             "livenessProbe":{"httpGet":{"path":"/healthz","port":8080},
                              "periodSeconds":1,"failureThreshold":2}}
            """);
    awaitPod("live", p -> isReady(p) && web(p).restartCount() == 0);

    shell(pod, "rm /www/healthz");

    Pod restarted = awaitPod("live", p -> web(p).restartCount() >= 1 && isReady(p));
    assertThat(web(restarted).lastState().terminated()).isNotNull();
    List<KubeObject> events = awaitEvents("live", 2);
    assertThat(messages(events, "Unhealthy"))
        .contains("Liveness probe failed: HTTP probe failed with statuscode: 404");
    assertThat(messages(events, "Killing"))
        .contains("Container web failed liveness probe, will be restarted");
  }

  @Test
  void aFailingReadinessProbeMakesThePodNotReadyWithoutRestartingItAndReadyAgainOnceItPasses() {
    Pod pod =
        create(
            "ready",
            """
            {"name":"web","image":"troupe/hello:1",
             "readinessProbe":{"httpGet":{"path":"/healthz","port":8080},
                               "periodSeconds":1,"failureThreshold":1}}
            """);
    awaitPod("ready", ProbesOnDockerTest::isReady);

    shell(pod, "rm /www/healthz");
    Pod notReady = awaitPod("ready", p -> !isReady(p));
    shell(pod, "echo ok > /www/healthz");
    Pod readyAgain = awaitPod("ready", ProbesOnDockerTest::isReady);

    assertThat(notReady.status().phase()).isEqualTo("Running");
    assertThat(web(notReady).ready()).isFalse();
    assertThat(web(notReady).restartCount()).isZero();
    assertThat(web(readyAgain).restartCount()).isZero();
    assertThat(messages(awaitEvents("ready", 1), "Unhealthy"))
        .contains("Readiness probe failed: HTTP probe failed with statuscode: 404");
  }

  @Test
  void aStartupProbeHoldsBackReadinessUntilItPasses() throws InterruptedException {
    Pod pod =
        create(
            "slow",
            """
            {"name":"web","image":"troupe/hello:1",
             "startupProbe":{"exec":{"command":["cat","/tmp/started"]},
                             "periodSeconds":1,"failureThreshold":60},
             "readinessProbe":{"tcpSocket":{"port":8080},"periodSeconds":1}}
            """);
    awaitPod("slow", p -> "Running".equals(p.status().phase()));
    Thread.sleep(3000);
    Pod waiting = get("slow");

    shell(pod, "touch /tmp/started");
    Pod started = awaitPod("slow", ProbesOnDockerTest::isReady);

    assertThat(web(waiting).started()).isFalse();
    assertThat(web(waiting).ready()).isFalse();
    assertThat(web(started).started()).isTrue();
    assertThat(web(started).restartCount()).isZero();
  }

  @Test
  void aTcpProbeOfAPortNothingListensOnFailsThoughDockerPublishesIt() throws InterruptedException {
    create(
        "deaf",
        """
        {"name":"web","image":"troupe/hello:1",
         "readinessProbe":{"tcpSocket":{"port":9999},"periodSeconds":1}}
        """);
    awaitPod("deaf", p -> "Running".equals(p.status().phase()));

    List<KubeObject> events = awaitEvents("deaf", 1);

    assertThat(messages(events, "Unhealthy"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .matches(
                        "Readiness probe failed: dial tcp 127\\.0\\.0\\.1:\\d+: connect:"
                            + " connection refused"));
    assertThat(isReady(get("deaf"))).isFalse();
  }

  // --- helpers -----------------------------------------------------------------------------------

  private Pod create(String name, String containerJson) {
    Pod sent;
    try {
      sent =
          Json.mapper()
              .readValue(
                  """
                  {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"default"},
                   "spec":{"terminationGracePeriodSeconds":1,"nodeName":"%s","containers":[%s]}}
                  """
                      .formatted(name, NODE, containerJson),
                  Pod.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
    PodAdmission.Admitted admitted = PodAdmission.prepare(sent, "default", new Random(1));
    assertThat(admitted.errors()).isEmpty();
    PodEntity.Reply reply =
        await(pods.create(admitted.pod(), Cause.of("test", "request/test", "probes")));
    assertThat(reply.outcome()).isEqualTo(Outcome.OK);
    return reply.pod();
  }

  /** Runs a shell command in the pod's running container. */
  private void shell(Pod pod, String command) {
    ContainerInfo running =
        runtime.listByLabel(ContainerLabels.POD_UID, pod.uid()).stream()
            .filter(ContainerInfo::isRunning)
            .findFirst()
            .orElseThrow();
    assertThat(
            runtime
                .exec(running.id(), List.of("/bin/sh", "-c", command), Duration.ofSeconds(5))
                .exitCode())
        .isZero();
  }

  private Pod get(String name) {
    return await(pods.get("default", name)).pod();
  }

  private Pod awaitPod(String name, Predicate<Pod> condition) {
    Pod[] pod = new Pod[1];
    probe.awaitAssert(
        TIMEOUT,
        Duration.ofMillis(200),
        () -> {
          pod[0] = get(name);
          assertThat(pod[0].status()).isNotNull();
          assertThat(pod[0].status().containerStatuses()).isNotEmpty();
          assertThat(condition.test(pod[0])).as("%s: %s", name, pod[0].status()).isTrue();
          return null;
        });
    return pod[0];
  }

  /** The pod's events once there are at least {@code count}. */
  private List<KubeObject> awaitEvents(String pod, int count) {
    java.util.concurrent.atomic.AtomicReference<List<KubeObject>> events =
        new java.util.concurrent.atomic.AtomicReference<>(List.of());
    probe.awaitAssert(
        TIMEOUT,
        Duration.ofMillis(200),
        () -> {
          events.set(
              await(
                      controlPlane
                          .objects(ResourceTypes.EVENTS)
                          .list(Selection.inNamespace("default"), Page.ALL))
                  .items()
                  .stream()
                  .filter(e -> pod.equals(e.at("/involvedObject/name").asText()))
                  .filter(
                      e -> !e.at("/reason").asText().matches("Scheduled|Pulled|Created|Started"))
                  .toList());
          assertThat(events.get()).hasSizeGreaterThanOrEqualTo(count);
          return null;
        });
    return events.get();
  }

  private static List<String> messages(List<KubeObject> events, String reason) {
    return events.stream()
        .filter(e -> reason.equals(e.at("/reason").asText()))
        .map(e -> e.at("/message").asText())
        .toList();
  }

  private static ContainerStatus web(Pod pod) {
    return pod.status().containerStatuses().get(0);
  }

  private static boolean isReady(Pod pod) {
    return pod.status().conditionsOrEmpty().stream()
        .anyMatch(c -> PodCondition.READY.equals(c.type()) && "True".equals(c.status()));
  }

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
