package dev.troupe.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.actors.ControlPlane;
import dev.troupe.actors.Outcome;
import dev.troupe.actors.index.Page;
import dev.troupe.actors.index.Selection;
import dev.troupe.actors.object.StoredObjects;
import dev.troupe.config.TroupeSettings;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.events.Cause;
import dev.troupe.core.json.Json;
import dev.troupe.core.kinds.ObjectAdmission;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Pod;
import dev.troupe.core.pod.RestartBackoff;
import dev.troupe.node.runtime.SimulatedRuntime;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Deployment of 100 replicas on a node of simulated containers, created and deleted through its
 * entity: every pod runs, and after the delete (background propagation) not one pod or container is
 * left.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentOnNodeTest {

  private static final Config CONFIG =
      ConfigFactory.parseString(
              """
              pekko.actor.provider = cluster
              pekko.remote.artery.canonical.hostname = 127.0.0.1
              pekko.remote.artery.canonical.port = 0
              pekko.cluster.roles = ["control-plane", "worker"]
              pekko.cluster.jmx.enabled = off
              # A control plane with its controllers may take longer than 10 s to leave.
              pekko.actor.testkit.typed.system-shutdown-default = 30s
              """)
          .withFallback(PersistenceTestKitPlugin.config())
          .withFallback(PersistenceTestKitSnapshotPlugin.config());

  private static final Duration WITHIN = Duration.ofSeconds(90);
  private static final String NODE = "node-big";
  private static final int REPLICAS = 100;

  @JUnit5TestKit
  final ActorTestKit testKit =
      new JUnit5TestKitBuilder().withName("DeploymentOnNodeTest").withCustomConfig(CONFIG).build();

  private final SimulatedRuntime runtime =
      new SimulatedRuntime("127.0.0.1", Clock.systemUTC(), SimulatedRuntime.Behaviour.defaults());
  private final ExecutorService runtimeThreads = Executors.newFixedThreadPool(4);

  @AfterAll
  void stopTheRuntimeThreads() {
    runtimeThreads.shutdownNow();
  }

  @Test
  void deletingADeploymentOfAHundredPodsLeavesNoPodAndNoContainer() throws Exception {
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.awaitAssert(
        Duration.ofSeconds(15),
        () -> {
          assertThat(cluster.selfMember().status()).isEqualTo(MemberStatus.up());
          return null;
        });
    TroupeSettings settings =
        TroupeSettings.load(
            Map.of(
                "troupe.node.sync-interval", "500ms",
                "troupe.node.heartbeat-interval", "200ms",
                "troupe.scheduler.retry-interval", "200ms"));
    ControlPlane controlPlane =
        ControlPlane.start(testKit.system(), settings, Clock.systemUTC(), prefix -> Source.empty());
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
        "agent");
    StoredObjects deployments = controlPlane.objects(ResourceTypes.DEPLOYMENTS);
    KubeObject sent =
        KubeObject.of(
            (ObjectNode)
                Json.mapper()
                    .readTree(
                        """
                        {"apiVersion":"apps/v1","kind":"Deployment",
                         "metadata":{"name":"big","namespace":"default"},
                         "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"big"}},
                          "template":{"metadata":{"labels":{"app":"big"}},
                           "spec":{"terminationGracePeriodSeconds":1,
                            "containers":[{"name":"web","image":"troupe/hello:1"}]}}}}
                        """
                            .formatted(REPLICAS)));
    KubeObject admitted =
        ObjectAdmission.prepareCreate(deployments.kind(), sent, "default", new SecureRandom())
            .object();
    Cause cause = Cause.of("test", "test", "a big deployment");
    assertThat(
            deployments
                .create(admitted, cause)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .outcome())
        .isEqualTo(Outcome.OK);

    probe.awaitAssert(
        WITHIN,
        Duration.ofSeconds(1),
        () -> {
          List<Pod> pods = pods(controlPlane);
          assertThat(pods).hasSize(REPLICAS);
          assertThat(pods)
              .allMatch(p -> p.status() != null && "Running".equals(p.status().phase()));
          return null;
        });
    // each pod: its container and its sandbox
    assertThat(runtime.listByLabel("troupe.node", NODE)).hasSize(2 * REPLICAS);

    deployments
        .delete("default", "big", null, null, cause)
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);

    probe.awaitAssert(
        WITHIN,
        Duration.ofSeconds(1),
        () -> {
          assertThat(pods(controlPlane)).isEmpty();
          assertThat(runtime.listByLabel("troupe.node", NODE)).isEmpty();
          assertThat(
                  controlPlane
                      .objects(ResourceTypes.REPLICASETS)
                      .list(Selection.inNamespace("default"), Page.ALL)
                      .toCompletableFuture()
                      .get(5, TimeUnit.SECONDS)
                      .items())
              .isEmpty();
          return null;
        });
  }

  private static List<Pod> pods(ControlPlane controlPlane) throws Exception {
    return controlPlane
        .pods()
        .list(Selection.inNamespace("default"))
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS)
        .items();
  }
}
