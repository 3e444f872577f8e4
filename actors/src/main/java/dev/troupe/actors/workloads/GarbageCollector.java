package dev.troupe.actors.workloads;

import dev.troupe.actors.Outcome;
import dev.troupe.actors.index.Page;
import dev.troupe.actors.index.Selection;
import dev.troupe.actors.object.StoredObjects;
import dev.troupe.actors.pod.Pods;
import dev.troupe.core.JsonSerializable;
import dev.troupe.core.events.Cause;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.OwnerReference;
import dev.troupe.core.model.Pod;
import dev.troupe.core.workloads.ReplicaSetControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Kubernetes' garbage collector, level-based: every {@code interval} it deletes the objects whose
 * controller is gone (the Background propagation that {@code kubectl delete} asks by default), and
 * finishes the deletion of owners that wait for their dependants: {@code orphan} (their dependants
 * lose the owner reference, then the owner goes) and {@code foregroundDeletion} (their dependants
 * are deleted, then the owner goes). Owners are ReplicaSets (of pods), Deployments (of ReplicaSets)
 * and Services (of Endpoints and EndpointSlices).
 */
public final class GarbageCollector {

  public static final String ORPHAN = "orphan";
  public static final String FOREGROUND = "foregroundDeletion";

  private static final Cause CAUSE =
      Cause.of("system:controller:garbage-collector", "garbage-collection", "its owner is gone");

  /** What the collector is told. */
  public sealed interface Command {}

  /** Time for a pass. */
  public enum Tick implements Command, JsonSerializable {
    INSTANCE
  }

  /** A pass ended. */
  record Passed() implements Command, NoSerializationVerificationNeeded {}

  private GarbageCollector() {}

