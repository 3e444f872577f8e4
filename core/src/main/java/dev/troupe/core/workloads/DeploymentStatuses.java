package dev.troupe.core.workloads;

import static dev.troupe.core.workloads.DeploymentControl.putIfPositive;
import static dev.troupe.core.workloads.DeploymentControl.replicas;
import static dev.troupe.core.workloads.DeploymentControl.specReplicas;
import static dev.troupe.core.workloads.DeploymentControl.specTotal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.KubeObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The status a Deployment reports, as Kubernetes' deployment controller computes it: the replica
 * counts of its ReplicaSets, and the Available and Progressing conditions with their reasons,
 * messages and times, the progress deadline included.
 */
final class DeploymentStatuses {

  private DeploymentStatuses() {}

  static ObjectNode of(
      KubeObject deployment,
      List<KubeObject> owned,
      KubeObject newRs,
      String newName,
      boolean createdNow,
      RolloutLimits limits,
      boolean paused,
      Instant now) {
    int wanted = replicas(deployment);
    int total = 0;
    int ready = 0;
    int available = 0;
    for (KubeObject rs : owned) {
      total += rs.at("/status/replicas").asInt(0);
      ready += rs.at("/status/readyReplicas").asInt(0);
      available += rs.at("/status/availableReplicas").asInt(0);
    }
    int updated = newRs == null ? 0 : newRs.at("/status/replicas").asInt(0);
    ObjectNode status = Json.mapper().createObjectNode();
    Long generation = deployment.metadata().generation();
    if (generation != null) {
      status.put("observedGeneration", generation);
    }
    putIfPositive(status, "replicas", total);
    putIfPositive(status, "updatedReplicas", updated);
    putIfPositive(status, "readyReplicas", ready);
    putIfPositive(status, "availableReplicas", available);
    int specTotal = specTotal(owned);
    putIfPositive(status, "unavailableReplicas", Math.max(0, specTotal - available));
    JsonNode previous = deployment.at("/status/conditions");
    ArrayNode conditions = status.putArray("conditions");
    boolean rolling = !"Recreate".equals(deployment.at("/spec/strategy/type").asText());
    int maxUnavailable = rolling && wanted > 0 ? Math.min(limits.maxUnavailable(), wanted) : 0;
    boolean minimum = available >= wanted - maxUnavailable;
    conditions.add(
        condition(
            previous,
            "Available",
            minimum ? "True" : "False",
            minimum ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
            minimum
                ? "Deployment has minimum availability."
                : "Deployment does not have minimum availability.",
            false,
            now));
    boolean complete =
        newRs != null
            && !createdNow
            && updated == wanted
            && total == wanted
            && available == wanted
            && specReplicas(newRs) == wanted;
    JsonNode lastProgressing = find(previous, "Progressing");
    JsonNode before = deployment.field("status");
    int updatedBefore = before.path("updatedReplicas").asInt(0);
    boolean progressed =
        updated > updatedBefore
            || (total - updated) < (before.path("replicas").asInt(0) - updatedBefore)
            || ready > before.path("readyReplicas").asInt(0)
            || available > before.path("availableReplicas").asInt(0);
    // A finished rollout stays finished while every replica runs the newest template.
    boolean stillComplete =
        lastProgressing != null
            && "NewReplicaSetAvailable".equals(lastProgressing.path("reason").asText())
            && total == updated
            && newRs != null
            && !createdNow;
    String name = newName == null ? deployment.name() : newName;
    ObjectNode progressing;
    if (paused) {
      progressing =
          condition(
              previous,
              "Progressing",
              "Unknown",
              "DeploymentPaused",
              "Deployment is paused",
              false,
              now);
    } else if (lastProgressing != null
        && "DeploymentPaused".equals(lastProgressing.path("reason").asText())) {
      // Resumed: the deadline counts again from now, as Kubernetes' checkPausedConditions has it.
      progressing =
          condition(
              previous,
              "Progressing",
              "Unknown",
              "DeploymentResumed",
              "Deployment is resumed",
              true,
              now);
    } else if (stillComplete && !complete) {
      progressing = ((ObjectNode) lastProgressing).deepCopy();
    } else if (complete) {
      progressing =
          condition(
              previous,
              "Progressing",
              "True",
              "NewReplicaSetAvailable",
              "ReplicaSet \"%s\" has successfully progressed.".formatted(name),
              false,
              now);
    } else if (createdNow) {
      progressing =
          condition(
              previous,
              "Progressing",
              "True",
              "NewReplicaSetCreated",
              "Created new replica set \"%s\"".formatted(name),
              true,
              now);
    } else if (timedOut(deployment, lastProgressing, progressed, now)) {
      progressing =
          condition(
              previous,
              "Progressing",
              "False",
              "ProgressDeadlineExceeded",
              "ReplicaSet \"%s\" has timed out progressing.".formatted(name),
              false,
              now);
    } else if (progressed || (lastProgressing == null && newRs == null)) {
      progressing =
          condition(
              previous,
              "Progressing",
              "True",
              "ReplicaSetUpdated",
              "ReplicaSet \"%s\" is progressing.".formatted(name),
              true,
              now);
    } else if (lastProgressing == null) {
      // A new ReplicaSet found without a condition (adopted, or written by an older server).
      progressing =
          condition(
              previous,
              "Progressing",
              "True",
              "FoundNewReplicaSet",
              "Found new replica set \"%s\"".formatted(name),
              true,
              now);
    } else {
      // No progress since the last pass: the condition, and its deadline clock, stay as they are.
      progressing = ((ObjectNode) lastProgressing).deepCopy();
    }
    conditions.add(progressing);
    JsonNode failure = replicaFailure(owned, newRs);
    if (failure != null) {
      JsonNode last = find(previous, ReplicaSetControl.REPLICA_FAILURE);
      boolean same =
          last != null
              && failure.path("status").asText().equals(last.path("status").asText())
              && failure.path("reason").asText().equals(last.path("reason").asText());
      if (same) {
        conditions.add(last.deepCopy());
      } else {
        String at = failure.path("lastTransitionTime").asText(now.toString());
        ObjectNode copied = conditions.addObject();
        copied.put("type", ReplicaSetControl.REPLICA_FAILURE);
        copied.put("status", failure.path("status").asText());
        copied.put("lastUpdateTime", at);
        copied.put("lastTransitionTime", at);
        copied.put("reason", failure.path("reason").asText());
        copied.put("message", failure.path("message").asText());
      }
    }
    return status;
  }

