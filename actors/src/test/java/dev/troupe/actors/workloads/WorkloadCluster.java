package dev.troupe.actors.workloads;

import static dev.troupe.actors.PodFixtures.T0;
import static dev.troupe.actors.PodFixtures.byUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.actors.ControlPlane;
import dev.troupe.actors.MutableClock;
import dev.troupe.actors.Outcome;
import dev.troupe.actors.index.ObjectIndex;
import dev.troupe.actors.index.Page;
import dev.troupe.actors.index.PodIndex;
import dev.troupe.actors.index.Selection;
import dev.troupe.actors.object.ObjectEntity;
import dev.troupe.actors.object.ObjectFixtures;
import dev.troupe.actors.object.StoredObjects;
import dev.troupe.actors.pod.PodEntity;
import dev.troupe.actors.pod.Pods;
import dev.troupe.config.TroupeSettings;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.kinds.ObjectAdmission;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.OwnerReference;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodCondition;
import dev.troupe.core.model.PodStatus;
import dev.troupe.core.workloads.ReplicaSetControl;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.japi.function.Creator;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A one-member control plane with the in-memory journal and no node agent, and what the workload
 * tests do to it: create and change ReplicaSets and Deployments as a client does, and play the
 * scheduler and the node for chosen pods (bind them, report them ready, confirm them gone).
 */
final class WorkloadCluster {

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

  /** How long a controller gets to reach what a test waits for. */
  static final Duration TIMEOUT = Duration.ofSeconds(15);

  static final String NODE = "node-a";

  final MutableClock clock = new MutableClock(T0);
  final StoredObjects replicaSets;
  final StoredObjects deployments;
  final StoredObjects services;
  final StoredObjects endpoints;
  final StoredObjects endpointSlices;
  final Pods pods;
  private final ActorTestKit testKit;
  private final TestProbe<Object> probe;
  private final ClusterSharding sharding;
  private final Random random = new Random(7);

  private WorkloadCluster(ActorTestKit testKit) {
    this.testKit = testKit;
    this.probe = testKit.createTestProbe();
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    eventually(() -> assertThat(cluster.selfMember().status()).isEqualTo(MemberStatus.up()));
    ControlPlane controlPlane =
        ControlPlane.start(
            testKit.system(), TroupeSettings.load(), clock, prefix -> Source.empty());
    this.replicaSets = controlPlane.objects(ResourceTypes.REPLICASETS);
    this.deployments = controlPlane.objects(ResourceTypes.DEPLOYMENTS);
    this.services = controlPlane.objects(ResourceTypes.SERVICES);
    this.endpoints = controlPlane.objects(ResourceTypes.ENDPOINTS);
    this.endpointSlices = controlPlane.objects(ResourceTypes.ENDPOINT_SLICES);
    this.pods = controlPlane.pods();
    this.sharding = ClusterSharding.get(testKit.system());
    eventually(
        () -> {
          assertThat(await(replicaSets.isIndexReady())).isTrue();
          assertThat(await(deployments.isIndexReady())).isTrue();
          assertThat(await(pods.isIndexReady())).isTrue();
        });
  }

  /** An actor test kit for a cluster of one member, named after the test class. */
  static ActorTestKit testKitFor(Class<?> testClass) {
    return new JUnit5TestKitBuilder()
        .withName(testClass.getSimpleName())
        .withCustomConfig(CONFIG)
        .build();
  }

  /** Joins the test kit's system to itself and starts the control plane on it. */
  static WorkloadCluster start(ActorTestKit testKit) {
    return new WorkloadCluster(testKit);
  }

  // --- Objects as a client sends them ------------------------------------------------------------

  /** A ReplicaSet of {@code replicas} busybox pods selecting and labelled {@code app}. */
  static KubeObject replicaSet(String name, int replicas, String app) {
    return ObjectFixtures.object(
        """
        {"metadata":{"name":"%s"},
         "spec":{"replicas":%d,
                 "selector":{"matchLabels":{"app":"%s"}},
                 "template":{"metadata":{"labels":{"app":"%s"}},
                             "spec":{"containers":[{"name":"app","image":"busybox:1.36"}]}}}}
        """
            .formatted(name, replicas, app, app));
  }

