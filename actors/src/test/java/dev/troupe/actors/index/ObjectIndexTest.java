package dev.troupe.actors.index;

import static dev.troupe.actors.PodFixtures.T0;
import static dev.troupe.actors.object.ObjectFixtures.atVersion;
import static dev.troupe.actors.object.ObjectFixtures.namespace;
import static dev.troupe.actors.object.ObjectFixtures.patched;
import static dev.troupe.actors.object.ObjectFixtures.service;
import static dev.troupe.actors.object.ObjectFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.actors.MutableClock;
import dev.troupe.actors.index.ObjectIndex.Changed;
import dev.troupe.actors.index.ObjectIndex.Listing;
import dev.troupe.core.kinds.NamespaceKind;
import dev.troupe.core.kinds.ServiceKind;
import dev.troupe.core.model.KubeObject;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The index of a kind stored as JSON, in a local actor system with every message serialized:
 * loading, applying changes, lists with selectors and pages, and lookups.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectIndexTest {

  private static final Config CONFIG =
      ConfigFactory.parseString(
          """
          pekko.actor.provider = local
          pekko.actor.serialize-messages = on
          """);

  /** Long enough for a message to arrive if it were sent; nothing is expected in it. */
  private static final Duration QUIET = Duration.ofMillis(100);

  /** Where a freshly loaded index with a clock standing at T0 starts counting its positions. */
  private static final long LOADED_AT = T0.getEpochSecond() * 1_000_000L;

  @JUnit5TestKit
  final ActorTestKit testKit =
      new JUnit5TestKitBuilder().withName("ObjectIndexTest").withCustomConfig(CONFIG).build();

  // --- Loading -----------------------------------------------------------------------------------

  @Test
  void anIndexAnswersNothingUntilLoadedThenServesTheLoadedObjectsAndIsReady() {
    CompletableFuture<List<KubeObject>> loading = new CompletableFuture<>();
    ActorRef<ObjectIndex.Command> index = spawn(() -> loading, 100);
    TestProbe<Listing> lister = testKit.createTestProbe();
    TestProbe<ObjectIndex.Found> finder = testKit.createTestProbe();
    TestProbe<Boolean> ready = testKit.createTestProbe();

    index.tell(new ObjectIndex.ListObjects(everything(), Page.ALL, lister.ref()));
    index.tell(new ObjectIndex.Lookup("default/web", finder.ref()));
    index.tell(new ObjectIndex.IsReady(ready.ref()));
    assertThat(ready.receiveMessage()).isFalse();
    lister.expectNoMessage(QUIET);
    finder.expectNoMessage(Duration.ZERO);

    KubeObject web = svc("default", "web", 10);
    KubeObject api = svc("default", "api", 12);
    loading.complete(List.of(web, api));

    assertThat(lister.receiveMessage().items()).containsExactly(api, web);
    assertThat(finder.receiveMessage().object()).isEqualTo(web);
    index.tell(new ObjectIndex.IsReady(ready.ref()));
    assertThat(ready.receiveMessage()).isTrue();
  }

  @Test
  void aLoaderThatFailsIsTriedAgain() {
    AtomicInteger attempts = new AtomicInteger();
    KubeObject web = svc("default", "web", 5);
    Supplier<CompletionStage<List<KubeObject>>> loader =
        () ->
            attempts.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new IllegalStateException("journal not up yet"))
                : CompletableFuture.completedFuture(List.of(web));
    TestProbe<Listing> lister = testKit.createTestProbe();

    LoggingTestKit.warn("rebuilding the Service index failed, retrying")
        .expect(
            testKit.system(),
            () -> {
              ActorRef<ObjectIndex.Command> index = spawn(loader, 100);
              index.tell(new ObjectIndex.ListObjects(everything(), Page.ALL, lister.ref()));
              return index;
            });

    assertThat(lister.receiveMessage(Duration.ofSeconds(5)).items()).containsExactly(web);
    assertThat(attempts).hasValue(2);
  }

  @Test
  void changesThatArriveWhileLoadingWinOverOlderLoadedVersions() {
    CompletableFuture<List<KubeObject>> loading = new CompletableFuture<>();
    ActorRef<ObjectIndex.Command> index = spawn(() -> loading, 100);
    KubeObject web = svc("default", "web", 10);
    KubeObject api = svc("default", "api", 10);
    KubeObject db = svc("default", "db", 10);

    index.tell(new Changed(atVersion(web, 20), false));
    index.tell(new Changed(atVersion(api, 30), true));
    index.tell(new Changed(atVersion(db, 5), false));
    loading.complete(List.of(web, api, db));

    assertThat(list(index, everything()).items()).containsExactly(db, atVersion(web, 20));
  }

  // --- Changes -----------------------------------------------------------------------------------

  static Stream<Arguments> versions() {
    return Stream.of(
        arguments("an older version is ignored", 20L, 10L, false),
        arguments("the same version is ignored", 20L, 20L, false),
        arguments("a newer version replaces it", 20L, 21L, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("versions")
  void onlyANewerChangeReplacesTheStoredObject(
      String description, long storedVersion, long changedVersion, boolean replaced) {
    ActorRef<ObjectIndex.Command> index = loadedIndex();
    KubeObject web = svc("default", "web", storedVersion);
    index.tell(new Changed(web, false));
    long before = list(index, everything()).resourceVersion();

    KubeObject changed = atVersion(labelled(web, "changed"), changedVersion);
    index.tell(new Changed(changed, false));

    Listing listing = list(index, everything());
    assertThat(listing.items()).singleElement().isEqualTo(replaced ? changed : web);
    assertThat(listing.resourceVersion() > before)
        .as("the list's version moves only when a change is applied")
        .isEqualTo(replaced);
  }

  @Test
  void aRemovedObjectIsGoneAndNotResurrectedByAStaleChange() {
    ActorRef<ObjectIndex.Command> index = loadedIndex();
    KubeObject web = svc("default", "web", 10);
    index.tell(new Changed(web, false));

    index.tell(new Changed(atVersion(web, 20), true));
    assertThat(list(index, everything()).items()).isEmpty();
    assertThat(lookup(index, "default/web")).isNull();

    index.tell(new Changed(atVersion(web, 15), false));
    index.tell(new Changed(atVersion(web, 20), false));
    assertThat(list(index, everything()).items()).isEmpty();

    KubeObject recreated = atVersion(web, 25);
    index.tell(new Changed(recreated, false));
    assertThat(list(index, everything()).items()).containsExactly(recreated);
  }

  @Test
  void aListingIsAtThePositionOfTheLastChangeAppliedIncludingRemovals() {
    ActorRef<ObjectIndex.Command> index = loadedIndex();
    assertThat(list(index, everything()).resourceVersion()).isEqualTo(LOADED_AT);

    KubeObject web = svc("default", "web", 40);
    index.tell(new Changed(web, false));
    index.tell(new Changed(svc("other", "api", 30), false));
    long afterTwo = list(index, Selection.inNamespace("other")).resourceVersion();
    index.tell(new Changed(atVersion(web, 50), true));
    long afterRemoval = list(index, everything()).resourceVersion();

    assertThat(afterTwo).isEqualTo(LOADED_AT + 2);
    assertThat(afterRemoval).isEqualTo(LOADED_AT + 3);
  }

  // --- Lists and lookups -------------------------------------------------------------------------

  @Test
  void listsAreOfOneNamespaceOrOfAllSortedByNamespaceThenName() {
    ActorRef<ObjectIndex.Command> index = loadedIndex();
    KubeObject bx = svc("b", "x", 14);
    KubeObject ay = svc("a", "y", 11);
    KubeObject ax = svc("a", "x", 12);
    KubeObject az = svc("a", "z", 13);
    KubeObject abx = svc("a-b", "x", 15);
    Stream.of(bx, ay, ax, az, abx).forEach(o -> index.tell(new Changed(o, false)));

    assertThat(list(index, everything()).items()).containsExactly(ax, ay, az, abx, bx);
    assertThat(list(index, Selection.inNamespace("a")).items()).containsExactly(ax, ay, az);
    assertThat(list(index, Selection.inNamespace("b")).items()).containsExactly(bx);
    assertThat(list(index, Selection.inNamespace("c")).items()).isEmpty();
  }

  @Test
  void clusterScopedObjectsAreListedByNameAndLookedUpUnderSlashName() {
    ActorRef<ObjectIndex.Command> index = spawn(NamespaceKind.INSTANCE.type().kind(), 100);
    KubeObject teamB = stored(NamespaceKind.INSTANCE, namespace("team-b"), null, 11);
    KubeObject def = stored(NamespaceKind.INSTANCE, namespace("default"), null, 12);
    KubeObject teamA = stored(NamespaceKind.INSTANCE, namespace("team-a"), null, 13);
    Stream.of(teamB, def, teamA).forEach(o -> index.tell(new Changed(o, false)));

    assertThat(list(index, everything()).items()).containsExactly(def, teamA, teamB);
    assertThat(lookup(index, "/team-a")).isEqualTo(teamA);
    assertThat(lookup(index, "team-a")).isNull();
    assertThat(list(index, new Selection(null, "kubernetes.io/metadata.name=team-b", "")).items())
        .containsExactly(teamB);
    assertThat(list(index, new Selection(null, "", "status.phase=Active")).items())
        .containsExactly(def, teamA, teamB);
  }

  @Test
  void lookupFindsTheObjectAtItsKeyOnly() {
    ActorRef<ObjectIndex.Command> index = loadedIndex();
    KubeObject web = svc("default", "web", 10);
    index.tell(new Changed(web, false));

    assertThat(lookup(index, "default/web")).isEqualTo(web);
    assertThat(lookup(index, "other/web")).isNull();
    assertThat(lookup(index, "/web")).isNull();
  }

  static Stream<Arguments> selections() {
    return Stream.of(
        arguments("by label", new Selection(null, "app=web", ""), List.of("web")),
        arguments("by label set", new Selection(null, "app in (web,db)", ""), List.of("db", "web")),
        arguments(
            "by service type", new Selection(null, "", "spec.type=NodePort"), List.of("db", "web")),
        arguments(
            "by another service type",
            new Selection(null, "", "spec.type!=NodePort"),
            List.of("api", "cache")),
        arguments("by name", new Selection(null, "", "metadata.name=api"), List.of("api")),
        arguments(
            "by label and type",
            new Selection(null, "app=web", "spec.type=NodePort"),
            List.of("web")),
        arguments(
            "by namespace and type", new Selection("other", "", "spec.type=NodePort"), List.of()),
        arguments("by a label nothing has", new Selection(null, "tier=front", ""), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("selections")
  void aListHoldsOnlyTheObjectsItsSelectionSelects(
      String description, Selection selection, List<String> expectedNames) {
    ActorRef<ObjectIndex.Command> index = loadedIndex();
    Stream.of(
            nodePort("web", "web", 10),
            clusterIp("api", "api", 11),
            nodePort("db", "db", 12),
            clusterIp("cache", "cache", 13))
        .forEach(o -> index.tell(new Changed(o, false)));

    assertThat(list(index, selection).items())
        .extracting(KubeObject::name)
        .containsExactlyElementsOf(expectedNames);
  }

  // --- Pages -------------------------------------------------------------------------------------

  @Test
  void pagesCoverEveryObjectOnceInOrderAndTheLastOneSaysNoMore() {
    ActorRef<ObjectIndex.Command> index = indexWith(100, "a", "b", "c", "d", "e");

    Listing first = page(index, new Page(2, 0, ""));
    Listing second = page(index, new Page(2, first.resourceVersion(), first.continueAfter()));
    Listing third = page(index, new Page(2, first.resourceVersion(), second.continueAfter()));

    assertThat(names(first)).containsExactly("a", "b");
    assertThat(first.continueAfter()).isEqualTo("default/b");
    assertThat(names(second)).containsExactly("c", "d");
    assertThat(names(third)).containsExactly("e");
    assertThat(third.continueAfter()).isNull();
    assertThat(second.resourceVersion()).isEqualTo(first.resourceVersion());
    assertThat(List.of(first, second, third)).noneMatch(Listing::expired);
  }

  @Test
  void aContinuedListShowsTheObjectsAsTheyWereWhenItsFirstPageWasServed() {
    ActorRef<ObjectIndex.Command> index = indexWith(100, "a", "b", "c", "d");
    Listing first = page(index, new Page(2, 0, ""));

    KubeObject c = svc("default", "c", 3);
    index.tell(new Changed(atVersion(labelled(c, "new"), 20), false));
    index.tell(new Changed(svc("default", "d", 21), true));
    index.tell(new Changed(svc("default", "ca", 22), false));
    Listing rest = page(index, new Page(0, first.resourceVersion(), first.continueAfter()));

    assertThat(names(rest)).containsExactly("c", "d");
    assertThat(rest.items().get(0)).isEqualTo(c);
    assertThat(rest.resourceVersion()).isEqualTo(first.resourceVersion());
    assertThat(names(page(index, Page.ALL))).containsExactly("a", "b", "c", "ca");
  }

  @Test
  void aContinueWhoseChangesLeftTheChangeLogIsExpired() {
    ActorRef<ObjectIndex.Command> index = indexWith(2, "a", "b", "c");
    Listing first = page(index, new Page(1, 0, ""));
    for (int i = 0; i < 3; i++) {
      index.tell(new Changed(svc("default", "new-" + i, 30 + i), false));
    }

    Listing rest = page(index, new Page(1, first.resourceVersion(), first.continueAfter()));

    assertThat(rest.expired()).isTrue();
    assertThat(rest.items()).isEmpty();
    assertThat(rest.resourceVersion()).isGreaterThan(first.resourceVersion());
  }

  // --- Helpers -----------------------------------------------------------------------------------

  private ActorRef<ObjectIndex.Command> loadedIndex() {
    return spawn("Service", 100);
  }

  /** An empty index of {@code kind} that has finished loading. */
  private ActorRef<ObjectIndex.Command> spawn(String kind, int capacity) {
    return ready(
        testKit.spawn(
            ObjectIndex.create(
                kind,
                () -> CompletableFuture.completedFuture(List.of()),
                new ObjectIndex.Settings(new MutableClock(T0), capacity, Duration.ofHours(1)))));
  }

  /** {@code index} once it is loaded, so that changes told next get positions after loading. */
  private ActorRef<ObjectIndex.Command> ready(ActorRef<ObjectIndex.Command> index) {
    TestProbe<Boolean> ready = testKit.createTestProbe();
    ready.awaitAssert(
        () -> {
          index.tell(new ObjectIndex.IsReady(ready.ref()));
          assertThat(ready.receiveMessage()).isTrue();
          return null;
        });
    return index;
  }

  private ActorRef<ObjectIndex.Command> spawn(
      Supplier<CompletionStage<List<KubeObject>>> loader, int capacity) {
    return testKit.spawn(
        ObjectIndex.create(
            "Service",
            loader,
            new ObjectIndex.Settings(new MutableClock(T0), capacity, Duration.ofHours(1))));
  }

  /** An index loaded with the services {@code names} in {@code default}, at versions 1, 2 … */
  private ActorRef<ObjectIndex.Command> indexWith(int capacity, String... names) {
    List<KubeObject> loaded =
        Stream.of(names).map(n -> svc("default", n, List.of(names).indexOf(n) + 1)).toList();
    return ready(spawn(() -> CompletableFuture.completedFuture(loaded), capacity));
  }

  private Listing list(ActorRef<ObjectIndex.Command> index, Selection selection) {
    TestProbe<Listing> probe = testKit.createTestProbe();
    index.tell(new ObjectIndex.ListObjects(selection, Page.ALL, probe.ref()));
    return probe.receiveMessage();
  }

  private Listing page(ActorRef<ObjectIndex.Command> index, Page page) {
    TestProbe<Listing> probe = testKit.createTestProbe();
    index.tell(new ObjectIndex.ListObjects(everything(), page, probe.ref()));
    return probe.receiveMessage();
  }

  private KubeObject lookup(ActorRef<ObjectIndex.Command> index, String key) {
    TestProbe<ObjectIndex.Found> probe = testKit.createTestProbe();
    index.tell(new ObjectIndex.Lookup(key, probe.ref()));
    return probe.receiveMessage().object();
  }

  private static Selection everything() {
    return Selection.inNamespace(null);
  }

  private static List<String> names(Listing listing) {
    return listing.items().stream().map(KubeObject::name).toList();
  }

  private static KubeObject svc(String namespace, String name, long version) {
    return stored(ServiceKind.INSTANCE, service(name, "ClusterIP"), namespace, version);
  }

  private static KubeObject nodePort(String name, String app, long version) {
    return withApp(
        stored(ServiceKind.INSTANCE, service(name, "NodePort"), "default", version), app);
  }

  private static KubeObject clusterIp(String name, String app, long version) {
    return withApp(svc("default", name, version), app);
  }

  private static KubeObject withApp(KubeObject service, String app) {
    return patched(service, "{\"metadata\":{\"labels\":{\"app\":\"%s\"}}}".formatted(app));
  }

  private static KubeObject labelled(KubeObject object, String version) {
    return patched(object, "{\"metadata\":{\"labels\":{\"version\":\"%s\"}}}".formatted(version));
  }
}
