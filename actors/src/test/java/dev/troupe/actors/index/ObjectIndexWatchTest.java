package dev.troupe.actors.index;

import static dev.troupe.actors.PodFixtures.T0;
import static dev.troupe.actors.object.ObjectFixtures.atVersion;
import static dev.troupe.actors.object.ObjectFixtures.patched;
import static dev.troupe.actors.object.ObjectFixtures.service;
import static dev.troupe.actors.object.ObjectFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.actors.MutableClock;
import dev.troupe.actors.index.ObjectIndex.Changed;
import dev.troupe.actors.index.ObjectIndex.WatchEvent;
import dev.troupe.actors.index.ObjectIndex.WatchStarted;
import dev.troupe.core.kinds.ServiceKind;
import dev.troupe.core.model.KubeObject;
import java.time.Duration;
import java.util.List;
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

/**
 * Watches fed by the index of a kind stored as JSON: the current state first, exact continuation
 * from a list, selectors, versions the change log no longer holds, and bookmarks.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectIndexWatchTest {

  private static final Config CONFIG =
      ConfigFactory.parseString(
          """
          pekko.actor.provider = local
          pekko.actor.serialize-messages = on
          """);

  private static final Duration QUIET = Duration.ofMillis(100);

  /** Where a freshly loaded index with a clock standing at T0 starts counting its positions. */
  private static final long LOADED_AT = T0.getEpochSecond() * 1_000_000L;

  @JUnit5TestKit
  final ActorTestKit testKit =
      new JUnit5TestKitBuilder().withName("ObjectIndexWatchTest").withCustomConfig(CONFIG).build();

  @Test
  void aWatchFromNothingSendsTheCurrentObjectsAsAddedInOrderThenEveryChange() {
    ActorRef<ObjectIndex.Command> index = index(100, Duration.ofHours(1));
    KubeObject web = svc("default", "web", 10);
    KubeObject api = svc("default", "api", 11);
    index.tell(new Changed(web, false));
    index.tell(new Changed(api, false));
    TestProbe<WatchEvent> events = testKit.createTestProbe();

    assertThat(watch(index, everything(), "", false, events).started()).isTrue();
    assertThat(events.receiveSeveralMessages(2))
        .containsExactly(
            new WatchEvent("ADDED", api, LOADED_AT + 2),
            new WatchEvent("ADDED", web, LOADED_AT + 2));

    KubeObject changed = atVersion(labelled(web, "v2"), 12);
    index.tell(new Changed(changed, false));
    assertThat(events.receiveMessage())
        .isEqualTo(new WatchEvent("MODIFIED", changed, LOADED_AT + 3));

    KubeObject removed = atVersion(api, 13);
    index.tell(new Changed(removed, true));
    assertThat(events.receiveMessage())
        .isEqualTo(new WatchEvent("DELETED", removed, LOADED_AT + 4));

    index.tell(new Changed(atVersion(web, 11), false));
    events.expectNoMessage(QUIET);
  }

  @Test
  void aWatchFromZeroAlsoStartsWithTheCurrentObjects() {
    ActorRef<ObjectIndex.Command> index = index(100, Duration.ofHours(1));
    KubeObject web = svc("default", "web", 10);
    index.tell(new Changed(web, false));
    TestProbe<WatchEvent> events = testKit.createTestProbe();

    watch(index, everything(), "0", false, events);

    assertThat(events.receiveMessage()).isEqualTo(new WatchEvent("ADDED", web, LOADED_AT + 1));
    events.expectNoMessage(QUIET);
  }

  @Test
  void aWatchFromAListsVersionReplaysExactlyWhatHappenedAfterIt() {
    ActorRef<ObjectIndex.Command> index = index(100, Duration.ofHours(1));
    KubeObject a = svc("default", "a", 10);
    KubeObject c = svc("default", "c", 11);
    index.tell(new Changed(a, false));
    index.tell(new Changed(c, false));
    long listed = list(index).resourceVersion();
    KubeObject b = svc("default", "b", 12);
    KubeObject a2 = atVersion(labelled(a, "v2"), 13);
    KubeObject cRemoved = atVersion(c, 14);
    index.tell(new Changed(b, false));
    index.tell(new Changed(a2, false));
    index.tell(new Changed(cRemoved, true));
    TestProbe<WatchEvent> events = testKit.createTestProbe();
    TestProbe<WatchEvent> fromNow = testKit.createTestProbe();

    assertThat(watch(index, everything(), Long.toString(listed), false, events).started()).isTrue();
    watch(index, everything(), Long.toString(list(index).resourceVersion()), false, fromNow);

    assertThat(events.receiveSeveralMessages(3))
        .containsExactly(
            new WatchEvent("ADDED", b, listed + 1),
            new WatchEvent("MODIFIED", a2, listed + 2),
            new WatchEvent("DELETED", cRemoved, listed + 3));
    events.expectNoMessage(QUIET);
    fromNow.expectNoMessage(Duration.ZERO);

    KubeObject d = svc("default", "d", 15);
    index.tell(new Changed(d, false));
    assertThat(events.receiveMessage()).isEqualTo(new WatchEvent("ADDED", d, listed + 4));
    assertThat(fromNow.receiveMessage()).isEqualTo(new WatchEvent("ADDED", d, listed + 4));
  }

  @Test
  void anObjectThatStartsOrStopsMatchingTheSelectionIsAddedOrDeletedForTheWatcher() {
    ActorRef<ObjectIndex.Command> index = index(100, Duration.ofHours(1));
    TestProbe<WatchEvent> events = testKit.createTestProbe();
    watch(index, new Selection("default", "app=web", "spec.type=NodePort"), "", false, events);
    KubeObject web = svc("default", "web", 10);

    index.tell(new Changed(web, false));
    events.expectNoMessage(QUIET);

    KubeObject exposed = atVersion(patched(web, "{\"spec\":{\"type\":\"NodePort\"}}"), 11);
    index.tell(new Changed(exposed, false));
    assertThat(events.receiveMessage().type()).isEqualTo("ADDED");

    KubeObject relabelled =
        atVersion(patched(exposed, "{\"metadata\":{\"labels\":{\"app\":\"db\"}}}"), 12);
    index.tell(new Changed(relabelled, false));
    WatchEvent gone = events.receiveMessage();
    assertThat(gone.type()).isEqualTo("DELETED");
    assertThat(gone.object()).isEqualTo(relabelled);

    index.tell(new Changed(atVersion(relabelled, 13), true));
    index.tell(
        new Changed(stored(ServiceKind.INSTANCE, service("web", "NodePort"), "other", 14), false));
    events.expectNoMessage(QUIET);
  }

  @Test
  void aWatchFromAVersionTheChangeLogNoLongerHoldsIsRefusedSoTheClientListsAgain() {
    ActorRef<ObjectIndex.Command> index = index(2, Duration.ofHours(1));
    long listed = list(index).resourceVersion();
    for (int i = 0; i < 3; i++) {
      index.tell(new Changed(svc("default", "s" + i, 10 + i), false));
    }
    TestProbe<WatchEvent> events = testKit.createTestProbe();

    WatchStarted outcome = watch(index, everything(), Long.toString(listed), false, events);

    assertThat(outcome).isEqualTo(new WatchStarted(false, listed + 1));
    events.expectNoMessage(QUIET);
  }

  @Test
  void aWatchFromAVersionBeforeTheIndexWasLoadedIsRefused() {
    ActorRef<ObjectIndex.Command> index = index(100, Duration.ofHours(1));
    list(index);
    TestProbe<WatchEvent> events = testKit.createTestProbe();

    WatchStarted outcome = watch(index, everything(), Long.toString(LOADED_AT - 1), false, events);

    assertThat(outcome).isEqualTo(new WatchStarted(false, LOADED_AT));
  }

  @Test
  void aWatchThatAskedForBookmarksGetsTheCurrentVersionPeriodically() {
    ActorRef<ObjectIndex.Command> index = index(100, Duration.ofMillis(50));
    index.tell(new Changed(svc("default", "web", 10), false));
    TestProbe<WatchEvent> withBookmarks = testKit.createTestProbe();
    TestProbe<WatchEvent> without = testKit.createTestProbe();
    watch(index, everything(), Long.toString(LOADED_AT + 1), true, withBookmarks);
    watch(index, everything(), Long.toString(LOADED_AT + 1), false, without);

    WatchEvent bookmark = withBookmarks.receiveMessage(Duration.ofSeconds(3));

    assertThat(bookmark).isEqualTo(new WatchEvent("BOOKMARK", null, LOADED_AT + 1));
    assertThat(bookmark.resourceVersion()).isEqualTo(list(index).resourceVersion());
    without.expectNoMessage(QUIET);
  }

  @Test
  void aStoppedWatcherIsForgottenAndTheOthersKeepReceiving() {
    ActorRef<ObjectIndex.Command> index = index(100, Duration.ofHours(1));
    TestProbe<WatchEvent> gone = testKit.createTestProbe();
    TestProbe<WatchEvent> staying = testKit.createTestProbe();
    watch(index, everything(), "", false, gone);
    watch(index, everything(), "", false, staying);
    gone.stop();
    testKit.createTestProbe().expectTerminated(gone.ref());

    KubeObject web = svc("default", "web", 10);
    index.tell(new Changed(web, false));

    assertThat(staying.receiveMessage()).isEqualTo(new WatchEvent("ADDED", web, LOADED_AT + 1));
    assertThat(list(index).items()).containsExactly(web);
  }

  // --- Helpers -----------------------------------------------------------------------------------

  /** An index that has finished loading, so that changes told next get positions after it. */
  private ActorRef<ObjectIndex.Command> index(int capacity, Duration bookmarks) {
    ActorRef<ObjectIndex.Command> index =
        testKit.spawn(
            ObjectIndex.create(
                "Service",
                () -> CompletableFuture.completedFuture(List.of()),
                new ObjectIndex.Settings(new MutableClock(T0), capacity, bookmarks)));
    TestProbe<Boolean> ready = testKit.createTestProbe();
    ready.awaitAssert(
        () -> {
          index.tell(new ObjectIndex.IsReady(ready.ref()));
          assertThat(ready.receiveMessage()).isTrue();
          return null;
        });
    return index;
  }

  private static Selection everything() {
    return Selection.inNamespace(null);
  }

  private ObjectIndex.Listing list(ActorRef<ObjectIndex.Command> index) {
    TestProbe<ObjectIndex.Listing> probe = testKit.createTestProbe();
    index.tell(new ObjectIndex.ListObjects(everything(), Page.ALL, probe.ref()));
    return probe.receiveMessage();
  }

  private WatchStarted watch(
      ActorRef<ObjectIndex.Command> index,
      Selection selection,
      String from,
      boolean bookmarks,
      TestProbe<WatchEvent> events) {
    TestProbe<WatchStarted> started = testKit.createTestProbe();
    index.tell(new ObjectIndex.Watch(selection, from, bookmarks, events.ref(), started.ref()));
    return started.receiveMessage();
  }

  private static KubeObject svc(String namespace, String name, long version) {
    return stored(ServiceKind.INSTANCE, service(name, "ClusterIP"), namespace, version);
  }

  private static KubeObject labelled(KubeObject object, String version) {
    return patched(object, "{\"metadata\":{\"labels\":{\"version\":\"%s\"}}}".formatted(version));
  }
}