  /** A Deployment of {@code replicas} pods of {@code image}, selecting and labelled {@code app}. */
  static KubeObject deployment(String name, int replicas, String app, String image) {
    return ObjectFixtures.object(
        """
        {"metadata":{"name":"%s"},
         "spec":{"replicas":%d,
                 "selector":{"matchLabels":{"app":"%s"}},
                 "template":{"metadata":{"labels":{"app":"%s"}},
                             "spec":{"containers":[{"name":"app","image":"%s"}]}}}}
        """
            .formatted(name, replicas, app, app, image));
  }

  /** The merge patch that changes a Deployment's image, as {@code kubectl set image} does. */
  static String image(String image) {
    return """
        {"spec":{"template":{"spec":{"containers":[{"name":"app","image":"%s"}]}}}}
        """
        .formatted(image);
  }

  // --- Client requests ---------------------------------------------------------------------------

  /** Creates {@code sent} in {@code namespace} as the API does: admitted, then stored. */
  KubeObject create(StoredObjects objects, KubeObject sent, String namespace) {
    ObjectAdmission.Admitted admitted =
        ObjectAdmission.prepareCreate(objects.kind(), sent, namespace, random);
    assertThat(admitted.errors()).isEmpty();
    ObjectEntity.Reply reply = await(objects.create(admitted.object(), byUser("create")));
    assertThat(reply.outcome()).isEqualTo(Outcome.OK);
    return reply.object();
  }

  /**
   * Applies the JSON merge patch {@code patch} to the stored object, as {@code kubectl patch} does:
   * read, change, write at the version read, again when a controller wrote in between.
   */
  KubeObject change(StoredObjects objects, String namespace, String name, String patch) {
    return eventuallyGet(
        () -> {
          KubeObject current = get(objects, namespace, name);
          ObjectEntity.Reply reply =
              await(
                  objects.update(
                      ObjectFixtures.patched(current, patch),
                      current.metadata().resourceVersion(),
                      false,
                      "kubectl-patch",
                      byUser("patch " + patch.strip())));
          assertThat(reply.outcome()).isEqualTo(Outcome.OK);
          return reply.object();
        });
  }

  /** The stored object; it must exist. */
  KubeObject get(StoredObjects objects, String namespace, String name) {
    ObjectEntity.Reply reply = await(objects.get(namespace, name));
    assertThat(reply.outcome()).as("%s/%s exists", namespace, name).isEqualTo(Outcome.OK);
    return reply.object();
  }

  List<KubeObject> list(StoredObjects objects, String namespace) {
    return await(objects.list(Selection.inNamespace(namespace), Page.ALL)).items();
  }

  /** The pods of {@code namespace}, by name. */
  List<Pod> podsIn(String namespace) {
    List<Pod> listed = new ArrayList<>(await(pods.list(Selection.inNamespace(namespace))).items());
    listed.sort(Comparator.comparing(Pod::name));
    return listed;
  }

  /** The pods of {@code namespace}, by name; there must be exactly {@code count}. */
  List<Pod> podsIn(String namespace, int count) {
    List<Pod> listed = podsIn(namespace);
    assertThat(listed).hasSize(count);
    return listed;
  }

  /** The pods of {@code namespace} whose controller is {@code owner}. */
  List<Pod> podsOf(String namespace, KubeObject owner) {
    return podsIn(namespace).stream().filter(p -> isControlledBy(p, owner)).toList();
  }

  static boolean isControlledBy(Pod pod, KubeObject owner) {
    OwnerReference controller = ReplicaSetControl.controllerOf(pod.metadata());
    return controller != null && controller.uid().equals(owner.metadata().uid());
  }

  // --- Playing the scheduler and the node --------------------------------------------------------

  /** Binds {@code pod} to {@link #NODE}, as the scheduler's answer does. */
  void bind(Pod pod) {
    pod(pod).tell(new PodEntity.Placed(pod.uid(), NODE, "bound by the test"));
  }

