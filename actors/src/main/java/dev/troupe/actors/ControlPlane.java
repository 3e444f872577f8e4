package dev.troupe.actors;

import dev.troupe.actors.events.EventRecorder;
import dev.troupe.actors.index.ObjectIndex;
import dev.troupe.actors.index.PodIndex;
import dev.troupe.actors.object.ClusterAdmission;
import dev.troupe.actors.object.DefaultNamespaces;
import dev.troupe.actors.object.NamespaceFinalizer;
import dev.troupe.actors.object.ObjectEntity;
import dev.troupe.actors.object.Owners;
import dev.troupe.actors.object.Reconciler;
import dev.troupe.actors.object.StoredObjects;
import dev.troupe.actors.pod.PodEntity;
import dev.troupe.actors.pod.Pods;
import dev.troupe.actors.scheduler.Scheduler;
import dev.troupe.actors.services.EndpointsReconciler;
import dev.troupe.actors.services.ServiceAddressAllocator;
import dev.troupe.actors.services.ServiceSelectors;
import dev.troupe.actors.workloads.DeploymentReconciler;
import dev.troupe.actors.workloads.GarbageCollector;
import dev.troupe.actors.workloads.ReplicaSetReconciler;
import dev.troupe.config.TroupeSettings;
import dev.troupe.core.api.ResourceType;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.kinds.StoredKind;
import dev.troupe.core.kinds.StoredKinds;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.services.ServiceAddresses;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The control-plane role of a member: entity shards, a scheduler, the read-side indexes of pods and
 * of every kind stored as JSON.
 */
