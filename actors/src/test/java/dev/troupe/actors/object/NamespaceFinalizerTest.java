package dev.troupe.actors.object;

import static dev.troupe.actors.PodFixtures.T0;
import static dev.troupe.actors.PodFixtures.byUser;
import static dev.troupe.actors.object.ObjectFixtures.admitted;
import static dev.troupe.actors.object.ObjectFixtures.namespace;
import static dev.troupe.actors.object.ObjectFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.actors.ControlPlane;
import dev.troupe.actors.MutableClock;
import dev.troupe.actors.Outcome;
import dev.troupe.actors.PodFixtures;
import dev.troupe.actors.index.Page;
import dev.troupe.actors.index.Selection;
import dev.troupe.actors.pod.Pods;
import dev.troupe.config.TroupeSettings;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.kinds.NamespaceKind;
import dev.troupe.core.kinds.ServiceKind;
import dev.troupe.core.model.KubeObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Namespaces in a one-member control plane with the in-memory journal: the default ones exist from
 * the start, and a deleted one is emptied by the {@link NamespaceFinalizer} and then removed.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamespaceFinalizerTest {

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

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @JUnit5TestKit
  final ActorTestKit testKit =
      new JUnit5TestKitBuilder()
          .withName("NamespaceFinalizerTest")
          .withCustomConfig(CONFIG)
          .build();

  private final TestProbe<Object> probe = testKit.createTestProbe();
  private Pods pods;
  private StoredObjects namespaces;
  private StoredObjects services;

  @BeforeAll
  void startAOneMemberCluster() {
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    probe.awaitAssert(
        TIMEOUT,
        () -> {
          assertThat(cluster.selfMember().status()).isEqualTo(MemberStatus.up());
          return null;
        });
    ControlPlane controlPlane =
        ControlPlane.start(
            testKit.system(),
            TroupeSettings.load(),
            new MutableClock(T0),
            prefix -> Source.empty());
    pods = controlPlane.pods();
    namespaces = controlPlane.objects(ResourceTypes.NAMESPACES);
    services = controlPlane.objects(ResourceTypes.SERVICES);
    probe.awaitAssert(
        TIMEOUT,
        () -> {
          assertThat(await(namespaces.isIndexReady())).isTrue();
          assertThat(await(services.isIndexReady())).isTrue();
          assertThat(await(pods.isIndexReady())).isTrue();
          return null;
        });
  }

  @Test
  void theDefaultNamespacesExistAndAreActiveOnceTheNamespaceIndexIsReady() {
    List<KubeObject> listed = await(namespaces.list(Selection.inNamespace(null), Page.ALL)).items();

    assertThat(listed)
        .filteredOn(n -> DefaultNamespaces.NAMES.contains(n.name()))
        .extracting(KubeObject::key, n -> n.text("/status/phase"))
        .containsExactly(
            tuple("/default", NamespaceKind.ACTIVE),
            tuple("/kube-node-lease", NamespaceKind.ACTIVE),
            tuple("/kube-public", NamespaceKind.ACTIVE),
            tuple("/kube-system", NamespaceKind.ACTIVE));
    ObjectEntity.Reply stored = await(namespaces.get(null, "kube-system"));
    assertThat(stored.outcome()).isEqualTo(Outcome.OK);
    assertThat(stored.object().metadata().uid())
        .isEqualTo(await(namespaces.lookup(null, "kube-system")).orElseThrow().metadata().uid());
  }

  @Test
  void aDeletedNamespaceIsTerminatingUntilItsServicesAndPodsAreGoneThenItGoesToo() {
    String name = "doomed";
    ObjectEntity.Reply created =
        await(
            namespaces.create(
                admitted(NamespaceKind.INSTANCE, namespace(name), null), byUser("create")));
    assertThat(created.outcome()).isEqualTo(Outcome.OK);
    ObjectEntity.Reply service =
        await(
            services.create(
                admitted(ServiceKind.INSTANCE, service("web", ServiceKind.CLUSTER_IP), name),
                byUser("create")));
    assertThat(service.outcome()).isEqualTo(Outcome.OK);
    assertThat(await(pods.create(PodFixtures.admitted(name, "web"), byUser("create"))).outcome())
        .isEqualTo(Outcome.OK);

    ObjectEntity.Reply deleted =
        await(namespaces.delete(null, name, null, null, byUser("kubectl delete namespace")));

    assertThat(deleted.outcome()).isEqualTo(Outcome.OK);
    assertThat(deleted.removed()).isFalse();
    assertThat(deleted.object().text("/status/phase")).isEqualTo(NamespaceKind.TERMINATING);
    assertThat(deleted.object().isTerminating()).isTrue();
    probe.awaitAssert(
        TIMEOUT,
        () -> {
          assertThat(await(services.list(Selection.inNamespace(name), Page.ALL)).items()).isEmpty();
          assertThat(await(pods.list(name)).items()).isEmpty();
          assertThat(await(namespaces.lookup(null, name))).isEmpty();
          return null;
        });
    assertThat(await(namespaces.get(null, name)).outcome()).isEqualTo(Outcome.NOT_FOUND);
    assertThat(await(services.get(name, "web")).outcome()).isEqualTo(Outcome.NOT_FOUND);
    assertThat(await(pods.get(name, "web")).outcome()).isEqualTo(Outcome.NOT_FOUND);
    assertThat(await(namespaces.lookup(null, "default"))).isPresent();
  }

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer within " + TIMEOUT, e);
    }
  }
}
