package dev.troupe.http.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.ResourceNotFoundException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pod API as the fabric8 Kubernetes client drives it, over real HTTP against the server that
 * {@link dev.troupe.http.ApiTestServer} runs: CRUD with fabric8's model and its patch formats,
 * optimistic concurrency, dry runs, label and field selectors, paged lists, watches and a shared
 * informer. Each test has a client of its own, in a namespace of its own; see {@link
 * Fabric8Server.Api#client} for how it is configured.
 */
@ExtendWith(Fabric8Server.class)
@Timeout(60) // a safety net against a watch that never starts, not a measure of speed
class Fabric8ClientTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final String ns = Fabric8Server.freshNamespace();
  private final KubernetesClient client;

  Fabric8ClientTest(Fabric8Server.Api api) {
    this.client = api.client(ns);
  }

  @AfterEach
  void closeTheClient() {
    client.close();
  }

  // --- Create, get, change, delete ---------------------------------------------------------------

  @Test
  void aPodBuiltWithPodBuilderIsCreatedAndReadBackWithItsUidTimestampAndDefaults() {
    Pod created = client.pods().resource(pod("web", Map.of("app", "web"))).create();

    Pod read = client.pods().withName("web").get();

    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(read.getKind()).isEqualTo("Pod");
    assertThat(read.getApiVersion()).isEqualTo("v1");
    assertThat(read.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
    assertThat(read.getMetadata().getNamespace()).isEqualTo(ns);
    assertThat(read.getMetadata().getLabels()).containsExactly(entry("app", "web"));
    assertThat(Instant.parse(read.getMetadata().getCreationTimestamp()))
        .isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plusSeconds(1));
    assertThat(read.getMetadata().getResourceVersion()).isNotBlank();
    assertThat(read.getSpec().getRestartPolicy()).isEqualTo("Always");
    assertThat(read.getSpec().getDnsPolicy()).isEqualTo("ClusterFirst");
    assertThat(read.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(30L);
    assertThat(read.getSpec().getContainers())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getImage()).isEqualTo("troupe/hello:1");
              assertThat(c.getImagePullPolicy()).isEqualTo("IfNotPresent");
            });
    assertThat(read.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(read.getSpec().getNodeName()).isNull();
  }

  @Test
  void editSendsAJsonPatchAndMergeAndStrategicPatchesChangeLabelsAndAnnotations() {
    client.pods().resource(pod("web", Map.of("app", "web"))).create();

    Pod edited =
        client
            .pods()
            .withName("web")
            .edit(
                p ->
                    new PodBuilder(p)
                        .editMetadata()
                        .addToLabels("tier", "fe")
                        .endMetadata()
                        .build());
    Pod merged =
        client
            .pods()
            .withName("web")
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"tier\":null,\"track\":\"stable\"}}}");
    Pod strategic =
        client
            .pods()
            .withName("web")
            .patch(
                PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"metadata\":{\"annotations\":{\"owner\":\"team-a\"}}}");

    assertThat(edited.getMetadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(Map.of("app", "web", "tier", "fe"));
    assertThat(merged.getMetadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(Map.of("app", "web", "track", "stable"));
    assertThat(strategic.getMetadata().getAnnotations()).containsEntry("owner", "team-a");
    assertThat(resourceVersion(merged)).isGreaterThan(resourceVersion(edited));
    Pod read = client.pods().withName("web").get();
    assertThat(read.getMetadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(Map.of("app", "web", "track", "stable"));
    assertThat(read.getMetadata().getAnnotations()).containsEntry("owner", "team-a");
  }

  @Test
  void updateWithTheCurrentVersionReplacesThePodAndAStaleVersionConflicts() {
    client.pods().resource(pod("web", Map.of("app", "web"))).create();
    Pod current = client.pods().withName("web").get();

    Pod updated = client.pods().resource(withLabel(current, "tier", "db")).update();
    KubernetesClientException conflict =
        assertThatExceptionOfType(KubernetesClientException.class)
            .isThrownBy(() -> client.pods().resource(withLabel(current, "tier", "cache")).update())
            .actual();

    assertThat(updated.getMetadata().getLabels()).containsEntry("tier", "db");
    assertThat(resourceVersion(updated)).isGreaterThan(resourceVersion(current));
    assertThat(conflict.getCode()).isEqualTo(409);
    assertThat(conflict.getStatus().getReason()).isEqualTo("Conflict");
    assertThat(client.pods().withName("web").get().getMetadata().getLabels())
        .containsEntry("tier", "db");
  }

  @Test
  void updateWithoutAVersionTakesTheLatestOneFromTheServer() {
    client.pods().resource(pod("web", Map.of("app", "web"))).create();
    Pod current = client.pods().withName("web").get();
    Pod unversioned = withLabel(current, "tier", "db");
    unversioned.getMetadata().setResourceVersion(null);

    Pod updated = client.pods().resource(unversioned).update();

    assertThat(updated.getMetadata().getLabels()).containsEntry("tier", "db");
    assertThat(resourceVersion(updated)).isGreaterThan(resourceVersion(current));
  }

  @Test
  void aDeletedPodIsGoneAndDeletingItAgainFindsNothing() {
    client.pods().resource(pod("doomed", Map.of("app", "web"))).create();

    var deleted = client.pods().withName("doomed").delete();

    assertThat(deleted).singleElement().satisfies(d -> assertThat(d.getName()).isEqualTo("doomed"));
    assertThat(client.pods().withName("doomed").get()).isNull();
    assertThat(client.pods().list().getItems()).isEmpty();
    assertThat(client.pods().withName("doomed").delete()).isEmpty();
  }

  @Test
  void creatingATakenNameConflictsAndAMissingPodReadsAsNull() {
    client.pods().resource(pod("web", Map.of("app", "web"))).create();

    KubernetesClientException taken =
        assertThatExceptionOfType(KubernetesClientException.class)
            .isThrownBy(() -> client.pods().resource(pod("web", Map.of("app", "db"))).create())
            .actual();

    assertThat(taken.getCode()).isEqualTo(409);
    assertThat(taken.getStatus().getReason()).isEqualTo("AlreadyExists");
    assertThat(client.pods().withName("missing").get()).isNull();
    assertThatExceptionOfType(ResourceNotFoundException.class)
        .isThrownBy(() -> client.pods().withName("missing").require());
  }

  @Test
  void dryRunsAnswerWhatWouldBeStoredAndStoreNothing() {
    client.pods().resource(pod("web", Map.of("app", "web"))).create();

    Pod wouldCreate = client.pods().resource(pod("dry", Map.of("app", "web"))).dryRun().create();
    Pod wouldPatch =
        client
            .pods()
            .withName("web")
            .dryRun()
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"tier\":\"fe\"}}}");
    client.pods().withName("web").dryRun().delete();

    assertThat(wouldCreate.getMetadata().getUid()).isNotBlank();
    assertThat(wouldPatch.getMetadata().getLabels()).containsEntry("tier", "fe");
    assertThat(client.pods().withName("dry").get()).isNull();
    Pod web = client.pods().withName("web").get();
    assertThat(web.getMetadata().getLabels()).doesNotContainKey("tier");
    assertThat(web.getMetadata().getDeletionTimestamp()).isNull();
  }

  // --- Lists -------------------------------------------------------------------------------------

  @Test
  void labelSelectorsListOnlyTheMatchingPods() {
    client.pods().resource(pod("web-fe", Map.of("app", "web", "tier", "fe"))).create();
    client.pods().resource(pod("web-be", Map.of("app", "web", "tier", "be"))).create();
    client.pods().resource(pod("db", Map.of("app", "db"))).create();

    assertThat(names(client.pods().withLabel("app", "web").list()))
        .containsExactlyInAnyOrder("web-fe", "web-be");
    assertThat(names(client.pods().withLabelNotIn("tier", "fe").list()))
        .containsExactlyInAnyOrder("web-be", "db");
    assertThat(names(client.pods().withLabels(Map.of("app", "web", "tier", "be")).list()))
        .containsExactly("web-be");
    assertThat(names(client.pods().withLabelIn("app", "db", "cache").list())).containsExactly("db");
    assertThat(names(client.pods().withLabel("tier").list()))
        .containsExactlyInAnyOrder("web-fe", "web-be");
    assertThat(names(client.pods().withoutLabel("app", "web").list())).containsExactly("db");
    assertThat(names(client.pods().list())).containsExactlyInAnyOrder("web-fe", "web-be", "db");
  }

  @Test
  void aFieldSelectorByNameListsThatPodAloneAndCombinesWithLabels() {
    client.pods().resource(pod("a", Map.of("app", "web"))).create();
    client.pods().resource(pod("b", Map.of("app", "web"))).create();

    PodList byName = client.pods().withField("metadata.name", "b").list();

    assertThat(names(byName)).containsExactly("b");
    assertThat(byName.getMetadata().getResourceVersion()).isNotBlank();
    assertThat(names(client.pods().withoutField("metadata.name", "b").list())).containsExactly("a");
    assertThat(names(client.pods().withLabel("app", "web").withField("metadata.name", "a").list()))
        .containsExactly("a");
    assertThat(names(client.pods().withLabel("app", "db").withField("metadata.name", "a").list()))
        .isEmpty();
  }

  @Test
  void aListInPagesOfTwoFollowsTheContinueTokenToEveryPodOnce() {
    for (int i = 0; i < 5; i++) {
      client.pods().resource(pod("page-" + i, Map.of("app", "web"))).create();
    }

    List<String> seen = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      PodList page =
          client.pods().list(new ListOptionsBuilder().withLimit(2L).withContinue(next).build());
      assertThat(page.getItems()).hasSizeLessThanOrEqualTo(2);
      seen.addAll(names(page));
      next = page.getMetadata().getContinue();
      pages++;
    } while (next != null && !next.isEmpty() && pages < 10);

    assertThat(seen)
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 5).mapToObj(i -> "page-" + i).toList());
    assertThat(pages).isEqualTo(3);
  }

  // --- Watches and informers ---------------------------------------------------------------------

  @Test
  void aWatchReceivesAddedModifiedAndDeletedForAPodChangedAfterItStarted() throws Exception {
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    Watch watch = client.pods().watch(collectInto(events));
    try {
      client.pods().resource(pod("watched", Map.of("app", "web"))).create();
      client
          .pods()
          .withName("watched")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"metadata\":{\"labels\":{\"tier\":\"fe\"}}}");
      client.pods().withName("watched").delete();

      List<Event> seen = new ArrayList<>();
      Event event;
      do {
        event = next(events);
        seen.add(event);
      } while (event.action() != Watcher.Action.DELETED);

      assertThat(seen).allSatisfy(e -> assertThat(e.name()).isEqualTo("watched"));
      assertThat(seen.get(0).action()).isEqualTo(Watcher.Action.ADDED);
      assertThat(seen.subList(1, seen.size() - 1))
          .isNotEmpty()
          .allSatisfy(e -> assertThat(e.action()).isEqualTo(Watcher.Action.MODIFIED))
          .anySatisfy(e -> assertThat(e.labels()).containsEntry("tier", "fe"));
      assertThat(seen.get(seen.size() - 1).labels()).containsEntry("tier", "fe");
      assertThat(seen.stream().map(Event::version).toList()).isSorted();
    } finally {
      watch.close();
    }
  }

  @Test
  void aWatchFromAListsVersionSeesOnlyWhatCameAfterTheList() throws Exception {
    client.pods().resource(pod("before", Map.of("app", "web"))).create();
    String listed = client.pods().list().getMetadata().getResourceVersion();
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    Watch watch = client.pods().withResourceVersion(listed).watch(collectInto(events));
    try {
      client.pods().resource(pod("after", Map.of("app", "web"))).create();

      // "before" may still change (the scheduler records that no node fits), never be added.
      Event event = next(events);
      while ("before".equals(event.name())) {
        assertThat(event.action()).isEqualTo(Watcher.Action.MODIFIED);
        event = next(events);
      }
      assertThat(event.action()).isEqualTo(Watcher.Action.ADDED);
      assertThat(event.name()).isEqualTo("after");
      assertThat(event.version()).isGreaterThan(Long.parseLong(listed));
    } finally {
      watch.close();
    }
  }

  @Test
  void aWatchFromAVersionTheServerNoLongerHasIsClosedAsGone() throws Exception {
    BlockingQueue<WatcherException> closed = new LinkedBlockingQueue<>();

    Watch watch =
        client
            .pods()
            .withResourceVersion("1")
            .watch(
                new Watcher<Pod>() {
                  @Override
                  public void eventReceived(Action action, Pod pod) {}

                  @Override
                  public void onClose(WatcherException cause) {
                    closed.add(cause);
                  }
                });
    try {
      WatcherException cause = closed.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);

      assertThat(cause).isNotNull();
      assertThat(cause.isHttpGone()).isTrue();
    } finally {
      watch.close();
    }
  }

  @Test
  void anInformersStoreFollowsABurstOfCreatesPatchesAndDeletes() throws Exception {
    Set<String> added = ConcurrentHashMap.newKeySet();
    Set<String> deleted = ConcurrentHashMap.newKeySet();
    SharedIndexInformer<Pod> informer =
        client
            .pods()
            .inform(
                new ResourceEventHandler<Pod>() {
                  @Override
                  public void onAdd(Pod pod) {
                    added.add(pod.getMetadata().getName());
                  }

                  @Override
                  public void onUpdate(Pod before, Pod after) {}

                  @Override
                  public void onDelete(Pod pod, boolean finalStateUnknown) {
                    deleted.add(pod.getMetadata().getName());
                  }
                });
    try {
      assertThat(informer.hasSynced()).isTrue();
      assertThat(informer.getStore().list()).isEmpty();

      for (int i = 0; i < 10; i++) {
        client.pods().resource(pod("burst-" + i, Map.of("app", "burst", "round", "1"))).create();
      }
      for (int i = 0; i < 5; i++) {
        client
            .pods()
            .withName("burst-" + i)
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"round\":\"2\"}}}");
      }
      for (String name : List.of("burst-2", "burst-5", "burst-8")) {
        client.pods().withName(name).delete();
      }

      Map<String, Map<String, String>> expected = new TreeMap<>();
      for (int i : new int[] {0, 1, 3, 4}) {
        expected.put("burst-" + i, Map.of("app", "burst", "round", "2"));
      }
      for (int i : new int[] {6, 7, 9}) {
        expected.put("burst-" + i, Map.of("app", "burst", "round", "1"));
      }
      eventually(() -> assertThat(labelsByName(informer.getStore().list())).isEqualTo(expected));
      // What it holds is what the server holds, version for version, once the scheduler is done.
      eventually(
          () ->
              assertThat(versionsByName(informer.getStore().list()))
                  .isEqualTo(versionsByName(client.pods().list().getItems())));
      assertThat(added)
          .containsExactlyInAnyOrderElementsOf(
              IntStream.range(0, 10).mapToObj(i -> "burst-" + i).toList());
      assertThat(deleted).containsExactlyInAnyOrder("burst-2", "burst-5", "burst-8");
      assertThat(informer.isWatching()).isTrue();
    } finally {
      informer.close();
    }
  }

  // --- Helpers -----------------------------------------------------------------------------------

  /** One watch event, reduced to what the test checks. */
  private record Event(
      Watcher.Action action, String name, Map<String, String> labels, long version) {
    Event(Watcher.Action action, Pod pod) {
      this(
          action,
          pod == null ? null : pod.getMetadata().getName(),
          pod == null ? Map.of() : Map.copyOf(pod.getMetadata().getLabels()),
          pod == null ? -1 : resourceVersion(pod));
    }
  }

  /** A watcher that queues each event, and an ERROR event if the watch closes with a cause. */
  private static Watcher<Pod> collectInto(BlockingQueue<Event> events) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        events.add(new Event(action, pod));
      }

      @Override
      public void onClose(WatcherException cause) {
        events.add(new Event(Watcher.Action.ERROR, null));
      }
    };
  }

  /** The next event within {@link #WAIT}, or fails the test. */
  private static Event next(BlockingQueue<Event> events) throws InterruptedException {
    Event event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(event).as("a watch event within %s", WAIT).isNotNull();
    return event;
  }

  private static Pod pod(String name, Map<String, String> labels) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("hello")
        .withImage("troupe/hello:1")
        .endContainer()
        .endSpec()
        .build();
  }

  private static Pod withLabel(Pod pod, String key, String value) {
    return new PodBuilder(pod).editMetadata().addToLabels(key, value).endMetadata().build();
  }

  private static long resourceVersion(HasMetadata object) {
    return Long.parseLong(object.getMetadata().getResourceVersion());
  }

  private static List<String> names(PodList list) {
    return list.getItems().stream().map(p -> p.getMetadata().getName()).toList();
  }

  private static Map<String, Map<String, String>> labelsByName(List<Pod> pods) {
    return pods.stream()
        .collect(
            Collectors.toMap(
                p -> p.getMetadata().getName(),
                p -> p.getMetadata().getLabels(),
                (a, b) -> a,
                TreeMap::new));
  }

  private static Map<String, String> versionsByName(List<Pod> pods) {
    return pods.stream()
        .collect(
            Collectors.toMap(
                p -> p.getMetadata().getName(),
                p -> p.getMetadata().getResourceVersion(),
                (a, b) -> a,
                TreeMap::new));
  }

  /** Retries {@code check} until it passes or {@link #WAIT} has gone by, then fails with it. */
  private static void eventually(Runnable check) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }
}
