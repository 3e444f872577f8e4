package dev.troupe.core.workloads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.OwnerReference;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodCondition;
import dev.troupe.core.model.PodDeletionCost;
import dev.troupe.core.model.PodStatus;
import dev.troupe.core.model.PodTemplateSpec;
import dev.troupe.core.printing.LabelSelectors;
import dev.troupe.core.selection.LabelSelector;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a ReplicaSet does next, as Kubernetes' ReplicaSet controller decides it: which orphans it
 * adopts and which pods it releases, how many pods it creates (in a bounded batch) or which it
 * deletes (the least useful first), and the status it reports. Pure: the same ReplicaSet and pods
 * at the same instant give the same decision.
 */
public final class ReplicaSetControl {

  /** The most pods a ReplicaSet creates or deletes in one step, as Kubernetes' burst replicas. */
  public static final int BURST = 500;

  /** The condition a ReplicaSet carries while it fails to create its pods. */
  public static final String REPLICA_FAILURE = "ReplicaFailure";

  private ReplicaSetControl() {}

  /** One step: the pods to adopt, release, create and delete, and the status to report. */
  public record Decision(
      List<Pod> adopt, List<Pod> release, int create, List<Pod> delete, ObjectNode status) {

    public boolean acts() {
      return !adopt.isEmpty() || !release.isEmpty() || create > 0 || !delete.isEmpty();
    }
  }

  /** The step of {@code replicaSet} given every pod of its namespace, at {@code now}. */
  public static Decision decide(KubeObject replicaSet, List<Pod> podsInNamespace, Instant now) {
    String uid = replicaSet.metadata().uid();
    LabelSelector selector = selector(replicaSet);
    List<Pod> adopt = new ArrayList<>();
    List<Pod> release = new ArrayList<>();
    List<Pod> owned = new ArrayList<>();
    boolean deleting = replicaSet.isTerminating();
    for (Pod pod : podsInNamespace) {
      if (!isActive(pod)) {
        // As Kubernetes filters active pods before claiming: finished and terminating pods are
        // neither adopted nor released.
        continue;
      }
      OwnerReference controller = controllerOf(pod.metadata());
      boolean matches = selector != null && selector.matches(pod.metadata().labelsOrEmpty());
      if (controller == null) {
        if (matches && !deleting) {
          adopt.add(pod);
          owned.add(pod);
        }
      } else if (uid.equals(controller.uid())) {
        if (matches) {
          owned.add(pod);
        } else if (!deleting) {
          release.add(pod);
        }
      }
    }
    List<Pod> active = owned.stream().filter(ReplicaSetControl::isActive).toList();
    int wanted = replicas(replicaSet);
    int create = 0;
    List<Pod> delete = List.of();
    if (!deleting && active.size() < wanted) {
      create = Math.min(wanted - active.size(), BURST);
    } else if (!deleting && active.size() > wanted) {
      List<Pod> ranked = new ArrayList<>(active);
      ranked.sort(deleteFirst(active));
      delete = List.copyOf(ranked.subList(0, Math.min(active.size() - wanted, BURST)));
    }
    ObjectNode status = status(replicaSet, active, now);
    return new Decision(List.copyOf(adopt), List.copyOf(release), create, delete, status);
  }

  /** A pod of {@code replicaSet}'s template, named after it, owned by it; not yet admitted. */
  public static Pod newPod(KubeObject replicaSet) {
    PodTemplateSpec template = template(replicaSet);
    ObjectMeta templateMeta =
        template.metadata() == null ? ObjectMeta.named(null, null) : template.metadata();
    ObjectMeta meta =
        ObjectMeta.named(replicaSet.namespace(), null).toBuilder()
            .generateName(replicaSet.name() + "-")
            .labels(templateMeta.labels())
            .annotations(templateMeta.annotations())
            .finalizers(templateMeta.finalizers())
            .ownerReferences(List.of(ownerReference(replicaSet)))
            .build();
    return Pod.of(meta, template.spec());
  }

  /** {@code pod} adopted by {@code replicaSet}: its controller reference added. */
  public static Pod adopted(Pod pod, KubeObject replicaSet) {
    List<OwnerReference> owners = new ArrayList<>();
    if (pod.metadata().ownerReferences() != null) {
      owners.addAll(pod.metadata().ownerReferences());
    }
    owners.add(ownerReference(replicaSet));
    return pod.withMetadata(pod.metadata().withOwnerReferences(List.copyOf(owners)));
  }

