package dev.troupe.actors.index;

import static dev.troupe.actors.PodFixtures.T0;
import static dev.troupe.actors.PodFixtures.atVersion;
import static dev.troupe.actors.PodFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.actors.MutableClock;
import dev.troupe.actors.index.PodIndex.Changed;
import dev.troupe.actors.index.PodIndex.Listing;
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

/** Lists in pages ({@code limit}/{@code continue}) that stay consistent while pods change. */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodIndexPagingTest {

  private static final Config CONFIG =
      ConfigFactory.parseString(
          """
          pekko.actor.provider = local
          pekko.actor.serialize-messages = on
          """);

  @JUnit5TestKit
  final ActorTestKit testKit =
      new JUnit5TestKitBuilder().withName("PodIndexPagingTest").withCustomConfig(CONFIG).build();

  @Test
  void pagesCoverEveryPodOnceInOrderAndTheLastOneSaysNoMore() {
    ActorRef<PodIndex.Command> index = indexWith(100, "a", "b", "c", "d", "e");

    Listing first = page(index, new Page(2, 0, ""));
    Listing second = page(index, new Page(2, first.resourceVersion(), first.continueAfter()));
    Listing third = page(index, new Page(2, first.resourceVersion(), second.continueAfter()));

    assertThat(names(first)).containsExactly("a", "b");
    assertThat(names(second)).containsExactly("c", "d");
    assertThat(names(third)).containsExactly("e");
    assertThat(third.continueAfter()).isNull();
    assertThat(second.resourceVersion()).isEqualTo(first.resourceVersion());
  }

  @Test
  void aContinuedListShowsThePodsAsTheyWereWhenItsFirstPageWasServed() {
    ActorRef<PodIndex.Command> index = indexWith(100, "a", "b", "c", "d");
    Listing first = page(index, new Page(2, 0, ""));

    Pod c = stored("default", "c", 10);
    index.tell(
        new Changed(
            atVersion(c.withMetadata(c.metadata().withLabels(Map.of("x", "y"))), 20), false));
    index.tell(new Changed(atVersion(stored("default", "d", 10), 21), true));
    index.tell(new Changed(stored("default", "ca", 22), false));
    Listing rest = page(index, new Page(0, first.resourceVersion(), first.continueAfter()));

    assertThat(names(rest)).containsExactly("c", "d");
    assertThat(rest.items().get(0).metadata().labelsOrEmpty()).doesNotContainKey("x");
    assertThat(names(page(index, Page.ALL))).containsExactly("a", "b", "c", "ca");
  }

  @Test
  void aContinueWhoseChangesLeftTheLogIsExpired() {
    ActorRef<PodIndex.Command> index = indexWith(2, "a", "b", "c");
    Listing first = page(index, new Page(1, 0, ""));
    for (int i = 0; i < 3; i++) {
      index.tell(new Changed(stored("default", "new" + i, 30 + i), false));
    }

    Listing continued = page(index, new Page(1, first.resourceVersion(), first.continueAfter()));

    assertThat(continued.expired()).isTrue();
    assertThat(continued.items()).isEmpty();
  }

  private ActorRef<PodIndex.Command> indexWith(int capacity, String... names) {
    ActorRef<PodIndex.Command> index =
        testKit.spawn(
            PodIndex.create(
                () -> CompletableFuture.completedFuture(List.of()),
                new PodIndex.Settings(new MutableClock(T0), capacity, Duration.ofHours(1))));
    for (String name : names) {
      index.tell(new Changed(stored("default", name, 10), false));
    }
    return index;
  }

  private Listing page(ActorRef<PodIndex.Command> index, Page page) {
    TestProbe<Listing> probe = testKit.createTestProbe();
    index.tell(new PodIndex.ListPods(Selection.inNamespace(null), page, probe.ref()));
    return probe.receiveMessage();
  }

  private static List<String> names(Listing listing) {
    return listing.items().stream().map(Pod::name).toList();
  }
}
