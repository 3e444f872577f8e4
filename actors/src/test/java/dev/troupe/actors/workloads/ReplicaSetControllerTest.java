package dev.troupe.actors.workloads;

import static dev.troupe.actors.PodFixtures.byUser;
import static dev.troupe.actors.workloads.WorkloadCluster.await;
import static dev.troupe.actors.workloads.WorkloadCluster.named;
import static dev.troupe.actors.workloads.WorkloadCluster.replicaSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actors.Outcome;
import dev.troupe.actors.index.PodIndex;
import dev.troupe.actors.pod.PodEntity;
import dev.troupe.core.model.Container;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.OwnerReference;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.pod.PodAdmission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ReplicaSets in a one-member control plane without nodes: their entities create, delete, adopt and
 * release pods through {@link ReplicaSetReconciler} and record a status that follows the pods. The
 * test plays the scheduler and the node where a pod must be bound or ready.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicaSetControllerTest {

  /** A pod name generated from a ReplicaSet's: its name, a dash, five safe characters. */
  private static final String GENERATED_SUFFIX = "-[bcdfghjklmnpqrstvwxz2456789]{5}";

  @JUnit5TestKit
  final ActorTestKit testKit = WorkloadCluster.testKitFor(ReplicaSetControllerTest.class);

  private WorkloadCluster cluster;

  @BeforeAll
  void startAOneMemberControlPlane() {
    cluster = WorkloadCluster.start(testKit);
  }

  @Test
  void aReplicaSetScaledFromZeroToFiveCreatesExactlyFivePodsItOwnsNamedAfterIt() {
    String ns = "rs-scale-up";
    KubeObject created = cluster.create(cluster.replicaSets, replicaSet("web", 0, "web"), ns);
    cluster.eventually(
        () -> {
          KubeObject rs = cluster.get(cluster.replicaSets, ns, "web");
          assertThat(rs.at("/status/observedGeneration").asLong()).isEqualTo(1);
          assertThat(rs.at("/status/replicas").asInt(-1)).isZero();
        });
    assertThat(cluster.podsIn(ns)).isEmpty();
    List<PodIndex.WatchEvent> seen = cluster.watchPods(ns);

    cluster.change(cluster.replicaSets, ns, "web", "{\"spec\":{\"replicas\":5}}");

    cluster.eventually(
        () -> {
          KubeObject rs = cluster.get(cluster.replicaSets, ns, "web");
          assertThat(rs.metadata().generation()).isEqualTo(2);
          assertThat(rs.at("/status/observedGeneration").asLong()).isEqualTo(2);
          assertThat(rs.at("/status/replicas").asInt()).isEqualTo(5);
          assertThat(rs.at("/status/fullyLabeledReplicas").asInt()).isEqualTo(5);
          assertThat(rs.at("/status/readyReplicas").isMissingNode()).isTrue();
          assertThat(rs.at("/status/availableReplicas").isMissingNode()).isTrue();
          assertThat(named(seen, "ADDED")).hasSize(5);
        });
    List<Pod> pods = cluster.podsIn(ns);
    assertThat(pods).hasSize(5);
    assertThat(pods)
        .allSatisfy(
            pod -> {
              assertThat(pod.name()).matches("web" + GENERATED_SUFFIX);
              assertThat(pod.metadata().labels()).containsEntry("app", "web");
              assertThat(pod.metadata().ownerReferences())
                  .containsExactly(
                      new OwnerReference(
                          "apps/v1", "ReplicaSet", "web", created.metadata().uid(), true, true));
            });
    assertThat(named(seen, "ADDED"))
        .as("no pod was created beyond the five")
        .containsExactlyInAnyOrderElementsOf(pods.stream().map(Pod::name).toList());
    assertThat(named(seen, "DELETED")).isEmpty();
  }

  @Test
  void theStatusCountsReadyPodsAndAvailableOnesOnlyOnceMinReadySecondsHavePassed() {
    String ns = "rs-status";
    cluster.create(cluster.replicaSets, replicaSet("web", 3, "web"), ns);
    List<Pod> pods = cluster.eventuallyGet(() -> cluster.podsIn(ns, 3));

    cluster.ready(pods.get(0));
    cluster.ready(pods.get(1));

    cluster.eventually(
        () -> {
          KubeObject rs = cluster.get(cluster.replicaSets, ns, "web");
          assertThat(rs.at("/status/replicas").asInt()).isEqualTo(3);
          assertThat(rs.at("/status/readyReplicas").asInt()).isEqualTo(2);
          assertThat(rs.at("/status/availableReplicas").asInt()).isEqualTo(2);
          assertThat(rs.at("/status/observedGeneration").asLong()).isEqualTo(1);
        });

    cluster.change(cluster.replicaSets, ns, "web", "{\"spec\":{\"minReadySeconds\":30}}");

    cluster.eventually(
        () -> {
          KubeObject rs = cluster.get(cluster.replicaSets, ns, "web");
          assertThat(rs.at("/status/observedGeneration").asLong()).isEqualTo(2);
          assertThat(rs.at("/status/readyReplicas").asInt()).isEqualTo(2);
          assertThat(rs.at("/status/availableReplicas").isMissingNode()).isTrue();
        });
    cluster.clock.advance(Duration.ofSeconds(30));
    cluster.eventually(
        () ->
            assertThat(
                    cluster
                        .get(cluster.replicaSets, ns, "web")
                        .at("/status/availableReplicas")
                        .asInt())
                .isEqualTo(2));
  }

  @Test
  void scalingDownDeletesUnscheduledPodsFirstEvenReadyOnesThenNotReadyBeforeReady() {
    String ns = "rs-scale-down";
    cluster.create(cluster.replicaSets, replicaSet("web", 5, "web"), ns);
    List<Pod> pods = cluster.eventuallyGet(() -> cluster.podsIn(ns, 5));
    Pod scheduledReady = pods.get(0);
    Pod scheduled = pods.get(1);
    cluster.bind(scheduledReady);
    cluster.bind(scheduled);
    cluster.ready(pods.get(2));
    cluster.ready(pods.get(3));
    cluster.eventually(
        () -> {
          assertThat(cluster.podsIn(ns))
              .filteredOn(p -> p.spec().nodeName() != null)
              .extracting(Pod::name)
              .containsExactlyInAnyOrder(scheduledReady.name(), scheduled.name());
          assertThat(
                  cluster.get(cluster.replicaSets, ns, "web").at("/status/readyReplicas").asInt())
              .isEqualTo(2);
        });
    List<PodIndex.WatchEvent> seen = cluster.watchPods(ns);

    cluster.change(cluster.replicaSets, ns, "web", "{\"spec\":{\"replicas\":2}}");

    cluster.eventually(
        () -> {
          assertThat(cluster.podsIn(ns))
              .extracting(Pod::name)
              .containsExactlyInAnyOrder(scheduledReady.name(), scheduled.name());
          KubeObject rs = cluster.get(cluster.replicaSets, ns, "web");
          assertThat(rs.at("/status/observedGeneration").asLong()).isEqualTo(2);
          assertThat(rs.at("/status/replicas").asInt()).isEqualTo(2);
          assertThat(rs.at("/status/readyReplicas").isMissingNode()).isTrue();
          assertThat(named(seen, "DELETED"))
              .containsExactlyInAnyOrder(
                  pods.get(2).name(), pods.get(3).name(), pods.get(4).name());
        });
    assertThat(named(seen, "ADDED")).isEmpty();

    cluster.ready(await(cluster.pods.get(ns, scheduledReady.name())).pod());
    cluster.eventually(
        () ->
            assertThat(
                    cluster.get(cluster.replicaSets, ns, "web").at("/status/readyReplicas").asInt())
                .isEqualTo(1));
    cluster.change(cluster.replicaSets, ns, "web", "{\"spec\":{\"replicas\":1}}");

    cluster.eventually(
        () -> {
          List<Pod> left = cluster.podsIn(ns);
          assertThat(left)
              .filteredOn(Pod::isTerminating)
              .extracting(Pod::name)
              .containsExactly(scheduled.name());
          assertThat(left)
              .filteredOn(p -> !p.isTerminating())
              .extracting(Pod::name)
              .containsExactly(scheduledReady.name());
          assertThat(cluster.get(cluster.replicaSets, ns, "web").at("/status/replicas").asInt())
              .isEqualTo(1);
        });
  }

  @Test
  void anOrphanPodWhoseLabelsMatchIsAdoptedAndCountsTowardTheReplicas() {
    String ns = "rs-adopt";
    Pod orphan = createPod(ns, "stray", "cache");
    Pod unrelated = createPod(ns, "bystander", "other");
    List<PodIndex.WatchEvent> seen = cluster.watchPods(ns);

    KubeObject rs = cluster.create(cluster.replicaSets, replicaSet("cache", 3, "cache"), ns);

    cluster.eventually(
        () -> {
          List<Pod> owned = cluster.podsOf(ns, rs);
          assertThat(owned).hasSize(3).extracting(Pod::name).contains(orphan.name());
          assertThat(cluster.get(cluster.replicaSets, ns, "cache").at("/status/replicas").asInt())
              .isEqualTo(3);
        });
    Pod adopted = await(cluster.pods.get(ns, orphan.name())).pod();
    assertThat(adopted.metadata().ownerReferences())
        .containsExactly(
            new OwnerReference("apps/v1", "ReplicaSet", "cache", rs.metadata().uid(), true, true));
    assertThat(adopted.uid()).isEqualTo(orphan.uid());
    Pod untouched = await(cluster.pods.get(ns, unrelated.name())).pod();
    assertThat(untouched.metadata().ownerReferences()).isNull();
    assertThat(cluster.podsIn(ns)).hasSize(4);
    assertThat(named(seen, "ADDED"))
        .as("only replicas - 1 new pods were made")
        .hasSize(2)
        .allSatisfy(name -> assertThat(name).matches("cache" + GENERATED_SUFFIX));
    assertThat(named(seen, "DELETED")).isEmpty();
  }

  @Test
  void aPodRelabelledOutOfTheSelectorIsReleasedAndReplaced() {
    String ns = "rs-release";
    KubeObject rs = cluster.create(cluster.replicaSets, replicaSet("web", 2, "web"), ns);
    List<Pod> pods = cluster.eventuallyGet(() -> cluster.podsIn(ns, 2));
    Pod leaving = pods.get(0);
    List<PodIndex.WatchEvent> seen = cluster.watchPods(ns);

    relabel(ns, leaving.name(), Map.of("app", "debugging"));

    cluster.eventually(
        () -> {
          Pod released = await(cluster.pods.get(ns, leaving.name())).pod();
          assertThat(released.metadata().ownerReferences()).isNull();
          assertThat(released.isTerminating()).isFalse();
          List<Pod> owned = cluster.podsOf(ns, rs);
          assertThat(owned)
              .hasSize(2)
              .extracting(Pod::name)
              .contains(pods.get(1).name())
              .doesNotContain(leaving.name());
          assertThat(cluster.get(cluster.replicaSets, ns, "web").at("/status/replicas").asInt())
              .isEqualTo(2);
          assertThat(named(seen, "ADDED")).hasSize(1);
        });
    assertThat(cluster.podsIn(ns)).hasSize(3);
    assertThat(named(seen, "DELETED")).isEmpty();
    assertThat(named(seen, "ADDED")).hasSize(1).doesNotContain(leaving.name());
  }

  // --- Helpers -----------------------------------------------------------------------------------

  /** Creates a pod of its own, labelled {@code app}, as a user does. */
  private Pod createPod(String namespace, String name, String app) {
    Pod sent =
        Pod.of(
            ObjectMeta.named(null, name).withLabels(Map.of("app", app)),
            new PodSpec(List.of(Container.of("app", "busybox:1.36")), null, null, null, null));
    PodAdmission.Admitted admitted = PodAdmission.prepare(sent, namespace, new Random(3));
    assertThat(admitted.errors()).isEmpty();
    PodEntity.Reply reply = await(cluster.pods.create(admitted.pod(), byUser("create")));
    assertThat(reply.outcome()).isEqualTo(Outcome.OK);
    return reply.pod();
  }

  /** Replaces the labels of a pod, as {@code kubectl label --overwrite} does. */
  private void relabel(String namespace, String name, Map<String, String> labels) {
    cluster.eventually(
        () -> {
          Pod current = await(cluster.pods.get(namespace, name)).pod();
          PodEntity.Reply reply =
              await(
                  cluster.pods.update(
                      current.withMetadata(current.metadata().withLabels(labels)),
                      current.metadata().resourceVersion(),
                      byUser("kubectl label")));
          assertThat(reply.outcome()).isEqualTo(Outcome.OK);
        });
  }
}