  /** Reports {@code pod} Running and Ready since now, as its node would. */
  void ready(Pod pod) {
    PodStatus current = pod.status() == null ? PodStatus.pending(null) : pod.status();
    List<PodCondition> conditions = new ArrayList<>();
    for (PodCondition condition : current.conditionsOrEmpty()) {
      if (!PodCondition.READY.equals(condition.type())) {
        conditions.add(condition);
      }
    }
    conditions.add(
        new PodCondition(
            PodCondition.READY,
            "True",
            null,
            clock.instant().truncatedTo(ChronoUnit.SECONDS),
            null,
            null));
    PodStatus running =
        new PodStatus(
            PodStatus.RUNNING,
            List.copyOf(conditions),
            current.message(),
            current.reason(),
            current.nominatedNodeName(),
            current.hostIP(),
            current.hostIPs(),
            current.podIP(),
            current.podIPs(),
            current.startTime(),
            current.initContainerStatuses(),
            current.containerStatuses(),
            current.qosClass(),
            current.ephemeralContainerStatuses(),
            current.resize(),
            current.resourceClaimStatuses(),
            current.hostPorts());
    PodEntity.Reply reply =
        await(
            pods.updateStatus(
                pod.namespace(), pod.name(), running, null, byUser("the node saw it ready")));
    assertThat(reply.outcome()).isEqualTo(Outcome.OK);
  }

  static boolean isReady(Pod pod) {
    return pod.status() != null
        && pod.status().conditionsOrEmpty().stream()
            .anyMatch(c -> PodCondition.READY.equals(c.type()) && "True".equals(c.status()));
  }

  /** Tells a terminating bound pod that its node stopped and removed its containers. */
  void confirmTerminated(Pod pod) {
    pod(pod).tell(new PodEntity.ConfirmTerminated(NODE, pod.uid()));
  }

  private EntityRef<PodEntity.Command> pod(Pod pod) {
    return sharding.entityRefFor(
        PodEntity.TYPE_KEY, PodEntity.entityId(pod.namespace(), pod.name()));
  }

  // --- Watching ----------------------------------------------------------------------------------

  /** Every watch event of the pods of {@code namespace} after now, in the order delivered. */
  List<PodIndex.WatchEvent> watchPods(String namespace) {
    List<PodIndex.WatchEvent> seen = new CopyOnWriteArrayList<>();
    long now = await(pods.list(Selection.inNamespace(namespace))).resourceVersion();
    PodIndex.WatchStarted started =
        await(
            pods.watch(
                Selection.inNamespace(namespace), Long.toString(now), false, recorder(seen)));
    assertThat(started.started()).isTrue();
    return seen;
  }

  /** The names of the pods in {@code seen} events of {@code type} (ADDED, DELETED …), in order. */
  static List<String> named(List<PodIndex.WatchEvent> seen, String type) {
    return seen.stream().filter(e -> e.type().equals(type)).map(e -> e.object().name()).toList();
  }

  /**
   * Every watch event of the objects of {@code namespace}, those there now first as ADDED, in the
   * order delivered.
   */
  List<ObjectIndex.WatchEvent> watch(StoredObjects objects, String namespace) {
    List<ObjectIndex.WatchEvent> seen = new CopyOnWriteArrayList<>();
    ObjectIndex.WatchStarted started =
        await(objects.watch(Selection.inNamespace(namespace), "", false, recorder(seen)));
    assertThat(started.started()).isTrue();
    return seen;
  }

  private <T> ActorRef<T> recorder(List<T> seen) {
    return testKit.spawn(
        Behaviors.<T>receiveMessage(
            message -> {
              seen.add(message);
              return Behaviors.same();
            }));
  }

  // --- Waiting -----------------------------------------------------------------------------------

  /** Retries {@code check} until it passes, for at most {@link #TIMEOUT}. */
  void eventually(Runnable check) {
    probe.awaitAssert(
        TIMEOUT,
        () -> {
          check.run();
          return null;
        });
  }

  /** Retries {@code check} until it passes, for at most {@link #TIMEOUT}; what it returned. */
  <A> A eventuallyGet(Creator<A> check) {
    return probe.awaitAssert(TIMEOUT, check);
  }

  /**
   * Retries {@code check} every half second until it passes, for at most {@link #TIMEOUT}, moving
   * the clock a second before each try: time runs twice as fast as the wall clock.
   */
  void eventuallyWhileTimePasses(Runnable check) {
    probe.awaitAssert(
        TIMEOUT,
        Duration.ofMillis(500),
        () -> {
          clock.advance(Duration.ofSeconds(1));
          check.run();
          return null;
        });
  }

  static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer within " + TIMEOUT, e);
    }
  }
}