  /** {@code pod} released by its controller: its controller reference removed. */
  public static Pod released(Pod pod, String ownerUid) {
    List<OwnerReference> owners = new ArrayList<>();
    for (OwnerReference owner : pod.metadata().ownerReferences()) {
      if (!ownerUid.equals(owner.uid())) {
        owners.add(owner);
      }
    }
    return pod.withMetadata(
        pod.metadata().withOwnerReferences(owners.isEmpty() ? null : List.copyOf(owners)));
  }

  /** The controller reference a ReplicaSet puts on its pods. */
  public static OwnerReference ownerReference(KubeObject replicaSet) {
    return new OwnerReference(
        "apps/v1", "ReplicaSet", replicaSet.name(), replicaSet.metadata().uid(), true, true);
  }

  /** The controller among {@code meta}'s owners, if any. */
  public static OwnerReference controllerOf(ObjectMeta meta) {
    if (meta == null || meta.ownerReferences() == null) {
      return null;
    }
    for (OwnerReference owner : meta.ownerReferences()) {
      if (Boolean.TRUE.equals(owner.controller())) {
        return owner;
      }
    }
    return null;
  }

  /** {@code spec.replicas}, 1 when absent as Kubernetes defaults it. */
  public static int replicas(KubeObject replicaSet) {
    JsonNode replicas = replicaSet.at("/spec/replicas");
    return replicas.isNumber() ? replicas.asInt() : 1;
  }

  /** Whether a pod counts toward the replicas: not being deleted, not finished. */
  static boolean isActive(Pod pod) {
    String phase = phase(pod);
    return !pod.isTerminating()
        && !PodStatus.SUCCEEDED.equals(phase)
        && !PodStatus.FAILED.equals(phase);
  }

  /** Whether {@code pod} is Ready, and since when. */
  static Instant readySince(Pod pod) {
    if (pod.status() == null) {
      return null;
    }
    for (PodCondition condition : pod.status().conditionsOrEmpty()) {
      if (PodCondition.READY.equals(condition.type()) && "True".equals(condition.status())) {
        return condition.lastTransitionTime() == null
            ? Instant.EPOCH
            : condition.lastTransitionTime();
      }
    }
    return null;
  }

