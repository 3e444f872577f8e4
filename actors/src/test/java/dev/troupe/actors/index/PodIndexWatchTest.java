package dev.troupe.actors.index;

import static dev.troupe.actors.PodFixtures.T0;
import static dev.troupe.actors.PodFixtures.atVersion;
import static dev.troupe.actors.PodFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.actors.MutableClock;
import dev.troupe.actors.index.PodIndex.Changed;
import dev.troupe.actors.index.PodIndex.WatchEvent;
import dev.troupe.actors.index.PodIndex.WatchStarted;
import dev.troupe.core.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Watches fed by the index: initial state, exact continuation, selectors, expiry, bookmarks. */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodIndexWatchTest {

  private static final Config CONFIG =
      ConfigFactory.parseString(
          """
          pekko.actor.provider = local
          pekko.actor.serialize-messages = on
          """);

  private static final Duration QUIET = Duration.ofMillis(100);

  @JUnit5TestKit
  final ActorTestKit testKit =
      new JUnit5TestKitBuilder().withName("PodIndexWatchTest").withCustomConfig(CONFIG).build();

  @Test
  void aWatchFromZeroSendsTheCurrentPodsAsAddedThenEveryChange() {
    ActorRef<PodIndex.Command> index = index(100, Duration.ofHours(1));
    Pod web = stored("default", "web", 10);
    index.tell(new Changed(web, false));
    TestProbe<WatchEvent> events = testKit.createTestProbe();

    assertThat(watch(index, everything(), "0", false, events).started()).isTrue();
    assertThat(events.receiveMessage().type()).isEqualTo("ADDED");

    Pod changed = atVersion(web, 11);
    index.tell(new Changed(changed, false));
    WatchEvent modified = events.receiveMessage();
    assertThat(modified.type()).isEqualTo("MODIFIED");
    assertThat(modified.object()).isEqualTo(changed);

    index.tell(new Changed(atVersion(web, 12), true));
    assertThat(events.receiveMessage().type()).isEqualTo("DELETED");
  }

  @Test
  void aWatchFromAListsVersionContinuesExactlyAfterIt() {
    ActorRef<PodIndex.Command> index = index(100, Duration.ofHours(1));
    Pod a = stored("default", "a", 10);
    index.tell(new Changed(a, false));
    long listed = list(index).resourceVersion();
    Pod b = stored("default", "b", 11);
    index.tell(new Changed(b, false));
    Pod a2 = atVersion(a, 12);
    index.tell(new Changed(a2, false));
    TestProbe<WatchEvent> events = testKit.createTestProbe();

    watch(index, everything(), Long.toString(listed), false, events);

    assertThat(List.of(events.receiveMessage(), events.receiveMessage()))
        .extracting(e -> e.type() + " " + e.object().name())
        .containsExactly("ADDED b", "MODIFIED a");
    events.expectNoMessage(QUIET);
  }

  @Test
  void aPodThatStartsOrStopsMatchingTheSelectorIsAddedOrDeletedForTheWatcher() {
    ActorRef<PodIndex.Command> index = index(100, Duration.ofHours(1));
    TestProbe<WatchEvent> events = testKit.createTestProbe();
    watch(index, new Selection("default", "app=web", ""), "0", false, events);
    Pod plain = stored("default", "web", 10);

    index.tell(new Changed(plain, false));
    events.expectNoMessage(QUIET);
    index.tell(new Changed(labelled(atVersion(plain, 11), "web"), false));
    assertThat(events.receiveMessage().type()).isEqualTo("ADDED");
    index.tell(new Changed(labelled(atVersion(plain, 12), "db"), false));
    assertThat(events.receiveMessage().type()).isEqualTo("DELETED");
    index.tell(new Changed(stored("other", "web", 13), false));
    events.expectNoMessage(QUIET);
  }

  @Test
  void aWatchFromAnEvictedVersionIsRefusedSoTheClientListsAgain() {
    ActorRef<PodIndex.Command> index = index(2, Duration.ofHours(1));
    long listed = list(index).resourceVersion();
    for (int i = 0; i < 3; i++) {
      index.tell(new Changed(stored("default", "p" + i, 10 + i), false));
    }
    TestProbe<WatchEvent> events = testKit.createTestProbe();

    WatchStarted outcome = watch(index, everything(), Long.toString(listed), false, events);

    assertThat(outcome.started()).isFalse();
    assertThat(outcome.oldestResourceVersion()).isGreaterThan(listed);
    events.expectNoMessage(QUIET);
  }

  @Test
  void aWatchThatAskedForBookmarksGetsTheCurrentVersionPeriodically() {
    ActorRef<PodIndex.Command> index = index(100, Duration.ofMillis(50));
    TestProbe<WatchEvent> withBookmarks = testKit.createTestProbe();
    TestProbe<WatchEvent> without = testKit.createTestProbe();
    watch(index, everything(), "0", true, withBookmarks);
    watch(index, everything(), "0", false, without);

    WatchEvent bookmark = withBookmarks.receiveMessage(Duration.ofSeconds(3));

    assertThat(bookmark.type()).isEqualTo("BOOKMARK");
    assertThat(bookmark.object()).isNull();
    assertThat(bookmark.resourceVersion()).isEqualTo(list(index).resourceVersion());
    without.expectNoMessage(QUIET);
  }

  @Test
  void aStoppedWatcherIsForgottenAndTheOthersKeepReceiving() {
    ActorRef<PodIndex.Command> index = index(100, Duration.ofHours(1));
    TestProbe<WatchEvent> gone = testKit.createTestProbe();
    TestProbe<WatchEvent> staying = testKit.createTestProbe();
    watch(index, everything(), "0", false, gone);
    watch(index, everything(), "0", false, staying);
    gone.stop();

    index.tell(new Changed(stored("default", "web", 10), false));

    assertThat(staying.receiveMessage().type()).isEqualTo("ADDED");
  }

  private ActorRef<PodIndex.Command> index(int capacity, Duration bookmarks) {
    return testKit.spawn(
        PodIndex.create(
            () -> CompletableFuture.completedFuture(List.of()),
            new PodIndex.Settings(new MutableClock(T0), capacity, bookmarks)));
  }

  private static Selection everything() {
    return Selection.inNamespace(null);
  }

  private static Pod labelled(Pod pod, String app) {
    return pod.withMetadata(pod.metadata().withLabels(Map.of("app", app)));
  }

  private PodIndex.Listing list(ActorRef<PodIndex.Command> index) {
    TestProbe<PodIndex.Listing> probe = testKit.createTestProbe();
    index.tell(new PodIndex.ListPods((String) null, probe.ref()));
    return probe.receiveMessage();
  }

  private WatchStarted watch(
      ActorRef<PodIndex.Command> index,
      Selection selection,
      String from,
      boolean bookmarks,
      TestProbe<WatchEvent> events) {
    TestProbe<WatchStarted> started = testKit.createTestProbe();
    index.tell(new PodIndex.Watch(selection, from, bookmarks, events.ref(), started.ref()));
    return started.receiveMessage();
  }
}