  /**
   * A collector over {@code pods}, the {@code owners} by kind, the stored objects of {@code
   * dependants} that have owners among them, and {@code every} stored kind, any object of which may
   * be deleted with a propagation policy that waits for the collector.
   */
  public static Behavior<Command> create(
      Pods pods,
      Map<String, StoredObjects> owners,
      List<StoredObjects> dependants,
      List<StoredObjects> every,
      Duration interval) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Tick.INSTANCE, interval);
                  boolean[] running = {false};
                  return Behaviors.receive(Command.class)
                      .onMessage(
                          Tick.class,
                          t -> {
                            if (!running[0]) {
                              running[0] = true;
                              context.pipeToSelf(
                                  pass(pods, owners, dependants, every),
                                  (ok, failure) -> new Passed());
                            }
                            return Behaviors.same();
                          })
                      .onMessage(
                          Passed.class,
                          p -> {
                            running[0] = false;
                            return Behaviors.same();
                          })
                      .build();
                }));
  }

  /**
   * One pass. Dependants are listed before their owners: an owner a listed dependant names existed
   * before it, so it is in the owners' listing unless it has gone since, and a dependant is never
   * taken for an orphan of an owner that was merely listed too early. Owners are listed once per
   * pass, not looked up once per dependant.
   */
  private static CompletionStage<Void> pass(
      Pods pods,
      Map<String, StoredObjects> owners,
      List<StoredObjects> dependants,
      List<StoredObjects> every) {
    CompletableFuture<List<Pod>> podsListed =
        pods.list(Selection.inNamespace(null))
            .thenApply(listing -> listing.items())
            .toCompletableFuture();
    List<CompletableFuture<List<KubeObject>>> objectsListed = new ArrayList<>();
    for (StoredObjects dependant : dependants) {
      objectsListed.add(
          dependant
              .list(Selection.inNamespace(null), Page.ALL)
              .thenApply(listing -> listing.items())
              .toCompletableFuture());
    }
    List<CompletableFuture<?>> listed = new ArrayList<>(objectsListed);
    listed.add(podsListed);
    CompletionStage<Void> collected =
        CompletableFuture.allOf(listed.toArray(CompletableFuture[]::new))
            .thenCompose(done -> presentOwners(owners))
            .thenCompose(
                present -> {
                  List<CompletableFuture<?>> work = new ArrayList<>();
                  work.add(collectPods(pods, present, podsListed.join()).toCompletableFuture());
                  for (int i = 0; i < dependants.size(); i++) {
                    work.add(
                        collectObjects(dependants.get(i), present, objectsListed.get(i).join())
                            .toCompletableFuture());
                  }
                  return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new));
                });
    List<CompletableFuture<?>> work = new ArrayList<>();
    work.add(collected.toCompletableFuture());
    for (StoredObjects kind : every) {
      work.add(finishOwners(pods, owners, dependants, kind).toCompletableFuture());
    }
    return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new));
  }

  /** The uid of every owner there is: by kind, then by {@code namespace/name}. */
  private static CompletionStage<Map<String, Map<String, String>>> presentOwners(
      Map<String, StoredObjects> owners) {
    Map<String, Map<String, String>> present = new ConcurrentHashMap<>();
    List<CompletableFuture<?>> lists = new ArrayList<>();
    owners.forEach(
        (kind, objects) ->
            lists.add(
                objects
                    .list(Selection.inNamespace(null), Page.ALL)
                    .thenAccept(
                        listing -> {
                          Map<String, String> uids = new HashMap<>();
                          for (KubeObject owner : listing.items()) {
                            uids.put(key(owner.namespace(), owner.name()), owner.metadata().uid());
                          }
                          present.put(kind, uids);
                        })
                    .toCompletableFuture()));
    return CompletableFuture.allOf(lists.toArray(CompletableFuture[]::new))
        .thenApply(done -> present);
  }

  private static String key(String namespace, String name) {
    return (namespace == null ? "" : namespace) + "/" + name;
  }

  /** Deletes the pods whose controller no longer exists. */
  private static CompletionStage<Void> collectPods(
      Pods pods, Map<String, Map<String, String>> present, List<Pod> all) {
    List<CompletableFuture<?>> deletes = new ArrayList<>();
    for (Pod pod : all) {
      if (!pod.isTerminating() && ownerGone(present, pod.metadata())) {
        deletes.add(pods.delete(pod.namespace(), pod.name(), null, CAUSE).toCompletableFuture());
      }
    }
    return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new));
  }

  /** Deletes the objects of one kind whose controller no longer exists. */
  private static CompletionStage<Void> collectObjects(
      StoredObjects kind, Map<String, Map<String, String>> present, List<KubeObject> all) {
    List<CompletableFuture<?>> deletes = new ArrayList<>();
    for (KubeObject object : all) {
      if (!object.isTerminating() && ownerGone(present, object.metadata())) {
        deletes.add(
            kind.delete(object.namespace(), object.name(), null, null, CAUSE)
                .toCompletableFuture());
      }
    }
    return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new));
  }

  /**
   * Whether {@code meta}'s controller is of a kind collected here and no longer exists (or exists
   * again under the same name with another uid).
   */
  private static boolean ownerGone(Map<String, Map<String, String>> present, ObjectMeta meta) {
    OwnerReference controller = ReplicaSetControl.controllerOf(meta);
    Map<String, String> ofKind = controller == null ? null : present.get(controller.kind());
    if (ofKind == null) {
      return false;
    }
    String uid = ofKind.get(key(meta.namespace(), controller.name()));
    return uid == null || !uid.equals(controller.uid());
  }

  /**
   * Objects of {@code kind} waiting on their dependants: orphans are released, foreground ones
   * deleted; once none is left, the finalizer goes and with it the object (at once for an object
   * that owns nothing).
   */
  private static CompletionStage<Void> finishOwners(
      Pods pods,
      Map<String, StoredObjects> owners,
      List<StoredObjects> dependants,
      StoredObjects kind) {
    return kind.list(Selection.inNamespace(null), Page.ALL)
        .thenCompose(
            listing -> {
              List<CompletableFuture<?>> work = new ArrayList<>();
              for (KubeObject owner : listing.items()) {
                List<String> finalizers = owner.metadata().finalizers();
                if (!owner.isTerminating() || finalizers == null) {
                  continue;
                }
                if (finalizers.contains(ORPHAN)) {
                  work.add(
                      settle(pods, owners, dependants, kind, owner, ORPHAN).toCompletableFuture());
                } else if (finalizers.contains(FOREGROUND)) {
                  work.add(
                      settle(pods, owners, dependants, kind, owner, FOREGROUND)
                          .toCompletableFuture());
                }
              }
              return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new));
            });
  }

  /**
   * Releases (orphan) or deletes (foreground) what {@code owner} controls, of any kind — a
   * Deployment's ReplicaSets, a ReplicaSet's pods, a Service's Endpoints and EndpointSlices — and
   * once nothing names it any more, takes its finalizer away.
   */
  private static CompletionStage<Void> settle(
      Pods pods,
      Map<String, StoredObjects> owners,
      List<StoredObjects> dependants,
      StoredObjects kind,
      KubeObject owner,
      String finalizer) {
    String uid = owner.metadata().uid();
    boolean orphan = finalizer.equals(ORPHAN);
    List<CompletableFuture<Boolean>> found = new ArrayList<>();
    found.add(
        pods.list(Selection.inNamespace(owner.namespace()))
            .thenCompose(listing -> settlePods(pods, listing.items(), uid, orphan))
            .toCompletableFuture());
    for (StoredObjects dependant : dependants) {
      // a dependant that owns others in turn waits for them too
      String propagation = owners.containsKey(dependant.kind().type().kind()) ? "Foreground" : null;
      found.add(
          dependant
              .list(Selection.inNamespace(owner.namespace()), Page.ALL)
              .thenCompose(
                  listing -> settleObjects(dependant, listing.items(), uid, orphan, propagation))
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(found.toArray(CompletableFuture[]::new))
        .thenCompose(
            done ->
                // Until no dependant names the owner any more: a release refused because the
                // dependant changed meanwhile is tried again at the next pass, not lost.
                found.stream().anyMatch(CompletableFuture::join)
                    ? CompletableFuture.completedFuture(null)
                    : kind.get(owner.namespace(), owner.name())
                        .thenCompose(
                            current ->
                                current.outcome() == Outcome.OK
                                    ? kind.update(
                                            withoutFinalizer(current.object(), finalizer),
                                            current.object().metadata().resourceVersion(),
                                            false,
                                            CAUSE)
                                        .thenApply(r -> (Void) null)
                                    : CompletableFuture.completedFuture(null)));
  }

  /** Releases or deletes the pods controlled by {@code uid}; whether there were any. */
  private static CompletionStage<Boolean> settlePods(
      Pods pods, List<Pod> all, String uid, boolean orphan) {
    List<CompletableFuture<?>> work = new ArrayList<>();
    for (Pod pod : all) {
      OwnerReference controller = ReplicaSetControl.controllerOf(pod.metadata());
      if (controller == null || !uid.equals(controller.uid())) {
        continue;
      }
      work.add(
          (orphan
                  ? pods.update(
                      ReplicaSetControl.released(pod, uid), pod.metadata().resourceVersion(), CAUSE)
                  : pod.isTerminating()
                      ? CompletableFuture.completedFuture(null)
                      : pods.delete(pod.namespace(), pod.name(), null, CAUSE))
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new))
        .thenApply(done -> !work.isEmpty());
  }

  /** Releases or deletes the objects of one kind controlled by {@code uid}; whether any were. */
  private static CompletionStage<Boolean> settleObjects(
      StoredObjects kind, List<KubeObject> all, String uid, boolean orphan, String propagation) {
    List<CompletableFuture<?>> work = new ArrayList<>();
    for (KubeObject object : all) {
      OwnerReference controller = ReplicaSetControl.controllerOf(object.metadata());
      if (controller == null || !uid.equals(controller.uid())) {
        continue;
      }
      work.add(
          (orphan
                  ? kind.update(
                      withoutOwner(object, uid), object.metadata().resourceVersion(), false, CAUSE)
                  : object.isTerminating()
                      ? CompletableFuture.completedFuture(null)
                      : kind.delete(
                          object.namespace(), object.name(), null, null, propagation, CAUSE))
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new))
        .thenApply(done -> !work.isEmpty());
  }

  private static KubeObject withoutOwner(KubeObject object, String ownerUid) {
    List<OwnerReference> owners = new ArrayList<>();
    for (OwnerReference owner : object.metadata().ownerReferences()) {
      if (!ownerUid.equals(owner.uid())) {
        owners.add(owner);
      }
    }
    return object.withMetadata(
        object.metadata().withOwnerReferences(owners.isEmpty() ? null : List.copyOf(owners)));
  }

  private static KubeObject withoutFinalizer(KubeObject object, String finalizer) {
    List<String> finalizers = new ArrayList<>(object.metadata().finalizers());
    finalizers.remove(finalizer);
    return object.withMetadata(
        object.metadata().withFinalizers(finalizers.isEmpty() ? null : List.copyOf(finalizers)));
  }
}
