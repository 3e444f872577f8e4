package dev.troupe.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.actors.ControlPlane;
import dev.troupe.actors.Outcome;
import dev.troupe.actors.index.Page;
import dev.troupe.actors.index.Selection;
import dev.troupe.actors.pod.PodEntity;
import dev.troupe.config.TroupeSettings;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.events.Cause;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodCondition;
import dev.troupe.core.pod.PodAdmission;
import dev.troupe.core.pod.RestartBackoff;
import dev.troupe.node.runtime.ContainerInfo;
import dev.troupe.node.runtime.DockerRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A one-member cluster with a control plane and a node agent on the real Docker engine, for tests
 * of what a node does to pods: pods are created already bound to this run's node, whose name every
 * container carries, and every container is removed at {@link #close}.
 */
final class DockerNodeFixture implements AutoCloseable {

  static final Config CONFIG =
      ConfigFactory.parseString(
              """
              pekko.actor.provider = cluster
              pekko.remote.artery.canonical.hostname = 127.0.0.1
              pekko.remote.artery.canonical.port = 0
              pekko.cluster.roles = ["control-plane", "worker"]
              pekko.cluster.jmx.enabled = off
              pekko.actor.testkit.typed.system-shutdown-default = 30s
              """)
          .withFallback(PersistenceTestKitPlugin.config())
          .withFallback(PersistenceTestKitSnapshotPlugin.config());

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  final String node = "node-" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  final DockerRuntime runtime = DockerRuntime.connect("unix:///var/run/docker.sock", "127.0.0.1");
  private final ActorTestKit testKit;
  private final ExecutorService runtimeThreads = Executors.newFixedThreadPool(8);
  private final ControlPlane controlPlane;
  private final TestProbe<Object> probe;
  private final ActorRef<NodeAgent.Command> agent;

  /** Starts the member and the node agent, pulls backing off as {@code pullBackoff} says. */
  DockerNodeFixture(ActorTestKit testKit, RestartBackoff pullBackoff) {
    this.testKit = testKit;
    TroupeSettings settings =
        TroupeSettings.load(
            Map.of(
                "troupe.node.sync-interval", "500ms",
                "troupe.node.heartbeat-interval", "500ms",
                "troupe.scheduler.retry-interval", "500ms"));
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    probe = testKit.createTestProbe();
    probe.awaitAssert(
        TIMEOUT,
        () -> {
          assertThat(cluster.selfMember().status()).isEqualTo(MemberStatus.up());
          return null;
        });
    controlPlane =
        ControlPlane.start(testKit.system(), settings, Clock.systemUTC(), prefix -> Source.empty());
    agent =
        testKit.spawn(
            NodeAgent.create(
                new NodeAgent.Settings(
                    node,
                    settings.node().syncInterval(),
                    settings.node().heartbeatInterval(),
                    Duration.ofSeconds(1),
                    RestartBackoff.KUBERNETES,
                    pullBackoff),
                runtime,
                runtimeThreads,
                ClusterSharding.get(testKit.system()),
                Clock.systemUTC()),
            "node-agent");
  }

  /**
   * Creates pod {@code name} on this node with these containers (JSON, comma-separated) and a grace
   * period of 1 s.
   */
  Pod create(String name, String containersJson) {
    return create(name, "{}", "\"terminationGracePeriodSeconds\":1", containersJson);
  }

  /**
   * Creates pod {@code name} on this node with these annotations (a JSON object), spec fields (JSON
   * members, comma-separated) and containers.
   */
  Pod create(String name, String annotationsJson, String specFields, String containersJson) {
    return create(name, "{}", annotationsJson, specFields, containersJson);
  }

  /** Creates pod {@code name} with these labels too (a JSON object). */
  Pod create(
      String name,
      String labelsJson,
      String annotationsJson,
      String specFields,
      String containersJson) {
    Pod sent;
    try {
      sent =
          Json.mapper()
              .readValue(
                  """
                  {"apiVersion":"v1","kind":"Pod",
                   "metadata":{"name":"%s","namespace":"default","labels":%s,"annotations":%s},
                   "spec":{%s,"nodeName":"%s","containers":[%s]}}
                  """
                      .formatted(
                          name, labelsJson, annotationsJson, specFields, node, containersJson),
                  Pod.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
    PodAdmission.Admitted admitted = PodAdmission.prepare(sent, "default", new Random(1));
    assertThat(admitted.errors()).isEmpty();
    PodEntity.Reply reply =
        await(controlPlane.pods().create(admitted.pod(), Cause.of("test", "request/test", name)));
    assertThat(reply.outcome()).isEqualTo(Outcome.OK);
    return reply.pod();
  }

  /** Asks for the pod's deletion, with its own grace period. */
  void delete(String name) {
    PodEntity.Reply reply =
        await(
            controlPlane
                .pods()
                .delete("default", name, null, Cause.of("test", "request/test", "delete")));
    assertThat(reply.outcome()).isEqualTo(Outcome.OK);
  }

  /** Waits until the pod no longer exists. */
  void awaitGone(String name) {
    probe.awaitAssert(
        TIMEOUT,
        Duration.ofMillis(100),
        () -> {
          assertThat(await(controlPlane.pods().get("default", name)).outcome())
              .isEqualTo(Outcome.NOT_FOUND);
          return null;
        });
  }

  /** The stored objects of one kind (services, endpoints …). */
  dev.troupe.actors.object.StoredObjects objects(dev.troupe.core.api.ResourceType type) {
    return controlPlane.objects(type);
  }

  /**
   * Creates a stored object (services, endpoints …) as the API would, defaults and checks applied.
   */
  KubeObject createObject(dev.troupe.core.api.ResourceType type, String json) {
    dev.troupe.actors.object.StoredObjects store = controlPlane.objects(type);
    KubeObject sent;
    try {
      sent =
          KubeObject.of(
              (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
    dev.troupe.core.kinds.ObjectAdmission.Admitted admitted =
        dev.troupe.core.kinds.ObjectAdmission.prepareCreate(
            store.kind(), sent, "default", new Random(1));
    assertThat(admitted.errors()).isEmpty();
    var reply = await(store.create(admitted.object(), Cause.of("test", "request/test", "create")));
    assertThat(reply.outcome()).isEqualTo(Outcome.OK);
    return reply.object();
  }

  /** Runs a shell command in the pod's running container; it must succeed. */
  void shell(Pod pod, String command) {
    ContainerInfo running =
        runtime.listByLabel(ContainerLabels.POD_UID, pod.uid()).stream()
            .filter(ContainerInfo::isRunning)
            .findFirst()
            .orElseThrow();
    assertThat(
            runtime
                .exec(running.id(), List.of("/bin/sh", "-c", command), Duration.ofSeconds(5))
                .exitCode())
        .isZero();
  }

  Pod get(String name) {
    return await(controlPlane.pods().get("default", name)).pod();
  }

  /** The pod once {@code condition} holds of it. */
  Pod awaitPod(String name, Predicate<Pod> condition) {
    AtomicReference<Pod> pod = new AtomicReference<>();
    probe.awaitAssert(
        TIMEOUT,
        Duration.ofMillis(200),
        () -> {
          pod.set(get(name));
          assertThat(pod.get().status()).isNotNull();
          assertThat(pod.get().status().containerStatuses()).isNotEmpty();
          assertThat(condition.test(pod.get())).as("%s: %s", name, pod.get().status()).isTrue();
          return null;
        });
    return pod.get();
  }

  /** What the pod's entity journaled, in order. */
  List<dev.troupe.core.events.PodEvent> journal(String name) {
    return org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit.create(testKit.system())
        .persistedInStorage(
            org.apache.pekko.persistence.typed.PersistenceId.of(
                    dev.troupe.actors.pod.PodEntity.TYPE_KEY.name(), "default/" + name, "|")
                .id())
        .stream()
        .map(dev.troupe.core.events.PodEvent.class::cast)
        .toList();
  }

  /** Waits until {@code condition} holds. */
  void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
    probe.awaitAssert(
        TIMEOUT,
        Duration.ofMillis(200),
        () -> {
          assertThat(condition.getAsBoolean()).as(what).isTrue();
          return null;
        });
  }

  /** The pod's events, once {@code condition} holds of them. */
  List<KubeObject> awaitEvents(String pod, Predicate<List<KubeObject>> condition) {
    AtomicReference<List<KubeObject>> events = new AtomicReference<>(List.of());
    probe.awaitAssert(
        TIMEOUT,
        Duration.ofMillis(200),
        () -> {
          events.set(
              await(
                      controlPlane
                          .objects(ResourceTypes.EVENTS)
                          .list(Selection.inNamespace("default"), Page.ALL))
                  .items()
                  .stream()
                  .filter(e -> pod.equals(e.at("/involvedObject/name").asText()))
                  .toList());
          assertThat(condition.test(events.get())).as("events %s", events.get()).isTrue();
          return null;
        });
    return events.get();
  }

  static List<String> messages(List<KubeObject> events, String reason) {
    return events.stream()
        .filter(e -> reason.equals(e.at("/reason").asText()))
        .map(e -> e.at("/message").asText())
        .toList();
  }

  static ContainerStatus first(Pod pod) {
    return pod.status().containerStatuses().get(0);
  }

  static boolean isReady(Pod pod) {
    return pod.status().conditionsOrEmpty().stream()
        .anyMatch(c -> PodCondition.READY.equals(c.type()) && "True".equals(c.status()));
  }

  static String waitingReason(Pod pod) {
    var state = first(pod).state();
    return state == null || state.waiting() == null ? null : state.waiting().reason();
  }

  @Override
  public void close() {
    testKit.stop(agent, TIMEOUT);
    for (ContainerInfo c : runtime.listByLabel(ContainerLabels.NODE, node)) {
      runtime.remove(c.id());
    }
    runtimeThreads.shutdownNow();
    runtime.close();
  }

  static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
