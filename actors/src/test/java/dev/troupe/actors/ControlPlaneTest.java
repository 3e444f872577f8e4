package dev.troupe.actors;

import static dev.troupe.actors.PodFixtures.NAMESPACE;
import static dev.troupe.actors.PodFixtures.T0;
import static dev.troupe.actors.PodFixtures.admitted;
import static dev.troupe.actors.PodFixtures.byUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.actors.index.PodIndex;
import dev.troupe.actors.pod.PodEntity.Reply;
import dev.troupe.actors.pod.Pods;
import dev.troupe.config.TroupeSettings;
import dev.troupe.core.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A one-member cluster on 127.0.0.1 with the in-memory journal: the control plane as the API uses
 * it, through {@link Pods}.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlPlaneTest {

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
      new JUnit5TestKitBuilder().withName("ControlPlaneTest").withCustomConfig(CONFIG).build();

  private Pods pods;

  @BeforeAll
  void startAOneMemberCluster() {
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    TestProbe<Object> probe = testKit.createTestProbe();
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
    probe.awaitAssert(
        TIMEOUT,
        () -> {
          assertThat(await(pods.isIndexReady())).isTrue();
          return null;
        });
  }

  @Test
  void aCreatedPodCanBeReadAndIsListedAtOnce() {
    Pod created = created("web");

    Reply read = await(pods.get(NAMESPACE, "web"));

    assertThat(read.outcome()).isEqualTo(Outcome.OK);
    assertThat(read.pod().uid()).isEqualTo(created.uid());
    assertThat(read.pod().status().phase()).isEqualTo("Pending");
    PodIndex.Listing listing = await(pods.list(NAMESPACE));
    assertThat(listing.items()).extracting(Pod::name).contains("web");
    assertThat(listing.resourceVersion())
        .isGreaterThanOrEqualTo(Long.parseLong(created.metadata().resourceVersion()));
    assertThat(await(pods.list("another")).items()).isEmpty();
  }

  @Test
  void aPodThatIsCreatedTwiceIsRefusedTheSecondTime() {
    created("twice");

    Reply second = await(pods.create(admitted(NAMESPACE, "twice"), byUser("kubectl create")));

    assertThat(second.outcome()).isEqualTo(Outcome.ALREADY_EXISTS);
  }

  @Test
  void deletingAPodThatNoNodeRunsRemovesItFromTheList() {
    Pod created = created("short-lived");

    Reply deleted = await(pods.delete(NAMESPACE, "short-lived", null, byUser("kubectl delete")));

    assertThat(deleted.outcome()).isEqualTo(Outcome.OK);
    assertThat(deleted.pod().uid()).isEqualTo(created.uid());
    assertThat(deleted.pod().metadata().deletionTimestamp()).isNotNull();
    assertThat(await(pods.list(NAMESPACE)).items())
        .extracting(Pod::name)
        .doesNotContain("short-lived");
    assertThat(await(pods.get(NAMESPACE, "short-lived")).outcome()).isEqualTo(Outcome.NOT_FOUND);
  }

  @Test
  void aListRightAfterAWriteThroughPodsReflectsItWithoutWaitingForTheTopic() {
    ActorRef<PodIndex.Command> unsubscribed =
        testKit.spawn(PodIndex.create(() -> CompletableFuture.completedFuture(List.of())));
    Pods direct =
        new Pods(testKit.system(), ClusterSharding.get(testKit.system()), unsubscribed, TIMEOUT);

    Reply created = await(direct.create(admitted(NAMESPACE, "direct"), byUser("kubectl create")));
    assertThat(await(direct.list(NAMESPACE)).items()).containsExactly(created.pod());

    Reply deleted = await(direct.delete(NAMESPACE, "direct", null, byUser("kubectl delete")));
    assertThat(deleted.outcome()).isEqualTo(Outcome.OK);
    assertThat(await(direct.list(NAMESPACE)).items()).isEmpty();
  }

  private Pod created(String name) {
    Reply reply = await(pods.create(admitted(NAMESPACE, name), byUser("kubectl create")));
    assertThat(reply.outcome()).isEqualTo(Outcome.OK);
    return reply.pod();
  }

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer within " + TIMEOUT, e);
    }
  }
}