  /** Ready for at least {@code minReadySeconds} at {@code now}. */
  static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
    if (readySince(pod) == null) {
      return false;
    }
    if (minReadySeconds == 0) {
      return true;
    }
    // With a minimum, the Ready condition must say since when, as Kubernetes' IsPodAvailable asks.
    Instant transition = readyTransition(pod);
    return transition != null && !transition.plus(Duration.ofSeconds(minReadySeconds)).isAfter(now);
  }

  /** When the pod last became Ready, as its condition records it (null when it does not say). */
  private static Instant readyTransition(Pod pod) {
    if (pod.status() == null) {
      return null;
    }
    for (PodCondition condition : pod.status().conditionsOrEmpty()) {
      if (PodCondition.READY.equals(condition.type()) && "True".equals(condition.status())) {
        return condition.lastTransitionTime();
      }
    }
    return null;
  }

  /**
   * {@code status} with Kubernetes' ReplicaFailure condition when managing the pods failed ({@code
   * failure} says why, null when nothing failed): added on the first failure, kept as it was while
   * failures go on, so the status does not change on every pass, and gone after a pass that fails
   * nothing, as Kubernetes' {@code calculateStatus}.
   */
  public static ObjectNode withFailure(
      ObjectNode status, KubeObject replicaSet, String failure, Instant now) {
    if (failure == null) {
      return status;
    }
    JsonNode previous = null;
    for (JsonNode condition : replicaSet.at("/status/conditions")) {
      if (REPLICA_FAILURE.equals(condition.path("type").asText())) {
        previous = condition;
      }
    }
    ArrayNode conditions = status.putArray("conditions");
    if (previous != null) {
      conditions.add(previous.deepCopy());
      return status;
    }
    ObjectNode condition = conditions.addObject();
    condition.put("type", REPLICA_FAILURE);
    condition.put("status", "True");
    condition.put("lastTransitionTime", now.truncatedTo(ChronoUnit.SECONDS).toString());
    condition.put("reason", "FailedCreate");
    condition.put("message", failure);
    return status;
  }

  private static ObjectNode status(KubeObject replicaSet, List<Pod> active, Instant now) {
    int minReady = replicaSet.at("/spec/minReadySeconds").asInt(0);
    Map<String, String> templateLabels = templateLabels(replicaSet);
    int fullyLabeled = 0;
    int ready = 0;
    int available = 0;
    for (Pod pod : active) {
      Map<String, String> labels = pod.metadata().labelsOrEmpty();
      if (labels.entrySet().containsAll(templateLabels.entrySet())) {
        fullyLabeled++;
      }
      if (readySince(pod) != null) {
        ready++;
      }
      if (isAvailable(pod, minReady, now)) {
        available++;
      }
    }
    ObjectNode status = Json.mapper().createObjectNode();
    status.put("replicas", active.size());
    if (fullyLabeled > 0) {
      status.put("fullyLabeledReplicas", fullyLabeled);
    }
    if (ready > 0) {
      status.put("readyReplicas", ready);
    }
    if (available > 0) {
      status.put("availableReplicas", available);
    }
    Long generation = replicaSet.metadata().generation();
    if (generation != null) {
      status.put("observedGeneration", generation);
    }
    return status;
  }

  /**
   * Which of {@code active} goes first when there are too many, as Kubernetes' {@code
   * ActivePodsWithRanks} order: unscheduled before scheduled, Pending before Unknown before
   * Running, not ready before ready, lower {@code pod-deletion-cost} before higher, a pod sharing
   * its node with more of these pods before one with fewer (so scaling down spreads what is left),
   * ready for less time before more, more restarts before fewer, newer before older. Kubernetes
   * ranks co-location over every ReplicaSet of the same Deployment; this counts the ReplicaSet's
   * own pods.
   */
  static Comparator<Pod> deleteFirst(List<Pod> active) {
    Map<String, Integer> onNode = new HashMap<>();
    for (Pod pod : active) {
      if (pod.spec().nodeName() != null) {
        onNode.merge(pod.spec().nodeName(), 1, Integer::sum);
      }
    }
    return Comparator.<Pod>comparingInt(p -> p.spec().nodeName() == null ? 0 : 1)
        .thenComparingInt(p -> phaseRank(phase(p)))
        .thenComparingInt(p -> readySince(p) == null ? 0 : 1)
        .thenComparingInt(p -> PodDeletionCost.of(p.metadata()))
        .thenComparingInt(p -> -onNode.getOrDefault(p.spec().nodeName(), 0))
        .thenComparing(
            ReplicaSetControl::readyTransition,
            Comparator.nullsFirst(Comparator.<Instant>reverseOrder()))
        .thenComparing(p -> -restarts(p))
        .thenComparing(
            p -> p.metadata().creationTimestamp(),
            Comparator.nullsFirst(Comparator.<Instant>reverseOrder()))
        .thenComparing(p -> Objects.requireNonNullElse(p.name(), ""));
  }

  /** Pending (or unknown, or none) before Unknown before Running, as Kubernetes ranks them. */
  private static int phaseRank(String phase) {
    if (PodStatus.UNKNOWN.equals(phase)) {
      return 1;
    }
    if (PodStatus.RUNNING.equals(phase)) {
      return 2;
    }
    return 0;
  }

  private static int restarts(Pod pod) {
    return pod.status() == null
        ? 0
        : pod.status().containerStatusesOrEmpty().stream()
            .mapToInt(c -> c.restartCount())
            .max()
            .orElse(0);
  }

  private static String phase(Pod pod) {
    return pod.status() == null ? null : pod.status().phase();
  }

  private static LabelSelector selector(KubeObject replicaSet) {
    JsonNode selector = replicaSet.at("/spec/selector");
    if (LabelSelectors.isAbsent(selector) || LabelSelectors.size(selector) == 0) {
      // An empty or absent selector selects nothing for a controller, as in Kubernetes.
      return null;
    }
    LabelSelector.Built built = LabelSelectors.build(selector, "spec.selector");
    return built.isValid() ? built.selector() : null;
  }

  private static PodTemplateSpec template(KubeObject replicaSet) {
    try {
      return Json.mapper().treeToValue(replicaSet.at("/spec/template"), PodTemplateSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("spec.template: " + e.getOriginalMessage(), e);
    }
  }

  private static Map<String, String> templateLabels(KubeObject replicaSet) {
    Map<String, String> labels = new HashMap<>();
    replicaSet
        .at("/spec/template/metadata/labels")
        .properties()
        .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }
}
