package dev.troupe.actors.workloads;

import static dev.troupe.actors.workloads.WorkloadCluster.deployment;
import static dev.troupe.actors.workloads.WorkloadCluster.image;
import static dev.troupe.actors.workloads.WorkloadCluster.isReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.troupe.actors.index.ObjectIndex;
import dev.troupe.actors.index.PodIndex;
import dev.troupe.actors.object.ObjectFixtures;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Pod;
import dev.troupe.core.workloads.DeploymentControl;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deployments in a one-member control plane without nodes: their entities roll out through {@link
 * DeploymentReconciler}, whose ReplicaSets make the pods. The test plays the node, reporting chosen
 * pods ready, and moves the clock where a progress deadline must pass.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentControllerTest {

  private static final String V1 = "nginx:1.26";
  private static final String V2 = "nginx:1.27";
  private static final String V3 = "nginx:1.28";

  @JUnit5TestKit
  final ActorTestKit testKit = WorkloadCluster.testKitFor(DeploymentControllerTest.class);

  private WorkloadCluster cluster;

  @BeforeAll
  void startAOneMemberControlPlane() {
    cluster = WorkloadCluster.start(testKit);
  }

  @Test
  void aTemplateChangedTwiceMidRolloutGrowsOnlyTheNewestReplicaSetAndNeverExceedsMaxSurge() {
    String ns = "deploy-rollover";
    List<ObjectIndex.WatchEvent> seen = cluster.watch(cluster.replicaSets, ns);
    KubeObject created =
        cluster.create(
            cluster.deployments,
            ObjectFixtures.patched(
                deployment("web", 4, "web", V1),
                """
                {"spec":{"strategy":{"type":"RollingUpdate",
                                     "rollingUpdate":{"maxSurge":1,"maxUnavailable":1}}}}
                """),
            ns);
    int replicasPlusSurge = 4 + 1;
    cluster.eventually(
        () -> {
          assertThat(replicaSetOfRevision(ns, 1)).isPresent();
          assertThat(cluster.podsIn(ns)).hasSize(4);
        });

    cluster.change(cluster.deployments, ns, "web", image(V2));
    cluster.eventually(() -> assertThat(replicaSetOfRevision(ns, 2)).isPresent());
    cluster.change(cluster.deployments, ns, "web", image(V3));
    KubeObject newest = cluster.eventuallyGet(() -> replicaSetOfRevision(ns, 3).orElseThrow());

    cluster.eventually(
        () -> {
          // The node: every pod of the newest template comes up ready; the others never do.
          cluster.podsOf(ns, newest).stream().filter(p -> !isReady(p)).forEach(cluster::ready);
          assertThat(replicaSetOfRevision(ns, 3).orElseThrow().at("/status/availableReplicas"))
              .hasToString("4");
          for (int old = 1; old <= 2; old++) {
            KubeObject rs = replicaSetOfRevision(ns, old).orElseThrow();
            assertThat(rs.at("/spec/replicas").asInt()).as("revision %d", old).isZero();
            assertThat(rs.at("/status/replicas").asInt()).as("revision %d", old).isZero();
          }
          KubeObject deployment = cluster.get(cluster.deployments, ns, "web");
          assertThat(deployment.at("/status/updatedReplicas").asInt()).isEqualTo(4);
          assertThat(deployment.at("/status/availableReplicas").asInt()).isEqualTo(4);
          assertThat(condition(deployment, "Progressing").path("reason").asText())
              .isEqualTo("NewReplicaSetAvailable");
        });

    assertThat(cluster.podsIn(ns))
        .hasSize(4)
        .allMatch(p -> WorkloadCluster.isControlledBy(p, newest));
    KubeObject deployment = cluster.get(cluster.deployments, ns, "web");
    assertThat(annotation(deployment, DeploymentControl.REVISION)).isEqualTo("3");
    assertThat(cluster.list(cluster.replicaSets, ns))
        .extracting(
            rs -> annotation(rs, DeploymentControl.REVISION),
            rs -> rs.text("/spec/template/spec/containers/0/image"),
            rs -> rs.metadata().ownerReferences().get(0).uid())
        .containsExactlyInAnyOrder(
            tuple("1", V1, created.metadata().uid()),
            tuple("2", V2, created.metadata().uid()),
            tuple("3", V3, created.metadata().uid()));
    assertRolloutStayedWithinSurge(seen, replicasPlusSurge);
  }

  @Test
  void aRollingUpdateKeepsReplicasMinusMaxUnavailablePodsReadyAtEveryStep() {
    String ns = "deploy-availability";
    cluster.create(
        cluster.deployments,
        ObjectFixtures.patched(
            deployment("web", 4, "web", V1),
            """
            {"spec":{"strategy":{"type":"RollingUpdate",
                                 "rollingUpdate":{"maxSurge":1,"maxUnavailable":1}}}}
            """),
        ns);
    cluster.eventually(
        () -> {
          cluster.podsIn(ns).stream().filter(p -> !isReady(p)).forEach(cluster::ready);
          assertThat(cluster.podsIn(ns)).hasSize(4).allMatch(WorkloadCluster::isReady);
          KubeObject deployment = cluster.get(cluster.deployments, ns, "web");
          assertThat(condition(deployment, "Progressing").path("reason").asText())
              .isEqualTo("NewReplicaSetAvailable");
        });
    List<String> first = cluster.podsIn(ns).stream().map(Pod::name).toList();
    List<PodIndex.WatchEvent> seen = cluster.watchPods(ns);

    cluster.change(cluster.deployments, ns, "web", image(V2));

    KubeObject second = cluster.eventuallyGet(() -> replicaSetOfRevision(ns, 2).orElseThrow());
    cluster.eventually(
        () -> {
          cluster.podsOf(ns, second).stream().filter(p -> !isReady(p)).forEach(cluster::ready);
          assertThat(cluster.podsIn(ns))
              .hasSize(4)
              .allMatch(p -> WorkloadCluster.isControlledBy(p, second) && isReady(p));
          KubeObject deployment = cluster.get(cluster.deployments, ns, "web");
          assertThat(condition(deployment, "Progressing").path("reason").asText())
              .isEqualTo("NewReplicaSetAvailable");
        });
    Set<String> ready = new HashSet<>(first);
    for (PodIndex.WatchEvent event : seen) {
      Pod pod = event.object();
      if (event.type().equals("DELETED") || pod.isTerminating() || !isReady(pod)) {
        ready.remove(pod.name());
      } else {
        ready.add(pod.name());
      }
      assertThat(ready)
          .as("ready pods after %s %s", event.type(), pod.name())
          .hasSizeGreaterThanOrEqualTo(4 - 1);
    }
    assertThat(WorkloadCluster.named(seen, "DELETED")).containsExactlyInAnyOrderElementsOf(first);
  }

  @Test
  void aPausedDeploymentMakesNoReplicaSetForANewTemplateUntilItIsResumed() {
    String ns = "deploy-pause";
    cluster.create(cluster.deployments, deployment("web", 2, "web", V1), ns);
    cluster.eventually(() -> assertThat(replicaSetOfRevision(ns, 1)).isPresent());

    cluster.change(cluster.deployments, ns, "web", "{\"spec\":{\"paused\":true}}");
    long templateChanged =
        cluster.change(cluster.deployments, ns, "web", image(V2)).metadata().generation();

    cluster.eventually(
        () -> {
          KubeObject deployment = cluster.get(cluster.deployments, ns, "web");
          assertThat(deployment.at("/status/observedGeneration").asLong())
              .isEqualTo(templateChanged);
          assertThat(condition(deployment, "Progressing").path("reason").asText())
              .isEqualTo("DeploymentPaused");
        });
    assertThat(cluster.list(cluster.replicaSets, ns))
        .singleElement()
        .satisfies(
            rs -> {
              assertThat(rs.text("/spec/template/spec/containers/0/image")).isEqualTo(V1);
              assertThat(rs.at("/spec/replicas").asInt()).isEqualTo(2);
            });
    assertThat(annotation(cluster.get(cluster.deployments, ns, "web"), DeploymentControl.REVISION))
        .isEqualTo("1");

    cluster.change(cluster.deployments, ns, "web", "{\"spec\":{\"paused\":false}}");

    cluster.eventually(
        () -> {
          KubeObject resumed = replicaSetOfRevision(ns, 2).orElseThrow();
          assertThat(resumed.text("/spec/template/spec/containers/0/image")).isEqualTo(V2);
          assertThat(
                  annotation(
                      cluster.get(cluster.deployments, ns, "web"), DeploymentControl.REVISION))
              .isEqualTo("2");
        });
    assertThat(cluster.list(cluster.replicaSets, ns)).hasSize(2);
  }

  @Test
  void aRolloutPastItsDeadlineWithAutoRollbackReturnsToTheLastFullyAvailableTemplate() {
    String ns = "deploy-rollback";
    KubeObject firstRevision = completedFirstRevision(ns, true);

    cluster.change(cluster.deployments, ns, "web", image(V2));
    cluster.eventually(() -> assertThat(replicaSetOfRevision(ns, 2)).isPresent());

    cluster.eventuallyWhileTimePasses(
        () -> {
          KubeObject deployment = cluster.get(cluster.deployments, ns, "web");
          assertThat(deployment.text("/spec/template/spec/containers/0/image")).isEqualTo(V1);
          assertThat(annotation(deployment, DeploymentControl.ROLLED_BACK))
              .isEqualTo(
                  "from revision 2 to revision 1: revision 2 exceeded its progress deadline");
        });
    cluster.eventually(
        () -> {
          KubeObject rolledBackTo = cluster.get(cluster.replicaSets, ns, firstRevision.name());
          assertThat(annotation(rolledBackTo, DeploymentControl.REVISION)).isEqualTo("3");
          assertThat(annotation(rolledBackTo, DeploymentControl.REVISION_HISTORY)).isEqualTo("1");
          assertThat(rolledBackTo.at("/spec/replicas").asInt()).isEqualTo(2);
          assertThat(replicaSetOfRevision(ns, 2).orElseThrow().at("/spec/replicas").asInt())
              .isZero();
          assertThat(cluster.podsIn(ns))
              .hasSize(2)
              .allMatch(p -> WorkloadCluster.isControlledBy(p, firstRevision));
          KubeObject deployment = cluster.get(cluster.deployments, ns, "web");
          assertThat(annotation(deployment, DeploymentControl.REVISION)).isEqualTo("3");
          assertThat(condition(deployment, "Progressing").path("reason").asText())
              .isEqualTo("NewReplicaSetAvailable");
        });
  }

  @Test
  void aRolloutPastItsDeadlineWithoutAutoRollbackIsReportedAndKeepsItsTemplate() {
    String ns = "deploy-deadline";
    KubeObject firstRevision = completedFirstRevision(ns, false);

    cluster.change(cluster.deployments, ns, "web", image(V2));
    KubeObject second = cluster.eventuallyGet(() -> replicaSetOfRevision(ns, 2).orElseThrow());

    cluster.eventuallyWhileTimePasses(
        () -> {
          JsonNode progressing =
              condition(cluster.get(cluster.deployments, ns, "web"), "Progressing");
          assertThat(progressing.path("status").asText()).isEqualTo("False");
          assertThat(progressing.path("reason").asText()).isEqualTo("ProgressDeadlineExceeded");
          assertThat(progressing.path("message").asText())
              .isEqualTo("ReplicaSet \"%s\" has timed out progressing.", second.name());
        });
    KubeObject deployment = cluster.get(cluster.deployments, ns, "web");
    assertThat(deployment.text("/spec/template/spec/containers/0/image")).isEqualTo(V2);
    assertThat(deployment.metadata().annotations())
        .doesNotContainKey(DeploymentControl.ROLLED_BACK)
        .containsEntry(DeploymentControl.REVISION, "2");
    assertThat(condition(deployment, "Available").path("status").asText()).isEqualTo("True");
    assertThat(
            cluster.get(cluster.replicaSets, ns, firstRevision.name()).at("/spec/replicas").asInt())
        .isEqualTo(2);
  }

  // --- Helpers -----------------------------------------------------------------------------------

  /**
   * A Deployment {@code web} of two {@code V1} pods with a two-second progress deadline, its pods
   * reported ready until its rollout completes; its ReplicaSet, marked fully available.
   */
  private KubeObject completedFirstRevision(String ns, boolean autoRollback) {
    KubeObject sent =
        ObjectFixtures.patched(
            deployment("web", 2, "web", V1), "{\"spec\":{\"progressDeadlineSeconds\":2}}");
    if (autoRollback) {
      sent =
          ObjectFixtures.patched(
              sent,
              "{\"metadata\":{\"annotations\":{\"%s\":\"true\"}}}"
                  .formatted(DeploymentControl.AUTO_ROLLBACK));
    }
    cluster.create(cluster.deployments, sent, ns);
    return cluster.eventuallyGet(
        () -> {
          KubeObject first = replicaSetOfRevision(ns, 1).orElseThrow();
          List<Pod> pods = cluster.podsOf(ns, first);
          pods.stream().filter(p -> !isReady(p)).forEach(cluster::ready);
          assertThat(pods).hasSize(2);
          assertThat(annotation(first, DeploymentControl.FULLY_AVAILABLE)).isEqualTo("true");
          assertThat(
                  condition(cluster.get(cluster.deployments, ns, "web"), "Progressing")
                      .path("reason")
                      .asText())
              .isEqualTo("NewReplicaSetAvailable");
          return first;
        });
  }

  /**
   * Replays the ReplicaSet watch: after every change, the replicas asked of all of them stay within
   * replicas + maxSurge, and only the newest revision of the moment ever grows.
   */
  private static void assertRolloutStayedWithinSurge(
      List<ObjectIndex.WatchEvent> seen, int replicasPlusSurge) {
    Map<String, Integer> asked = new HashMap<>();
    long newest = 0;
    for (ObjectIndex.WatchEvent event : seen) {
      KubeObject rs = event.object();
      if (event.type().equals("DELETED")) {
        asked.remove(rs.name());
        continue;
      }
      long revision = Long.parseLong(annotation(rs, DeploymentControl.REVISION));
      newest = Math.max(newest, revision);
      int replicas = rs.at("/spec/replicas").asInt();
      Integer before = asked.put(rs.name(), replicas);
      if (before != null && replicas > before) {
        assertThat(revision)
            .as("%s grew from %d to %d", rs.name(), before, replicas)
            .isEqualTo(newest);
      }
      int total = asked.values().stream().mapToInt(Integer::intValue).sum();
      assertThat(total)
          .as("replicas asked after %s changed: %s", rs.name(), asked)
          .isLessThanOrEqualTo(replicasPlusSurge);
    }
    assertThat(asked).as("every revision was watched").hasSize(3);
  }

  private Optional<KubeObject> replicaSetOfRevision(String ns, long revision) {
    return cluster.list(cluster.replicaSets, ns).stream()
        .filter(rs -> Long.toString(revision).equals(annotation(rs, DeploymentControl.REVISION)))
        .findFirst();
  }

  private static String annotation(KubeObject object, String key) {
    Map<String, String> annotations = object.metadata().annotations();
    return annotations == null ? null : annotations.get(key);
  }

  private static JsonNode condition(KubeObject deployment, String type) {
    for (JsonNode condition : deployment.at("/status/conditions")) {
      if (type.equals(condition.path("type").asText())) {
        return condition;
      }
    }
    return MissingNode.getInstance();
  }
}
