package dev.troupe.actors.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.actors.Outcome;
import dev.troupe.actors.events.EventRecorder;
import dev.troupe.actors.index.Page;
import dev.troupe.actors.index.Selection;
import dev.troupe.actors.object.Reconciler;
import dev.troupe.actors.object.StoredObjects;
import dev.troupe.core.events.Cause;
import dev.troupe.core.events.EventNote;
import dev.troupe.core.events.KubeEvents;
import dev.troupe.core.kinds.ObjectAdmission;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.workloads.DeploymentControl;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A Deployment's controller, run by its entity: it reads the ReplicaSets of its namespace from this
 * member's index, asks {@link DeploymentControl} for the next step of the rollout, creates, scales,
 * annotates and deletes ReplicaSets accordingly, keeps the Deployment's revision annotation, and
 * answers the status to record. The ReplicaSets do the rest with their pods.
 */
public final class DeploymentReconciler implements Reconciler {

  static final String MANAGER = "deployment-controller";

  private final Supplier<StoredObjects> replicaSets;
  private final Supplier<StoredObjects> deployments;
  private final Clock clock;
  private final RandomGenerator random = new SecureRandom();
  private final Supplier<ActorRef<EventRecorder.Command>> events;

  public DeploymentReconciler(
      Supplier<StoredObjects> replicaSets,
      Supplier<StoredObjects> deployments,
      Supplier<ActorRef<EventRecorder.Command>> events,
      Clock clock) {
    this.replicaSets = replicaSets;
    this.deployments = deployments;
    this.events = events;
    this.clock = clock;
  }

  /** A ScalingReplicaSet event on the Deployment, worded as Kubernetes' deployment controller. */
  private void scaling(KubeObject deployment, String replicaSet, int from, int to) {
    ActorRef<EventRecorder.Command> recorder = events.get();
    if (recorder == null || from == to) {
      return;
    }
    String message =
        "Scaled %s replica set %s from %d to %d"
            .formatted(to > from ? "up" : "down", replicaSet, from, to);
    recorder.tell(
        new EventRecorder.Record(
            new KubeEvents.Involved(
                "Deployment",
                "apps/v1",
                deployment.namespace(),
                deployment.name(),
                deployment.metadata().uid()),
            List.of(
                new EventNote(
                    "ScalingReplicaSet",
                    EventNote.NORMAL,
                    message,
                    "deployment-controller",
                    null,
                    null)),
            clock.instant()));
  }

  @Override
  public CompletionStage<Optional<JsonNode>> reconcile(KubeObject deployment) {
    StoredObjects sets = replicaSets.get();
    return sets.list(Selection.inNamespace(deployment.namespace()), Page.ALL)
        .thenCompose(
            listing -> {
              DeploymentControl.Decision decision =
                  DeploymentControl.decide(deployment, listing.items(), clock.instant());
              Map<String, Integer> before = new HashMap<>();
              listing
                  .items()
                  .forEach(rs -> before.put(rs.name(), rs.at("/spec/replicas").asInt(0)));
              return act(sets, deployment, decision, before)
                  .thenApply(done -> Optional.<JsonNode>of(decision.status()));
            });
  }

  private CompletionStage<Void> act(
      StoredObjects sets,
      KubeObject deployment,
      DeploymentControl.Decision decision,
      Map<String, Integer> before) {
    List<CompletableFuture<?>> writes = new ArrayList<>();
    if (decision.create() != null) {
      ObjectAdmission.Admitted admitted =
          ObjectAdmission.prepareCreate(
              sets.kind(), decision.create(), deployment.namespace(), random);
      if (!admitted.isValid()) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("the new ReplicaSet is invalid: " + admitted.errors()));
      }
      writes.add(
          sets.create(
                  admitted.object(),
                  MANAGER,
                  cause(deployment, "the template changed: a new ReplicaSet for it"))
              .thenAccept(
                  reply -> {
                    if (reply.outcome() == Outcome.OK) {
                      scaling(
                          deployment,
                          reply.object().name(),
                          0,
                          reply.object().at("/spec/replicas").asInt(0));
                    }
                  })
              .toCompletableFuture());
    }
    for (KubeObject rs : decision.update()) {
      writes.add(
          sets.update(
                  rs,
                  rs.metadata().resourceVersion(),
                  false,
                  MANAGER,
                  cause(
                      deployment,
                      "rollout step: %s to %d replicas"
                          .formatted(rs.name(), rs.at("/spec/replicas").asInt(0))))
              .thenAccept(
                  reply -> {
                    if (reply.outcome() == Outcome.OK) {
                      scaling(
                          deployment,
                          rs.name(),
                          before.getOrDefault(rs.name(), 0),
                          rs.at("/spec/replicas").asInt(0));
                    }
                  })
              .toCompletableFuture());
    }
    for (KubeObject rs : decision.delete()) {
      writes.add(
          sets.delete(
                  rs.namespace(),
                  rs.name(),
                  rs.metadata().uid(),
                  null,
                  cause(deployment, "beyond revisionHistoryLimit"))
              .toCompletableFuture());
    }
    if (decision.deployment() != null) {
      writes.add(
          deployments
              .get()
              .update(
                  decision.deployment(),
                  deployment.metadata().resourceVersion(),
                  false,
                  MANAGER,
                  cause(deployment, whyChanged(deployment, decision.deployment())))
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
  }

  /** An automatic rollback says why; otherwise the change is the revision annotation. */
  private static String whyChanged(KubeObject before, KubeObject after) {
    String rolledBack = annotation(after, DeploymentControl.ROLLED_BACK);
    if (rolledBack != null
        && !rolledBack.equals(annotation(before, DeploymentControl.ROLLED_BACK))) {
      return "automatic rollback " + rolledBack;
    }
    return "its newest revision";
  }

  private static String annotation(KubeObject object, String key) {
    return object.metadata().annotations() == null
        ? null
        : object.metadata().annotations().get(key);
  }

  private static Cause cause(KubeObject deployment, String reason) {
    return Cause.of(
        "system:controller:deployment",
        "deployment/" + deployment.namespace() + "/" + deployment.name(),
        reason);
  }
}
