package dev.troupe.actors;

import dev.troupe.actors.index.PodIndex;
import dev.troupe.actors.pod.PodEntity;
import dev.troupe.actors.pod.Pods;
import dev.troupe.actors.scheduler.Scheduler;
import dev.troupe.config.TroupeSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.stream.javadsl.Source;

/** The control-plane role of a member: entity shards, a scheduler, the read-side index. */
public record ControlPlane(Pods pods, ActorRef<PodIndex.Command> podIndex) {

  public static final String ROLE = "control-plane";

  /**
   * Starts this member's part of the control plane. {@code podPersistenceIds} lists the pods in the
   * journal, for rebuilding the index.
   */
  public static ControlPlane start(
      ActorSystem<?> system,
      TroupeSettings settings,
      Clock clock,
      Supplier<Source<String, NotUsed>> podPersistenceIds) {
    ActorRef<Topic.Command<PodIndex.Command>> changes =
        system.systemActorOf(
            Topic.create(PodIndex.Command.class, PodIndex.TOPIC), "pod-changes", Props.empty());
    ActorRef<Scheduler.Command> scheduler =
        system.systemActorOf(
            Scheduler.create(clock, settings.scheduler().nodeTimeout()),
            "scheduler",
            Props.empty());
    ClusterSharding sharding = ClusterSharding.get(system);
    PodEntity.init(
        sharding,
        new PodEntity.Dependencies(
            scheduler,
            changes,
            clock,
            settings.scheduler().retryInterval(),
            settings.pods().snapshotEvery()),
        ROLE);
    Duration timeout = settings.api().requestTimeout();
    ActorRef<PodIndex.Command> index =
        system.systemActorOf(
            PodIndex.create(() -> Pods.loadAll(system, sharding, timeout, podPersistenceIds.get())),
            "pod-index",
            Props.empty());
    changes.tell(Topic.subscribe(index));
    return new ControlPlane(new Pods(system, sharding, index, timeout), index);
  }
}
