package dev.troupe.actors.workloads;

import static dev.troupe.actors.PodFixtures.byUser;
import static dev.troupe.actors.workloads.WorkloadCluster.await;
import static dev.troupe.actors.workloads.WorkloadCluster.replicaSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.troupe.actors.Outcome;
import dev.troupe.actors.object.ObjectEntity;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodCondition;
import dev.troupe.core.model.PodStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@link GarbageCollector} in a one-member control plane without nodes: what becomes of the
 * pods of a deleted ReplicaSet, and of the ReplicaSets of a deleted Deployment, under each
 * propagation policy. Where a pod must outlive its deletion request the test binds it, so that it
 * waits for its node, which the test also plays.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GarbageCollectorTest {

  @JUnit5TestKit
  final ActorTestKit testKit = WorkloadCluster.testKitFor(GarbageCollectorTest.class);

  private WorkloadCluster cluster;

  @BeforeAll
  void startAOneMemberControlPlane() {
    cluster = WorkloadCluster.start(testKit);
  }

  @Test
  void aReplicaSetDeletedWithoutAPolicyGoesAtOnceAndItsPodsAfterIt() {
    String ns = "gc-background";
    KubeObject doomed = cluster.create(cluster.replicaSets, replicaSet("web", 2, "web"), ns);
    KubeObject bystander = cluster.create(cluster.replicaSets, replicaSet("db", 1, "db"), ns);
    cluster.eventually(() -> assertThat(cluster.podsIn(ns)).hasSize(3));

    ObjectEntity.Reply deleted =
        await(cluster.replicaSets.delete(ns, "web", null, null, byUser("kubectl delete rs")));

    assertThat(deleted.outcome()).isEqualTo(Outcome.OK);
    assertThat(deleted.removed()).isTrue();
    assertThat(await(cluster.replicaSets.get(ns, "web")).outcome()).isEqualTo(Outcome.NOT_FOUND);
    cluster.eventually(() -> assertThat(cluster.podsOf(ns, doomed)).isEmpty());
    assertThat(cluster.podsIn(ns))
        .singleElement()
        .matches(p -> WorkloadCluster.isControlledBy(p, bystander));
  }

  @Test
  void aReplicaSetDeletedWithOrphanPropagationGoesOnceItsPodsNoLongerNameItAndThePodsStay() {
    String ns = "gc-orphan";
    cluster.create(cluster.replicaSets, replicaSet("web", 2, "web"), ns);
    List<String> pods = names(cluster.eventuallyGet(() -> cluster.podsIn(ns, 2)));

    ObjectEntity.Reply deleted =
        await(
            cluster.replicaSets.delete(
                ns, "web", null, null, "Orphan", byUser("kubectl delete rs --cascade=orphan")));

    assertThat(deleted.outcome()).isEqualTo(Outcome.OK);
    assertThat(deleted.removed()).isFalse();
    assertThat(deleted.object().metadata().deletionTimestamp()).isNotNull();
    assertThat(deleted.object().metadata().finalizers()).containsExactly(GarbageCollector.ORPHAN);
    cluster.eventually(
        () -> {
          assertThat(await(cluster.replicaSets.get(ns, "web")).outcome())
              .isEqualTo(Outcome.NOT_FOUND);
          assertThat(cluster.podsIn(ns))
              .extracting(Pod::name)
              .containsExactlyInAnyOrderElementsOf(pods);
          assertThat(cluster.podsIn(ns))
              .allSatisfy(
                  p -> {
                    assertThat(p.metadata().ownerReferences()).isNull();
                    assertThat(p.isTerminating()).isFalse();
                  });
        });

    aCollectionPassHasRun(ns);

    assertThat(cluster.podsIn(ns))
        .extracting(Pod::name)
        .as("the orphans survive a pass of the collector")
        .containsExactlyInAnyOrderElementsOf(pods);
  }

  @Test
  void aReplicaSetDeletedInTheForegroundStaysUntilItsPodsAreGone() {
    String ns = "gc-foreground";
    cluster.create(cluster.replicaSets, replicaSet("web", 2, "web"), ns);
    List<Pod> pods = cluster.eventuallyGet(() -> cluster.podsIn(ns, 2));
    pods.forEach(cluster::bind);
    cluster.eventually(
        () ->
            assertThat(cluster.podsIn(ns))
                .allMatch(p -> WorkloadCluster.NODE.equals(p.spec().nodeName())));

    ObjectEntity.Reply deleted =
        await(
            cluster.replicaSets.delete(
                ns,
                "web",
                null,
                null,
                "Foreground",
                byUser("kubectl delete rs --cascade=foreground")));

    assertThat(deleted.outcome()).isEqualTo(Outcome.OK);
    assertThat(deleted.removed()).isFalse();
    assertThat(deleted.object().metadata().deletionTimestamp()).isNotNull();
    assertThat(deleted.object().metadata().finalizers())
        .containsExactly(GarbageCollector.FOREGROUND);
    cluster.eventually(
        () ->
            assertThat(cluster.podsIn(ns))
                .extracting(Pod::name, Pod::isTerminating)
                .containsExactlyInAnyOrder(
                    tuple(pods.get(0).name(), true), tuple(pods.get(1).name(), true)));

    aCollectionPassHasRun(ns);

    KubeObject waiting = cluster.get(cluster.replicaSets, ns, "web");
    assertThat(waiting.metadata().finalizers()).containsExactly(GarbageCollector.FOREGROUND);
    assertThat(waiting.metadata().uid()).isEqualTo(deleted.object().metadata().uid());

    pods.forEach(cluster::confirmTerminated);

    cluster.eventually(
        () -> {
          assertThat(cluster.podsIn(ns)).isEmpty();
          assertThat(await(cluster.replicaSets.get(ns, "web")).outcome())
              .isEqualTo(Outcome.NOT_FOUND);
        });
  }

  @Test
  void aDeploymentDeletedWithoutAPolicyTakesItsReplicaSetAndItsPodsAfterIt() {
    String ns = "gc-deployment";
    cluster.create(cluster.deployments, WorkloadCluster.deployment("web", 2, "web", "nginx"), ns);
    KubeObject rs =
        cluster.eventuallyGet(
            () -> {
              assertThat(cluster.podsIn(ns)).hasSize(2);
              return cluster.list(cluster.replicaSets, ns).get(0);
            });

    ObjectEntity.Reply deleted =
        await(cluster.deployments.delete(ns, "web", null, null, byUser("kubectl delete deploy")));

    assertThat(deleted.removed()).isTrue();
    cluster.eventually(
        () -> {
          assertThat(await(cluster.replicaSets.get(ns, rs.name())).outcome())
              .isEqualTo(Outcome.NOT_FOUND);
          assertThat(cluster.podsIn(ns)).isEmpty();
        });
  }

  @Test
  void aDeploymentDeletedWithOrphanPropagationLeavesItsReplicaSetRunningForTheNextOneToAdopt() {
    String ns = "gc-deployment-orphan";
    cluster.create(cluster.deployments, WorkloadCluster.deployment("web", 2, "web", "nginx"), ns);
    KubeObject rs =
        cluster.eventuallyGet(
            () -> {
              assertThat(cluster.podsIn(ns)).hasSize(2);
              return cluster.list(cluster.replicaSets, ns).get(0);
            });
    List<String> pods = names(cluster.podsIn(ns));

    ObjectEntity.Reply deleted =
        await(
            cluster.deployments.delete(
                ns, "web", null, null, "Orphan", byUser("kubectl delete deploy --cascade=orphan")));

    assertThat(deleted.removed()).isFalse();
    cluster.eventually(
        () -> {
          assertThat(await(cluster.deployments.get(ns, "web")).outcome())
              .isEqualTo(Outcome.NOT_FOUND);
          assertThat(cluster.get(cluster.replicaSets, ns, rs.name()).metadata().ownerReferences())
              .isNull();
        });

    aCollectionPassHasRun(ns);

    KubeObject left = cluster.get(cluster.replicaSets, ns, rs.name());
    assertThat(left.metadata().uid()).isEqualTo(rs.metadata().uid());
    assertThat(left.at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(cluster.podsOf(ns, left))
        .extracting(Pod::name)
        .containsExactlyInAnyOrderElementsOf(pods);

    KubeObject again =
        cluster.create(
            cluster.deployments, WorkloadCluster.deployment("web", 2, "web", "nginx"), ns);

    cluster.eventually(
        () ->
            assertThat(cluster.get(cluster.replicaSets, ns, rs.name()).metadata().ownerReferences())
                .singleElement()
                .satisfies(owner -> assertThat(owner.uid()).isEqualTo(again.metadata().uid())));
    assertThat(cluster.list(cluster.replicaSets, ns))
        .as("the Deployment created again adopted its old ReplicaSet instead of making one")
        .extracting(KubeObject::name)
        .containsExactly(rs.name());
    assertThat(cluster.podsIn(ns)).extracting(Pod::name).containsExactlyInAnyOrderElementsOf(pods);
  }

  @Test
  void podsOfAReplicaSetDeletedWithOrphanPropagationSurviveWhileTheirNodeKeepsReportingThem() {
    String ns = "gc-orphan-churn";
    cluster.create(cluster.replicaSets, replicaSet("web", 4, "web"), ns);
    List<Pod> pods = cluster.eventuallyGet(() -> cluster.podsIn(ns, 4));
    AtomicBoolean reporting = new AtomicBoolean(true);
    Thread node = new Thread(() -> keepReporting(pods, reporting), "node-reports");
    node.start();
    try {
      ObjectEntity.Reply deleted =
          await(
              cluster.replicaSets.delete(
                  ns, "web", null, null, "Orphan", byUser("kubectl delete rs --cascade=orphan")));
      assertThat(deleted.removed()).isFalse();
      // Two passes of the collector while the pods' statuses keep changing.
      testKit.createTestProbe().expectNoMessage(Duration.ofMillis(2500));
    } finally {
      reporting.set(false);
    }
    cluster.eventually(
        () ->
            assertThat(await(cluster.replicaSets.get(ns, "web")).outcome())
                .isEqualTo(Outcome.NOT_FOUND));

    aCollectionPassHasRun(ns);

    assertThat(cluster.podsIn(ns))
        .as("every orphan survives, released")
        .extracting(Pod::name, p -> p.metadata().ownerReferences())
        .containsExactlyInAnyOrderElementsOf(
            pods.stream().map(p -> tuple(p.name(), null)).toList());
  }

  @Test
  void aDeploymentDeletedInTheForegroundStaysUntilThePodsOfItsReplicaSetsAreGone() {
    String ns = "gc-deployment-foreground";
    cluster.create(cluster.deployments, WorkloadCluster.deployment("web", 2, "web", "nginx"), ns);
    List<Pod> pods = cluster.eventuallyGet(() -> cluster.podsIn(ns, 2));
    pods.forEach(cluster::bind);
    cluster.eventually(
        () ->
            assertThat(cluster.podsIn(ns))
                .allMatch(p -> WorkloadCluster.NODE.equals(p.spec().nodeName())));

    ObjectEntity.Reply deleted =
        await(
            cluster.deployments.delete(
                ns,
                "web",
                null,
                null,
                "Foreground",
                byUser("kubectl delete deploy --cascade=foreground")));

    assertThat(deleted.removed()).isFalse();
    cluster.eventually(() -> assertThat(cluster.podsIn(ns)).allMatch(Pod::isTerminating));
    aCollectionPassHasRun(ns);
    aCollectionPassHasRun(ns);

    assertThat(await(cluster.deployments.get(ns, "web")).outcome())
        .as("the Deployment waits for the pods of its ReplicaSets")
        .isEqualTo(Outcome.OK);
    assertThat(cluster.list(cluster.replicaSets, ns))
        .singleElement()
        .satisfies(
            rs ->
                assertThat(rs.metadata().finalizers())
                    .containsExactly(GarbageCollector.FOREGROUND));

    pods.forEach(cluster::confirmTerminated);

    cluster.eventually(
        () -> {
          assertThat(await(cluster.deployments.get(ns, "web")).outcome())
              .isEqualTo(Outcome.NOT_FOUND);
          assertThat(cluster.list(cluster.replicaSets, ns)).isEmpty();
        });
  }

  // --- Helpers -----------------------------------------------------------------------------------

  /**
   * Waits for a whole pass of the collector to start and end after now: a ReplicaSet made for the
   * purpose is deleted and its pod collected, which only a pass that starts later can do.
   */
  private void aCollectionPassHasRun(String ns) {
    KubeObject witness =
        cluster.create(cluster.replicaSets, replicaSet("witness", 1, "witness"), ns);
    cluster.eventually(() -> assertThat(cluster.podsOf(ns, witness)).hasSize(1));
    ObjectEntity.Reply deleted =
        await(cluster.replicaSets.delete(ns, "witness", null, null, byUser("kubectl delete rs")));
    assertThat(deleted.removed()).isTrue();
    cluster.eventually(() -> assertThat(cluster.podsOf(ns, witness)).isEmpty());
  }

  /** Reports the pods' readiness flipping, as a node whose probes flap does, until told to stop. */
  private void keepReporting(List<Pod> pods, AtomicBoolean reporting) {
    boolean ready = false;
    while (reporting.get()) {
      for (Pod pod : pods) {
        PodStatus status =
            new PodStatus(
                PodStatus.RUNNING,
                List.of(
                    new PodCondition(
                        PodCondition.READY, ready ? "True" : "False", null, null, null, null)),
                null,
                null,
                null,
                null,
                null,
                null,
                "BestEffort",
                null);
        await(
            cluster.pods.updateStatus(
                pod.namespace(), pod.name(), status, null, byUser("flapping")));
      }
      ready = !ready;
    }
  }

  private static List<String> names(List<Pod> pods) {
    return pods.stream().map(Pod::name).toList();
  }
}
