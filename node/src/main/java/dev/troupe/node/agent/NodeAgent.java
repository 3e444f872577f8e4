package dev.troupe.node.agent;

import dev.troupe.actors.index.PodIndex;
import dev.troupe.actors.scheduler.Scheduler;
import dev.troupe.core.JsonSerializable;
import dev.troupe.core.model.Pod;
import dev.troupe.core.pod.RestartBackoff;
import dev.troupe.node.runtime.ContainerInfo;
import dev.troupe.node.runtime.ContainerRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The kubelet analogue: follows the pods bound to this node through a control-plane index, keeps
 * one {@link PodWorker} per pod, tells the schedulers it is alive, and at start-up removes
 * containers whose pod no longer exists. Containers it finds by label are adopted, not duplicated.
 */
public final class NodeAgent extends AbstractBehavior<NodeAgent.Command> {

  /** What a node agent is told. */
  public sealed interface Command extends JsonSerializable {}

  /** Pods bound to this node changed (from the index). */
  public record PodsChanged(PodIndex.NodePods change) implements Command {}

  /** The indexes or the schedulers in the cluster changed. */
  public record ListingChanged(Receptionist.Listing listing) implements Command {}

  /** The index being followed stopped. */
  public enum IndexLost implements Command {
    INSTANCE
  }

  /** Time to tell the schedulers this node is alive. */
  public enum Heartbeat implements Command {
    INSTANCE
  }

  /** A pod worker stopped. */
  public record WorkerStopped(String uid) implements Command {}

  /** The start-up scan for containers without a pod finished. */
  public record OrphansScanned(List<ContainerInfo> containers, String failure) implements Command {}

  /** How a node agent runs. */
  public record Settings(
      String nodeName,
      Duration syncInterval,
      Duration heartbeatInterval,
      Duration orphanGracePeriod,
      RestartBackoff backoff,
      RestartBackoff pullBackoff,
      String sandboxImage) {

    /** The image of pods' sandboxes (the pause container), as images/build makes it. */
    public static final String SANDBOX_IMAGE = "troupe/pause:1";

    /** With the default sandbox image. */
    public Settings(
        String nodeName,
        Duration syncInterval,
        Duration heartbeatInterval,
        Duration orphanGracePeriod,
        RestartBackoff backoff,
        RestartBackoff pullBackoff) {
      this(
          nodeName,
          syncInterval,
          heartbeatInterval,
          orphanGracePeriod,
          backoff,
          pullBackoff,
          SANDBOX_IMAGE);
    }

    /** Kubernetes' image pull back-off: 10 s doubling up to 300 s. */
    public static final RestartBackoff KUBERNETES_PULL_BACKOFF =
        new RestartBackoff(Duration.ofSeconds(10), Duration.ofSeconds(300), Duration.ofDays(3650));

    /** With Kubernetes' image pull back-off. */
    public Settings(
        String nodeName,
        Duration syncInterval,
        Duration heartbeatInterval,
        Duration orphanGracePeriod,
        RestartBackoff backoff) {
      this(
          nodeName,
          syncInterval,
          heartbeatInterval,
          orphanGracePeriod,
          backoff,
          KUBERNETES_PULL_BACKOFF);
    }
  }

  private final Settings settings;
  private final ContainerRuntime runtime;
  private final Executor runtimeThreads;
  private final ClusterSharding sharding;
  private final Clock clock;
  private final PodSync sync;
  private final Prober prober;
  private final ActorRef<PodIndex.NodePods> podsAdapter;
  private final Map<String, ActorRef<PodWorker.Command>> workers = new HashMap<>();
  private Set<ActorRef<Scheduler.Command>> schedulers = Set.of();
  private ActorRef<PodIndex.Command> followedIndex;
  private boolean orphansScanned;

  private NodeAgent(
      ActorContext<Command> context,
      Settings settings,
      ContainerRuntime runtime,
      Executor runtimeThreads,
      ClusterSharding sharding,
      Clock clock) {
    super(context);
    this.settings = settings;
    this.runtime = runtime;
    this.runtimeThreads = runtimeThreads;
    this.sharding = sharding;
    this.clock = clock;
    this.sync =
        new PodSync(
            runtime,
            settings.nodeName(),
            settings.backoff(),
            new ImagePulls(runtime, settings.pullBackoff(), clock),
            settings.sandboxImage(),
            clock);
    this.prober = new Prober(runtime);
    context.spawn(LogServer.create(settings.nodeName(), runtime, runtimeThreads), "logs");
    this.podsAdapter = context.messageAdapter(PodIndex.NodePods.class, PodsChanged::new);
    // One adapter per message class: a second one for Listing would replace the first.
    ActorRef<Receptionist.Listing> listings =
        context.messageAdapter(Receptionist.Listing.class, ListingChanged::new);
    var receptionist = context.getSystem().receptionist();
    receptionist.tell(Receptionist.subscribe(PodIndex.KEY, listings));
    receptionist.tell(Receptionist.subscribe(Scheduler.KEY, listings));
  }

