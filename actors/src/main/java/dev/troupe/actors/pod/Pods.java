package dev.troupe.actors.pod;

import dev.troupe.actors.JournalLoads;
import dev.troupe.actors.index.Page;
import dev.troupe.actors.index.PodIndex;
import dev.troupe.actors.index.Selection;
import dev.troupe.core.events.Cause;
import dev.troupe.core.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The pods, as the API sees them: one method per operation, each a {@link CompletionStage}. Writes
 * go to the pod's entity; lists come from this member's index. A write's result is handed to the
 * local index before it is returned, so a list that follows it includes it.
 */
public final class Pods {

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final ActorRef<PodIndex.Command> index;
  private final Duration timeout;

  public Pods(
      ActorSystem<?> system,
      ClusterSharding sharding,
      ActorRef<PodIndex.Command> index,
      Duration timeout) {
    this.system = system;
    this.sharding = sharding;
    this.index = index;
    this.timeout = timeout;
  }

  public CompletionStage<PodEntity.Reply> create(Pod admitted, Cause cause) {
    return entity(admitted.namespace(), admitted.name())
        .<PodEntity.Reply>ask(replyTo -> new PodEntity.Create(admitted, cause, replyTo), timeout)
        .thenApply(this::indexed);
  }

  public CompletionStage<PodEntity.Reply> get(String namespace, String name) {
    return entity(namespace, name).ask(PodEntity.Get::new, timeout);
  }

  /** Updates the pod if it is still at {@code expectedResourceVersion} (null: at any version). */
  public CompletionStage<PodEntity.Reply> update(
      Pod pod, String expectedResourceVersion, Cause cause) {
    return entity(pod.namespace(), pod.name())
        .<PodEntity.Reply>ask(
            replyTo -> new PodEntity.Update(pod, expectedResourceVersion, cause, replyTo), timeout)
        .thenApply(this::indexed);
  }

  /** Replaces the pod's status, if it is still at {@code expectedResourceVersion} (null: any). */
  public CompletionStage<PodEntity.Reply> updateStatus(
      String namespace,
      String name,
      dev.troupe.core.model.PodStatus status,
      String expectedResourceVersion,
      Cause cause) {
    return entity(namespace, name)
        .<PodEntity.Reply>ask(
            replyTo -> new PodEntity.UpdateStatus(status, expectedResourceVersion, cause, replyTo),
            timeout)
        .thenApply(this::indexed);
  }

  public CompletionStage<PodEntity.Reply> delete(
      String namespace, String name, Long gracePeriodSeconds, Cause cause) {
    return entity(namespace, name)
        .<PodEntity.Reply>ask(
            replyTo -> new PodEntity.Delete(gracePeriodSeconds, cause, replyTo), timeout)
        .thenApply(this::indexed);
  }

  /** Pods of {@code namespace}, or of every namespace when it is null. */
  public CompletionStage<PodIndex.Listing> list(String namespace) {
    return list(Selection.inNamespace(namespace));
  }

  /** The pods {@code selection} selects. */
  public CompletionStage<PodIndex.Listing> list(Selection selection) {
    return list(selection, Page.ALL);
  }

  /** One page of the pods {@code selection} selects. */
  public CompletionStage<PodIndex.Listing> list(Selection selection, Page page) {
    return AskPattern.ask(
        index,
        replyTo -> new PodIndex.ListPods(selection, page, replyTo),
        timeout,
        system.scheduler());
  }

  /**
   * Starts a watch of the pods {@code filter} selects from {@code resourceVersion}; events go to
   * {@code subscriber} until it stops.
   */
  public CompletionStage<PodIndex.WatchStarted> watch(
      Selection filter,
      String resourceVersion,
      boolean bookmarks,
      ActorRef<PodIndex.WatchEvent> subscriber) {
    return AskPattern.ask(
        index,
        replyTo -> new PodIndex.Watch(filter, resourceVersion, bookmarks, subscriber, replyTo),
        timeout,
        system.scheduler());
  }

  public CompletionStage<Boolean> isIndexReady() {
    return AskPattern.ask(index, PodIndex.IsReady::new, timeout, system.scheduler());
  }

  /**
   * Every pod the journal knows, read from its entity: how an index is rebuilt from the journal
   * alone. {@code persistenceIds} are the pods' persistence ids ({@code Pod|namespace/name}).
   */
  public static CompletionStage<List<Pod>> loadAll(
      ActorSystem<?> system,
      ClusterSharding sharding,
      Duration timeout,
      Source<String, NotUsed> persistenceIds) {
    return JournalLoads.all(
        system,
        persistenceIds,
        entityId ->
            sharding
                .entityRefFor(PodEntity.TYPE_KEY, entityId)
                .<PodEntity.Reply>ask(PodEntity.Get::new, timeout)
                .thenApply(reply -> Optional.ofNullable(reply.pod())));
  }

  private PodEntity.Reply indexed(PodEntity.Reply reply) {
    if (reply.pod() != null) {
      index.tell(new PodIndex.Changed(reply.pod(), reply.removed()));
    }
    return reply;
  }

  private EntityRef<PodEntity.Command> entity(String namespace, String name) {
    return sharding.entityRefFor(PodEntity.TYPE_KEY, PodEntity.entityId(namespace, name));
  }
}