public record ControlPlane(
    Pods pods, ActorRef<PodIndex.Command> podIndex, List<StoredObjects> stored) {

  public static final String ROLE = "control-plane";

  /** The objects of {@code type}, a kind stored as JSON. */
  public StoredObjects objects(ResourceType type) {
    return find(stored, type);
  }

  private static StoredObjects find(List<StoredObjects> stored, ResourceType type) {
    return stored.stream()
        .filter(s -> s.kind().type().equals(type))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(type.kind() + " is not stored as JSON"));
  }

  /**
   * Starts this member's part of the control plane. {@code persistenceIds} lists the persistence
   * ids in the journal that start with a prefix ({@code Pod|}), for rebuilding the indexes.
   */
  public static ControlPlane start(
      ActorSystem<?> system,
      TroupeSettings settings,
      Clock clock,
      Function<String, Source<String, NotUsed>> persistenceIds) {
    ActorRef<Topic.Command<PodIndex.Command>> changes =
        system.systemActorOf(
            Topic.create(PodIndex.Command.class, PodIndex.TOPIC), "pod-changes", Props.empty());
    ActorRef<Scheduler.Command> scheduler =
        system.systemActorOf(
            Scheduler.create(clock, settings.scheduler().nodeTimeout()),
            "scheduler",
            Props.empty());
    ClusterSharding sharding = ClusterSharding.get(system);
    Owners owners =
        new Owners(
            sharding, Set.of(ResourceTypes.REPLICASETS.kind(), ResourceTypes.DEPLOYMENTS.kind()));
    // Controllers run pods through the facade, which exists once the pod index does.
    AtomicReference<Pods> podsOnceStarted = new AtomicReference<>();
    AtomicReference<ActorRef<EventRecorder.Command>> recorderOnceStarted = new AtomicReference<>();
    Map<ResourceType, StoredObjects> storesOnceStarted =
        new java.util.concurrent.ConcurrentHashMap<>();
    Map<String, Reconciler> controllers =
        Map.of(
            ResourceTypes.REPLICASETS.kind(),
            new ReplicaSetReconciler(podsOnceStarted::get, recorderOnceStarted::get, clock),
            ResourceTypes.DEPLOYMENTS.kind(),
            new DeploymentReconciler(
                () -> storesOnceStarted.get(ResourceTypes.REPLICASETS),
                () -> storesOnceStarted.get(ResourceTypes.DEPLOYMENTS),
                recorderOnceStarted::get,
                clock),
            ResourceTypes.SERVICES.kind(),
            new EndpointsReconciler(
                podsOnceStarted::get,
                () -> storesOnceStarted.get(ResourceTypes.ENDPOINTS),
                () -> storesOnceStarted.get(ResourceTypes.ENDPOINT_SLICES)));
    // One allocator of services' addresses in the cluster, reading the services it allocates for.
    ActorRef<ServiceAddressAllocator.Command> addresses =
        ClusterSingleton.get(system)
            .init(
                SingletonActor.of(
                        ServiceAddressAllocator.create(
                            () -> storesOnceStarted.get(ResourceTypes.SERVICES),
                            ServiceAddresses.Range.parse(settings.services().clusterIpRange()),
                            settings.services().nodePortMin(),
                            settings.services().nodePortMax(),
                            clock),
                        "service-addresses")
                    .withSettings(ClusterSingletonSettings.create(system).withRole(ROLE)));
    Map<String, ClusterAdmission> admissions =
        Map.of(
            ResourceTypes.SERVICES.kind(),
            ServiceAddressAllocator.admission(addresses, system, settings.api().requestTimeout()));
    List<StoredObjects> stored = new ArrayList<>();
    for (StoredKind kind : StoredKinds.all()) {
      stored.add(
          startKind(
              system,
              sharding,
              settings,
              clock,
              kind,
              controllers.get(kind.type().kind()),
              admissions.getOrDefault(kind.type().kind(), ClusterAdmission.NONE),
              owners,
              persistenceIds));
    }
    stored.forEach(objects -> storesOnceStarted.put(objects.kind().type(), objects));
    ActorRef<EventRecorder.Command> events =
        system.systemActorOf(
            EventRecorder.create(find(stored, ResourceTypes.EVENTS)),
            "event-recorder",
            Props.empty());
    recorderOnceStarted.set(events);
    PodEntity.init(
        sharding,
        new PodEntity.Dependencies(
            scheduler,
            changes,
            events,
            clock,
            settings.scheduler().retryInterval(),
            settings.pods().snapshotEvery(),
            owners),
        ROLE);
    Duration timeout = settings.api().requestTimeout();
    ActorRef<PodIndex.Command> index =
        system.systemActorOf(
            PodIndex.create(
                () -> Pods.loadAll(system, sharding, timeout, persistenceIds.apply("Pod|"))),
            "pod-index",
            Props.empty());
    changes.tell(Topic.subscribe(index));
    changes.tell(
        Topic.subscribe(
            system.systemActorOf(
                ServiceSelectors.create(find(stored, ResourceTypes.SERVICES), sharding),
                "service-selectors",
                Props.empty())));
    Pods pods = new Pods(system, sharding, index, timeout);
    podsOnceStarted.set(pods);
    ControlPlane controlPlane = new ControlPlane(pods, index, List.copyOf(stored));
    system.systemActorOf(
        NamespaceFinalizer.create(
            pods, controlPlane.objects(ResourceTypes.NAMESPACES), stored, Duration.ofSeconds(1)),
        "namespace-finalizer",
        Props.empty());
    system.systemActorOf(
        GarbageCollector.create(
            pods,
            Map.of(
                ResourceTypes.REPLICASETS.kind(),
                controlPlane.objects(ResourceTypes.REPLICASETS),
                ResourceTypes.DEPLOYMENTS.kind(),
                controlPlane.objects(ResourceTypes.DEPLOYMENTS),
                ResourceTypes.SERVICES.kind(),
                controlPlane.objects(ResourceTypes.SERVICES)),
            List.of(
                controlPlane.objects(ResourceTypes.REPLICASETS),
                controlPlane.objects(ResourceTypes.ENDPOINTS),
                controlPlane.objects(ResourceTypes.ENDPOINT_SLICES)),
            stored,
            Duration.ofSeconds(1)),
        "garbage-collector",
        Props.empty());
    return controlPlane;
  }

  /** The entities, change topic and index of one kind stored as JSON. */
  private static StoredObjects startKind(
      ActorSystem<?> system,
      ClusterSharding sharding,
      TroupeSettings settings,
      Clock clock,
      StoredKind kind,
      Reconciler controller,
      ClusterAdmission admission,
      Owners owners,
      Function<String, Source<String, NotUsed>> persistenceIds) {
    String name = kind.type().kind();
    ActorRef<Topic.Command<ObjectIndex.Command>> changes =
        system.systemActorOf(
            Topic.create(ObjectIndex.Command.class, ObjectIndex.topic(name)),
            "changes-" + name,
            Props.empty());
    ObjectEntity.init(
        sharding,
        new ObjectEntity.Dependencies(
            kind, changes, clock, settings.pods().snapshotEvery(), controller, owners),
        ROLE);
    Duration timeout = settings.api().requestTimeout();
    Supplier<CompletionStage<List<KubeObject>>> journal =
        () ->
            StoredObjects.loadAll(
                kind, system, sharding, timeout, persistenceIds.apply(name + "|"));
    Supplier<CompletionStage<List<KubeObject>>> loader =
        kind.type().equals(ResourceTypes.NAMESPACES)
            ? () ->
                journal
                    .get()
                    .thenCompose(
                        loaded -> DefaultNamespaces.ensure(kind, sharding, timeout, loaded))
            : journal;
    ActorRef<ObjectIndex.Command> index =
        system.systemActorOf(
            ObjectIndex.create(
                name, loader, new ObjectIndex.Settings(clock, 10_000, Duration.ofSeconds(30))),
            "index-" + name,
            Props.empty());
    changes.tell(Topic.subscribe(index));
    return new StoredObjects(kind, system, sharding, index, timeout, admission);
  }
}