  public static Behavior<Command> create(
      Settings settings,
      ContainerRuntime runtime,
      Executor runtimeThreads,
      ClusterSharding sharding,
      Clock clock) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(
                      Heartbeat.INSTANCE, Duration.ZERO, settings.heartbeatInterval());
                  return new NodeAgent(context, settings, runtime, runtimeThreads, sharding, clock);
                }));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(ListingChanged.class, this::onListing)
        .onMessage(IndexLost.class, l -> onIndexLost())
        .onMessage(PodsChanged.class, this::onPodsChanged)
        .onMessage(Heartbeat.class, h -> onHeartbeat())
        .onMessage(WorkerStopped.class, this::onWorkerStopped)
        .onMessage(OrphansScanned.class, this::onOrphansScanned)
        .build();
  }

  private Behavior<Command> onListing(ListingChanged c) {
    if (c.listing().isForKey(Scheduler.KEY)) {
      schedulers = c.listing().getServiceInstances(Scheduler.KEY);
      return onHeartbeat();
    }
    Set<ActorRef<PodIndex.Command>> indexes = c.listing().getServiceInstances(PodIndex.KEY);
    if (followedIndex == null && !indexes.isEmpty()) {
      followedIndex = indexes.iterator().next();
      getContext().watchWith(followedIndex, IndexLost.INSTANCE);
      followedIndex.tell(new PodIndex.WatchNode(settings.nodeName(), podsAdapter));
    }
    return this;
  }

  private Behavior<Command> onIndexLost() {
    getContext().getLog().warn("node {}: the pod index it followed stopped", settings.nodeName());
    followedIndex = null;
    return this;
  }

  private Behavior<Command> onHeartbeat() {
    Scheduler.NodeHeartbeat beat =
        new Scheduler.NodeHeartbeat(settings.nodeName(), workers.size(), false);
    schedulers.forEach(s -> s.tell(beat));
    return this;
  }

  private Behavior<Command> onPodsChanged(PodsChanged c) {
    PodIndex.NodePods change = c.change();
    if (change.snapshot()) {
      Set<String> present = new HashSet<>();
      change.pods().forEach(p -> present.add(p.uid()));
      workers.forEach(
          (uid, worker) -> {
            if (!present.contains(uid)) {
              worker.tell(PodWorker.Gone.INSTANCE);
            }
          });
      change.pods().forEach(this::follow);
      if (!orphansScanned) {
        orphansScanned = true;
        scanForOrphans();
      }
      return this;
    }
    for (Pod pod : change.pods()) {
      if (change.removed()) {
        ActorRef<PodWorker.Command> worker = workers.get(pod.uid());
        if (worker != null) {
          worker.tell(PodWorker.Gone.INSTANCE);
        }
      } else {
        follow(pod);
      }
    }
    return this;
  }

  private void follow(Pod pod) {
    ActorRef<PodWorker.Command> worker = workers.get(pod.uid());
    if (worker == null) {
      worker =
          getContext()
              .spawn(
                  PodWorker.create(
                      pod,
                      sync,
                      prober,
                      runtimeThreads,
                      settings.syncInterval(),
                      settings.nodeName(),
                      sharding,
                      clock),
                  "pod-" + pod.uid());
      getContext().watchWith(worker, new WorkerStopped(pod.uid()));
      workers.put(pod.uid(), worker);
    } else {
      worker.tell(new PodWorker.Update(pod));
    }
  }

  private Behavior<Command> onWorkerStopped(WorkerStopped c) {
    workers.remove(c.uid());
    return this;
  }

  private void scanForOrphans() {
    getContext()
        .pipeToSelf(
            CompletableFuture.supplyAsync(
                () -> runtime.listByLabel(ContainerLabels.NODE, settings.nodeName()),
                runtimeThreads),
            (containers, failure) ->
                new OrphansScanned(
                    containers == null ? List.of() : containers,
                    failure == null ? null : failure.getMessage()));
  }

  private Behavior<Command> onOrphansScanned(OrphansScanned c) {
    if (c.failure() != null) {
      getContext()
          .getLog()
          .warn("node {}: listing containers failed: {}", settings.nodeName(), c.failure());
      return this;
    }
    for (ContainerInfo container : c.containers()) {
      String uid = container.labels().get(ContainerLabels.POD_UID);
      if (uid != null && !workers.containsKey(uid)) {
        CompletableFuture.runAsync(
            () -> sync.removeOrphan(container, settings.orphanGracePeriod()), runtimeThreads);
      }
    }
    return this;
  }
}
