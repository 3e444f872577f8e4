package dev.troupe.actors.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.actors.Outcome;
import dev.troupe.actors.events.EventRecorder;
import dev.troupe.actors.index.Selection;
import dev.troupe.actors.object.Reconciler;
import dev.troupe.actors.pod.PodEntity;
import dev.troupe.actors.pod.Pods;
import dev.troupe.core.events.Cause;
import dev.troupe.core.events.EventNote;
import dev.troupe.core.events.KubeEvents;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Pod;
import dev.troupe.core.pod.PodAdmission;
import dev.troupe.core.workloads.ReplicaSetControl;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A ReplicaSet's controller, run by its entity: it reads the pods of its namespace from this
 * member's pod index, asks {@link ReplicaSetControl} for the next step, adopts, releases, creates
 * (in slow-start batches: 1, 2, 4 … as Kubernetes does, stopping at the first failure) and deletes
 * pods, and answers the status to record.
 */
public final class ReplicaSetReconciler implements Reconciler {

  private final Supplier<Pods> pods;
  private final Supplier<ActorRef<EventRecorder.Command>> events;
  private final Clock clock;
  private final RandomGenerator random = new SecureRandom();

  public ReplicaSetReconciler(
      Supplier<Pods> pods, Supplier<ActorRef<EventRecorder.Command>> events, Clock clock) {
    this.pods = pods;
    this.events = events;
    this.clock = clock;
  }

  private void noteWarning(KubeObject replicaSet, String reason, String message) {
    note(replicaSet, reason, message, EventNote.WARNING);
  }

  private void note(KubeObject replicaSet, String reason, String message) {
    note(replicaSet, reason, message, EventNote.NORMAL);
  }

  /** Records, as Kubernetes' replicaset-controller does, what it did to a pod. */
  private void note(KubeObject replicaSet, String reason, String message, String type) {
    ActorRef<EventRecorder.Command> recorder = events.get();
    if (recorder == null) {
      return;
    }
    recorder.tell(
        new EventRecorder.Record(
            new KubeEvents.Involved(
                "ReplicaSet",
                "apps/v1",
                replicaSet.namespace(),
                replicaSet.name(),
                replicaSet.metadata().uid()),
            List.of(new EventNote(reason, type, message, "replicaset-controller", null, null)),
            clock.instant()));
  }

  @Override
  public CompletionStage<Optional<JsonNode>> reconcile(KubeObject replicaSet) {
    Pods pods = this.pods.get();
    return pods.list(Selection.inNamespace(replicaSet.namespace()))
        .thenCompose(
            listing -> {
              ReplicaSetControl.Decision decision =
                  ReplicaSetControl.decide(replicaSet, listing.items(), clock.instant());
              return act(pods, replicaSet, decision)
                  .thenApply(
                      failure ->
                          Optional.<JsonNode>of(
                              ReplicaSetControl.withFailure(
                                  decision.status(), replicaSet, failure, clock.instant())));
            });
  }

  /** Acts on the decision; the stage ends with why creating pods failed, or null. */
  private CompletionStage<String> act(
      Pods pods, KubeObject replicaSet, ReplicaSetControl.Decision decision) {
    String uid = replicaSet.metadata().uid();
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (Pod pod : decision.adopt()) {
      writes.add(
          pods.update(
                  ReplicaSetControl.adopted(pod, replicaSet),
                  pod.metadata().resourceVersion(),
                  cause(replicaSet, "adopted: its labels match the selector"))
              .toCompletableFuture());
    }
    for (Pod pod : decision.release()) {
      writes.add(
          pods.update(
                  ReplicaSetControl.released(pod, uid),
                  pod.metadata().resourceVersion(),
                  cause(replicaSet, "released: its labels no longer match the selector"))
              .toCompletableFuture());
    }
    for (Pod pod : decision.delete()) {
      writes.add(
          pods.delete(
                  pod.namespace(),
                  pod.name(),
                  null,
                  cause(
                      replicaSet,
                      "scaled down to %d: the least useful pod goes first"
                          .formatted(ReplicaSetControl.replicas(replicaSet))))
              .thenAccept(
                  reply -> {
                    if (reply.outcome() == Outcome.OK) {
                      note(replicaSet, "SuccessfulDelete", "Deleted pod: " + pod.name());
                    }
                  })
              .toCompletableFuture());
    }
    CompletionStage<String> created =
        createInBatches(pods, replicaSet, decision.create(), 1)
            .exceptionally(failure -> String.valueOf(failure.getMessage()));
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
        .thenCompose(done -> created)
        .thenApply(
            failure -> {
              if (failure != null) {
                noteWarning(replicaSet, "FailedCreate", "Error creating: " + failure);
              }
              return failure;
            });
  }

  /**
   * Creates {@code remaining} pods, {@code batch} at once, doubling the batch after each one that
   * fully succeeds and stopping at the first that does not (Kubernetes' slowStartBatch).
   */
  private CompletionStage<String> createInBatches(
      Pods pods, KubeObject replicaSet, int remaining, int batch) {
    if (remaining <= 0) {
      return CompletableFuture.completedFuture(null);
    }
    int size = Math.min(batch, remaining);
    List<CompletableFuture<PodEntity.Reply>> creates = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      PodAdmission.Admitted admitted =
          PodAdmission.prepare(
              ReplicaSetControl.newPod(replicaSet), replicaSet.namespace(), random);
      if (!admitted.isValid()) {
        return CompletableFuture.completedFuture(
            "the template makes invalid pods: " + admitted.errors());
      }
      creates.add(
          pods.create(
                  admitted.pod(),
                  cause(
                      replicaSet,
                      "scaled up to %d".formatted(ReplicaSetControl.replicas(replicaSet))))
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(creates.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              for (CompletableFuture<PodEntity.Reply> create : creates) {
                PodEntity.Reply reply = create.join();
                if (reply.outcome() == Outcome.OK) {
                  note(replicaSet, "SuccessfulCreate", "Created pod: " + reply.pod().name());
                }
              }
              return done;
            })
        .thenCompose(
            done -> {
              for (CompletableFuture<PodEntity.Reply> create : creates) {
                if (create.join().outcome() != Outcome.OK) {
                  return CompletableFuture.completedFuture(
                      "a pod of this template could not be created: " + create.join().outcome());
                }
              }
              return createInBatches(pods, replicaSet, remaining - size, batch * 2);
            });
  }

  private static Cause cause(KubeObject replicaSet, String reason) {
    return Cause.of(
        "system:controller:replicaset",
        "replicaset/" + replicaSet.namespace() + "/" + replicaSet.name(),
        reason);
  }
}