  /**
   * The ReplicaFailure condition the Deployment carries over from its ReplicaSets, the new one's
   * first, as Kubernetes' {@code getReplicaFailures}; null when none fails.
   */
  private static JsonNode replicaFailure(List<KubeObject> owned, KubeObject newRs) {
    if (newRs != null) {
      JsonNode failure = find(newRs.at("/status/conditions"), ReplicaSetControl.REPLICA_FAILURE);
      if (failure != null) {
        return failure;
      }
    }
    for (KubeObject rs : owned) {
      JsonNode failure = find(rs.at("/status/conditions"), ReplicaSetControl.REPLICA_FAILURE);
      if (failure != null) {
        return failure;
      }
    }
    return null;
  }

  /** Whether the rollout made no progress for longer than {@code progressDeadlineSeconds}. */
  private static boolean timedOut(
      KubeObject deployment, JsonNode last, boolean progressed, Instant now) {
    if (last == null
        || progressed
        || "NewReplicaSetAvailable".equals(last.path("reason").asText())) {
      return false;
    }
    if ("ProgressDeadlineExceeded".equals(last.path("reason").asText())) {
      return true;
    }
    int deadline = deployment.at("/spec/progressDeadlineSeconds").asInt(600);
    String since = last.path("lastUpdateTime").asText("");
    if (since.isEmpty()) {
      return false;
    }
    return Instant.parse(since).plus(Duration.ofSeconds(deadline)).isBefore(now);
  }

  /**
   * A condition, keeping the previous one's times when nothing about it changed; {@code touched}
   * moves its lastUpdateTime (progress was made).
   */
  private static ObjectNode condition(
      JsonNode previous,
      String type,
      String status,
      String reason,
      String message,
      boolean touched,
      Instant now) {
    String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
    JsonNode last = find(previous, type);
    ObjectNode condition = Json.mapper().createObjectNode();
    condition.put("type", type);
    condition.put("status", status);
    boolean same =
        last != null
            && status.equals(last.path("status").asText())
            && reason.equals(last.path("reason").asText())
            && message.equals(last.path("message").asText());
    condition.put("lastUpdateTime", same && !touched ? last.path("lastUpdateTime").asText(at) : at);
    condition.put(
        "lastTransitionTime",
        last != null && status.equals(last.path("status").asText())
            ? last.path("lastTransitionTime").asText(at)
            : at);
    condition.put("reason", reason);
    condition.put("message", message);
    return condition;
  }

  static JsonNode find(JsonNode conditions, String type) {
    for (JsonNode condition : conditions) {
      if (type.equals(condition.path("type").asText())) {
        return condition;
      }
    }
    return null;
  }
}
