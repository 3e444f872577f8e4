package dev.troupe.actors.object;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.actors.index.ObjectIndex;
import dev.troupe.actors.index.Page;
import dev.troupe.actors.index.Selection;
import dev.troupe.actors.pod.Pods;
import dev.troupe.core.JsonSerializable;
import dev.troupe.core.events.Cause;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Empties terminating namespaces, as Kubernetes' namespace controller does: every object in a
 * namespace whose deletion was asked for is deleted (pods gracefully), and once nothing is left the
 * namespace's {@code kubernetes} finalizer is removed, which lets its entity remove it.
 * Level-based: it looks again every {@code interval} while a namespace is terminating, so a
 * restart, a lost message or a pod slow to stop only delays it.
 */
public final class NamespaceFinalizer {

  /** The finalizer Kubernetes puts in {@code spec.finalizers} of every namespace. */
  public static final String FINALIZER = "kubernetes";

  private static final Cause CAUSE =
      Cause.of("system:namespace-controller", "namespace-deletion", "its namespace is terminating");

  /** What the finalizer is told. */
  public sealed interface Command extends JsonSerializable {}

  /** A namespace changed (from the namespace index's watch). */
  public record NamespaceChanged(ObjectIndex.WatchEvent event) implements Command {}

  /** Time to look at the terminating namespaces again. */
  public enum Tick implements Command {
    INSTANCE
  }

  /** A pass over one namespace ended; {@code empty} when nothing was left in it. */
  public record Passed(String namespace, boolean empty) implements Command {}

  private final ActorContext<Command> context;
  private final Pods pods;
  private final StoredObjects namespaces;
  private final List<StoredObjects> namespaced;
  private final Map<String, KubeObject> terminating = new HashMap<>();
  private final Map<String, Boolean> inPass = new HashMap<>();

  private NamespaceFinalizer(
      ActorContext<Command> context,
      Pods pods,
      StoredObjects namespaces,
      List<StoredObjects> namespaced) {
    this.context = context;
    this.pods = pods;
    this.namespaces = namespaces;
    this.namespaced = namespaced;
  }

  public static Behavior<Command> create(
      Pods pods, StoredObjects namespaces, List<StoredObjects> stored, Duration interval) {
    List<StoredObjects> namespaced =
        stored.stream().filter(s -> s.kind().type().namespaced()).toList();
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Tick.INSTANCE, interval);
                  NamespaceFinalizer finalizer =
                      new NamespaceFinalizer(context, pods, namespaces, namespaced);
                  finalizer.watch();
                  return finalizer.behavior(timers);
                }));
  }

  private void watch() {
    var subscriber = context.messageAdapter(ObjectIndex.WatchEvent.class, NamespaceChanged::new);
    context.pipeToSelf(
        namespaces.watch(new Selection(null, "", ""), "", false, subscriber),
        (started, failure) -> {
          if (failure != null) {
            context.getLog().warn("watching namespaces failed, retrying: {}", failure.toString());
            context.scheduleOnce(Duration.ofSeconds(1), context.getSelf(), Tick.INSTANCE);
          }
          return Tick.INSTANCE;
        });
  }

  private Behavior<Command> behavior(TimerScheduler<Command> timers) {
    return Behaviors.receive(Command.class)
        .onMessage(
            NamespaceChanged.class,
            c -> {
              onChanged(c.event());
              return Behaviors.same();
            })
        .onMessage(
            Tick.class,
            t -> {
              terminating.keySet().forEach(this::pass);
              return Behaviors.same();
            })
        .onMessage(
            Passed.class,
            p -> {
              inPass.remove(p.namespace());
              KubeObject namespace = terminating.get(p.namespace());
              if (p.empty() && namespace != null) {
                finalize(namespace);
              }
              return Behaviors.same();
            })
        .build();
  }

  private void onChanged(ObjectIndex.WatchEvent event) {
    KubeObject namespace = event.object();
    if (namespace == null) {
      return;
    }
    if (event.type().equals("DELETED") || !namespace.isTerminating()) {
      terminating.remove(namespace.name());
      return;
    }
    boolean first = !terminating.containsKey(namespace.name());
    terminating.put(namespace.name(), namespace);
    if (first) {
      pass(namespace.name());
    }
  }

  /** Deletes what is left in {@code namespace}; tells itself whether anything was. */
  private void pass(String namespace) {
    if (inPass.putIfAbsent(namespace, true) != null) {
      return;
    }
    List<CompletableFuture<Boolean>> kinds = new ArrayList<>();
    kinds.add(deletePods(namespace).toCompletableFuture());
    for (StoredObjects objects : namespaced) {
      kinds.add(deleteObjects(objects, namespace).toCompletableFuture());
    }
    context.pipeToSelf(
        CompletableFuture.allOf(kinds.toArray(CompletableFuture[]::new)),
        (done, failure) ->
            new Passed(
                namespace, failure == null && kinds.stream().noneMatch(CompletableFuture::join)));
  }

  /** Deletes the pods of {@code namespace}; true when any was left. */
  private CompletionStage<Boolean> deletePods(String namespace) {
    return pods.list(Selection.inNamespace(namespace))
        .thenCompose(
            listing -> {
              List<CompletableFuture<?>> deletes = new ArrayList<>();
              for (Pod pod : listing.items()) {
                if (!pod.isTerminating()) {
                  deletes.add(
                      pods.delete(namespace, pod.name(), null, CAUSE).toCompletableFuture());
                }
              }
              return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new))
                  .thenApply(done -> !listing.items().isEmpty());
            });
  }

  /** Deletes the objects of one kind in {@code namespace}; true when any was left. */
  private static CompletionStage<Boolean> deleteObjects(StoredObjects objects, String namespace) {
    return objects
        .list(Selection.inNamespace(namespace), Page.ALL)
        .thenCompose(
            listing -> {
              List<CompletableFuture<?>> deletes = new ArrayList<>();
              for (KubeObject object : listing.items()) {
                if (!object.isTerminating()) {
                  deletes.add(
                      objects
                          .delete(namespace, object.name(), null, null, CAUSE)
                          .toCompletableFuture());
                }
              }
              return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new))
                  .thenApply(done -> !listing.items().isEmpty());
            });
  }

  /** Removes the {@code kubernetes} finalizer: the namespace entity then removes the namespace. */
  private void finalize(KubeObject namespace) {
    if (!namespace.field("spec").isObject()) {
      return;
    }
    ObjectNode spec = ((ObjectNode) namespace.field("spec")).deepCopy();
    ArrayNode remaining = spec.putArray("finalizers");
    namespace
        .at("/spec/finalizers")
        .forEach(
            f -> {
              if (!f.asText().equals(FINALIZER)) {
                remaining.add(f);
              }
            });
    namespaces.update(
        namespace.with("spec", spec), namespace.metadata().resourceVersion(), false, CAUSE);
  }
}
