package dev.troupe.actors.index;

import static dev.troupe.actors.PodFixtures.NODE_A;
import static dev.troupe.actors.PodFixtures.NODE_B;
import static dev.troupe.actors.PodFixtures.atVersion;
import static dev.troupe.actors.PodFixtures.bound;
import static dev.troupe.actors.PodFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.actors.index.PodIndex.Changed;
import dev.troupe.actors.index.PodIndex.Listing;
import dev.troupe.actors.index.PodIndex.NodePods;
import dev.troupe.core.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The pod index in a local actor system, every message between actors serialized. */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodIndexTest {

  private static final Config CONFIG =
      ConfigFactory.parseString(
          """
          pekko.actor.provider = local
          pekko.actor.serialize-messages = on
          """);

  /** Long enough for a message to arrive if it were sent; nothing is expected in it. */
  private static final Duration QUIET = Duration.ofMillis(100);

  @JUnit5TestKit
  final ActorTestKit testKit =
      new JUnit5TestKitBuilder().withName("PodIndexTest").withCustomConfig(CONFIG).build();

  // --- Loading -----------------------------------------------------------------------------------

  @Test
  void requestsSentWhileLoadingAreAnsweredOnceLoadedWithTheLoadedPods() {
    CompletableFuture<List<Pod>> loading = new CompletableFuture<>();
    ActorRef<PodIndex.Command> index = testKit.spawn(PodIndex.create(() -> loading));
    TestProbe<Listing> lister = testKit.createTestProbe();
    TestProbe<NodePods> watcher = testKit.createTestProbe();

    index.tell(new PodIndex.ListPods((String) null, lister.ref()));
    index.tell(new PodIndex.WatchNode(NODE_A, watcher.ref()));
    lister.expectNoMessage(QUIET);
    watcher.expectNoMessage(Duration.ZERO);

    Pod onNodeA = bound("default", "web", NODE_A, 10);
    Pod unbound = stored("default", "api", 12);
    loading.complete(List.of(onNodeA, unbound));

    assertThat(lister.receiveMessage().items()).containsExactly(unbound, onNodeA);
    assertThat(watcher.receiveMessage()).isEqualTo(snapshot(onNodeA));
  }

  @Test
  void theIndexIsReadyOnlyOnceLoaded() {
    CompletableFuture<List<Pod>> loading = new CompletableFuture<>();
    ActorRef<PodIndex.Command> index = testKit.spawn(PodIndex.create(() -> loading));
    TestProbe<Boolean> ready = testKit.createTestProbe();

    index.tell(new PodIndex.IsReady(ready.ref()));
    assertThat(ready.receiveMessage()).isFalse();

    loading.complete(List.of());
    ready.awaitAssert(
        () -> {
          index.tell(new PodIndex.IsReady(ready.ref()));
          assertThat(ready.receiveMessage()).isTrue();
          return null;
        });
  }

  @Test
  void aLoaderThatFailsIsTriedAgain() {
    AtomicInteger attempts = new AtomicInteger();
    Pod pod = stored("default", "web", 5);
    Supplier<CompletionStage<List<Pod>>> loader =
        () ->
            attempts.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new IllegalStateException("journal not up yet"))
                : CompletableFuture.completedFuture(List.of(pod));
    TestProbe<Listing> lister = testKit.createTestProbe();

    LoggingTestKit.warn("rebuilding the pod index failed, retrying")
        .expect(
            testKit.system(),
            () -> {
              ActorRef<PodIndex.Command> index = testKit.spawn(PodIndex.create(loader));
              index.tell(new PodIndex.ListPods((String) null, lister.ref()));
              return index;
            });

    assertThat(lister.receiveMessage(Duration.ofSeconds(5)).items()).containsExactly(pod);
    assertThat(attempts).hasValue(2);
  }

  @Test
  void changesThatArriveWhileLoadingWinOverOlderLoadedVersions() {
    CompletableFuture<List<Pod>> loading = new CompletableFuture<>();
    ActorRef<PodIndex.Command> index = testKit.spawn(PodIndex.create(() -> loading));
    Pod web = stored("default", "web", 10);
    Pod api = stored("default", "api", 10);
    Pod db = stored("default", "db", 10);

    index.tell(new Changed(atVersion(web, 20), false));
    index.tell(new Changed(atVersion(api, 30), true));
    index.tell(new Changed(atVersion(db, 5), false));
    loading.complete(List.of(web, api, db));

    assertThat(list(index, null).items()).containsExactly(db, atVersion(web, 20));
  }

  // --- Changes -----------------------------------------------------------------------------------

  static Stream<Arguments> versions() {
    return Stream.of(
        arguments("an older version is ignored", 20L, 10L, 20L),
        arguments("the same version is ignored", 20L, 20L, 20L),
        arguments("a newer version replaces it", 20L, 21L, 21L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("versions")
  void onlyANewerChangeReplacesTheStoredPod(
      String description, long storedVersion, long changedVersion, long expectedVersion) {
    ActorRef<PodIndex.Command> index = loadedIndex();
    Pod web = stored("default", "web", storedVersion);
    index.tell(new Changed(web, false));
    long before = list(index, null).resourceVersion();

    Pod changed = atVersion(web.withStatus(web.status().withConditions(List.of())), changedVersion);
    index.tell(new Changed(changed, false));

    Listing listing = list(index, null);
    assertThat(listing.items())
        .singleElement()
        .isEqualTo(expectedVersion == storedVersion ? web : changed);
    assertThat(listing.resourceVersion() > before)
        .as("the list's version moves only when a change is applied")
        .isEqualTo(expectedVersion != storedVersion);
  }

  @Test
  void aRemovedPodIsNotResurrectedByAStaleChange() {
    ActorRef<PodIndex.Command> index = loadedIndex();
    Pod web = stored("default", "web", 10);
    index.tell(new Changed(web, false));

    index.tell(new Changed(atVersion(web, 20), true));
    assertThat(list(index, null).items()).isEmpty();

    index.tell(new Changed(atVersion(web, 15), false));
    index.tell(new Changed(atVersion(web, 20), false));
    assertThat(list(index, null).items()).isEmpty();

    Pod recreated = atVersion(web, 25);
    index.tell(new Changed(recreated, false));
    assertThat(list(index, null).items()).containsExactly(recreated);
  }

  // --- Lists -------------------------------------------------------------------------------------

  @Test
  void listsAreOfOneNamespaceOrOfAllSortedByNamespaceThenName() {
    ActorRef<PodIndex.Command> index = loadedIndex();
    Pod bx = stored("b", "x", 14);
    Pod ay = stored("a", "y", 11);
    Pod ax = stored("a", "x", 12);
    Pod az = stored("a", "z", 13);
    Stream.of(bx, ay, ax, az).forEach(p -> index.tell(new Changed(p, false)));

    assertThat(list(index, null).items()).containsExactly(ax, ay, az, bx);
    assertThat(list(index, "a").items()).containsExactly(ax, ay, az);
    assertThat(list(index, "b").items()).containsExactly(bx);
    assertThat(list(index, "c").items()).isEmpty();
  }

  @Test
  void aListingIsAtThePositionOfTheLastChangeAppliedIncludingRemovals() {
    ActorRef<PodIndex.Command> index = loadedIndex();
    long start = list(index, null).resourceVersion();

    Pod web = stored("default", "web", 40);
    Pod other = stored("other", "api", 30);
    index.tell(new Changed(web, false));
    index.tell(new Changed(other, false));
    long afterTwo = list(index, "other").resourceVersion();
    index.tell(new Changed(atVersion(web, 50), true));
    Listing afterRemoval = list(index, null);

    assertThat(afterTwo).isGreaterThanOrEqualTo(start + 2);
    assertThat(afterRemoval.items()).containsExactly(other);
    assertThat(afterRemoval.resourceVersion()).isGreaterThan(afterTwo);
  }

  // --- Node watchers -----------------------------------------------------------------------------

  @Test
  void aNodeWatcherGetsASnapshotOfItsNodesPodsThenEachOfTheirChanges() {
    ActorRef<PodIndex.Command> index = loadedIndex();
    Pod web = bound("default", "web", NODE_A, 10);
    Pod api = bound("default", "api", NODE_B, 11);
    Pod db = stored("default", "db", 12);
    Stream.of(web, api, db).forEach(p -> index.tell(new Changed(p, false)));
    TestProbe<NodePods> watcherA = testKit.createTestProbe();
    TestProbe<NodePods> watcherB = testKit.createTestProbe();

    index.tell(new PodIndex.WatchNode(NODE_A, watcherA.ref()));
    index.tell(new PodIndex.WatchNode(NODE_B, watcherB.ref()));
    assertThat(watcherA.receiveMessage()).isEqualTo(snapshot(web));
    assertThat(watcherB.receiveMessage()).isEqualTo(snapshot(api));

    Pod dbBound = atVersion(db.withSpec(db.spec().withNodeName(NODE_A)), 20);
    index.tell(new Changed(dbBound, false));
    assertThat(watcherA.receiveMessage()).isEqualTo(new NodePods(false, List.of(dbBound), false));

    Pod apiChanged = atVersion(api, 21);
    index.tell(new Changed(apiChanged, false));
    assertThat(watcherB.receiveMessage())
        .isEqualTo(new NodePods(false, List.of(apiChanged), false));

    Pod webRemoved = atVersion(web, 22);
    index.tell(new Changed(webRemoved, true));
    assertThat(watcherA.receiveMessage()).isEqualTo(new NodePods(false, List.of(webRemoved), true));

    index.tell(new Changed(atVersion(web, 15), false));
    index.tell(new Changed(stored("default", "unbound", 30), false));
    watcherA.expectNoMessage(QUIET);
    watcherB.expectNoMessage(Duration.ZERO);
  }

  @Test
  void oneWatcherMayWatchSeveralNodes() {
    ActorRef<PodIndex.Command> index = loadedIndex();
    Pod web = bound("default", "web", NODE_A, 10);
    index.tell(new Changed(web, false));
    TestProbe<NodePods> watcher = testKit.createTestProbe();

    index.tell(new PodIndex.WatchNode(NODE_A, watcher.ref()));
    index.tell(new PodIndex.WatchNode(NODE_B, watcher.ref()));
    assertThat(watcher.receiveSeveralMessages(2)).containsExactly(snapshot(web), snapshot());

    Pod api = bound("default", "api", NODE_B, 11);
    index.tell(new Changed(api, false));
    assertThat(watcher.receiveMessage()).isEqualTo(new NodePods(false, List.of(api), false));
  }

  @Test
  void aStoppedWatcherIsForgottenAndTheOthersStillGetTheirChanges() {
    ActorRef<PodIndex.Command> index = loadedIndex();
    TestProbe<NodePods> leaving = testKit.createTestProbe();
    TestProbe<NodePods> staying = testKit.createTestProbe();
    index.tell(new PodIndex.WatchNode(NODE_A, leaving.ref()));
    index.tell(new PodIndex.WatchNode(NODE_A, staying.ref()));
    leaving.expectMessage(snapshot());
    staying.expectMessage(snapshot());

    leaving.stop();
    testKit.createTestProbe().expectTerminated(leaving.ref());
    Pod web = bound("default", "web", NODE_A, 10);
    index.tell(new Changed(web, false));

    assertThat(staying.receiveMessage()).isEqualTo(new NodePods(false, List.of(web), false));
    assertThat(list(index, null).items()).containsExactly(web);
  }

  @Test
  void theIndexRegistersWithTheReceptionist() {
    ActorRef<PodIndex.Command> index = loadedIndex();
    TestProbe<Receptionist.Listing> probe = testKit.createTestProbe();

    probe.awaitAssert(
        () -> {
          testKit.system().receptionist().tell(Receptionist.find(PodIndex.KEY, probe.ref()));
          assertThat(probe.receiveMessage().getServiceInstances(PodIndex.KEY)).contains(index);
          return null;
        });
  }

  // --- Helpers -----------------------------------------------------------------------------------

  private ActorRef<PodIndex.Command> loadedIndex() {
    return testKit.spawn(PodIndex.create(() -> CompletableFuture.completedFuture(List.of())));
  }

  private Listing list(ActorRef<PodIndex.Command> index, String namespace) {
    TestProbe<Listing> probe = testKit.createTestProbe();
    index.tell(new PodIndex.ListPods(namespace, probe.ref()));
    return probe.receiveMessage();
  }

  private static NodePods snapshot(Pod... pods) {
    return new NodePods(true, List.of(pods), false);
  }
}
