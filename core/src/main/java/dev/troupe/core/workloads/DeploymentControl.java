package dev.troupe.core.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.OwnerReference;
import dev.troupe.core.printing.LabelSelectors;
import dev.troupe.core.selection.LabelSelector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Deployment does next, as Kubernetes' deployment controller decides it: which ReplicaSets
 * it adopts or releases, the ReplicaSet of its current template (created when missing, named {@code
 * <deployment>-<pod-template-hash>}), how every ReplicaSet is scaled for a RollingUpdate (within
 * maxSurge and maxUnavailable) or a Recreate (old pods gone before new ones), which old ReplicaSets
 * beyond {@code revisionHistoryLimit} go, the revision annotations, and the status with its
 * Available and Progressing conditions. Pure: the same inputs at the same instant give the same
 * decision.
 */
public final class DeploymentControl {

  public static final String REVISION = "deployment.kubernetes.io/revision";
  public static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
  public static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
  public static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
  public static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

  /**
   * Troupe's automatic rollback (Kubernetes never shipped one, kubernetes/kubernetes#23211; Nomad's
   * {@code auto_revert} is the precedent): with this annotation {@code "true"}, a rollout that
   * exceeds its progress deadline returns the Deployment to the newest revision that was ever fully
   * available.
   */
  public static final String AUTO_ROLLBACK = "troupe.dev/auto-rollback";

  /** Set on the Deployment by an automatic rollback: from which revision to which, and why. */
  public static final String ROLLED_BACK = "troupe.dev/rolled-back";

  /** Set on a ReplicaSet once its revision was fully available. */
  public static final String FULLY_AVAILABLE = "troupe.dev/fully-available";

  private DeploymentControl() {}

  /**
   * One step. {@code create} is a ReplicaSet to create (null: none); {@code update} holds the
   * ReplicaSets to store as given (scaled, annotated, adopted or released); {@code delete} the old
   * ones to remove; {@code deployment} the Deployment with its revision annotation when that
   * changes (null otherwise); {@code status} what to record.
   */
  public record Decision(
      KubeObject create,
      List<KubeObject> update,
      List<KubeObject> delete,
      KubeObject deployment,
      ObjectNode status) {}

  public static Decision decide(KubeObject deployment, List<KubeObject> replicaSets, Instant now) {
    String uid = deployment.metadata().uid();
    LabelSelector selector = selector(deployment);
    Map<String, KubeObject> updates = new LinkedHashMap<>();
    List<KubeObject> owned = new ArrayList<>();
    boolean deleting = deployment.isTerminating();
    for (KubeObject rs : replicaSets) {
      OwnerReference controller = ReplicaSetControl.controllerOf(rs.metadata());
      boolean matches = selector != null && selector.matches(rs.metadata().labelsOrEmpty());
      if (controller == null && matches && !rs.isTerminating() && !deleting) {
        KubeObject adopted = withOwner(rs, deployment);
        updates.put(rs.name(), adopted);
        owned.add(adopted);
      } else if (controller != null && uid.equals(controller.uid())) {
        if (matches) {
          owned.add(rs);
        } else if (!deleting) {
          updates.put(rs.name(), withoutOwner(rs, uid));
        }
      }
    }
    int replicas = replicas(deployment);
    JsonNode template = deployment.at("/spec/template");
    KubeObject newRs = null;
    List<KubeObject> old = new ArrayList<>();
    for (KubeObject rs : owned) {
      if (newRs == null && sameTemplate(rs.at("/spec/template"), template)) {
        newRs = rs;
      } else {
        old.add(rs);
      }
    }
    long maxRevision = owned.stream().mapToLong(DeploymentControl::revision).max().orElse(0);
    boolean paused = deployment.at("/spec/paused").asBoolean(false);
    KubeObject created = null;
    RolloutLimits limits = RolloutLimits.of(deployment.at("/spec/strategy"), replicas);
    boolean recreate = "Recreate".equals(deployment.at("/spec/strategy/type").asText());
    List<KubeObject> proportional =
        deleting || paused || recreate ? List.of() : proportionallyScaled(owned, replicas, limits);
    if (!proportional.isEmpty()) {
      // Scaled in the middle of a rollout: every ReplicaSet with pods takes its share of the
      // change; the rollout goes on at the next step.
      for (KubeObject rs : proportional) {
        updates.put(rs.name(), rs);
      }
    } else if (!deleting && !paused) {
      if (newRs == null) {
        // A Recreate makes its new ReplicaSet only once the old pods are gone, as Kubernetes does.
        if (!recreate || !activeOld(old)) {
          int initial = recreate ? replicas : newReplicas(replicas, limits, specTotal(old), 0);
          created = newReplicaSet(deployment, maxRevision + 1, initial, limits);
        }
      } else {
        long revision = revision(newRs);
        if (revision < maxRevision || revision == 0) {
          // A rollback to an old template: its ReplicaSet becomes the newest revision again.
          newRs = withRevision(newRs, maxRevision + 1, revision);
          updates.put(newRs.name(), newRs);
        }
        int wanted =
            recreate
                ? (activeOld(old) ? specReplicas(newRs) : replicas)
                : newReplicas(replicas, limits, specTotal(old), specReplicas(newRs));
        if (wanted != specReplicas(newRs)) {
          newRs = scaled(newRs, wanted, replicas, limits);
          updates.put(newRs.name(), newRs);
        }
      }
      for (KubeObject rs : scaleDownOld(deployment, old, newRs, created, limits, recreate)) {
        updates.put(rs.name(), rs);
      }
    } else if (!deleting) {
      // Paused: no rollout, but a scale still reaches the one ReplicaSet that runs (Kubernetes'
      // sync); with pods in several, proportional scaling is left for later.
      List<KubeObject> active = owned.stream().filter(r -> specReplicas(r) > 0).toList();
      KubeObject only =
          active.size() == 1
              ? active.get(0)
              : active.isEmpty()
                  ? owned.stream()
                      .max(Comparator.comparingLong(DeploymentControl::revision))
                      .orElse(null)
                  : null;
      if (only != null && specReplicas(only) != replicas) {
        updates.put(only.name(), scaled(only, replicas, replicas, limits));
      }
    }
    List<KubeObject> delete = deleting ? List.of() : cleanup(deployment, old, updates);
    String newName = created != null ? created.name() : newRs == null ? null : newRs.name();
    long newRevision =
        created != null ? maxRevision + 1 : newRs == null ? maxRevision : revision(newRs);
    KubeObject annotated = withDeploymentRevision(deployment, newRevision);
    ObjectNode status =
        DeploymentStatuses.of(
            deployment, owned, newRs, newName, created != null, limits, paused, now);
    if (newRs != null && created == null && !deleting && !paused) {
      String progressing =
          DeploymentStatuses.find(status.path("conditions"), "Progressing").path("reason").asText();
      if ("NewReplicaSetAvailable".equals(progressing)
          && !"true".equals(annotations(newRs).get(FULLY_AVAILABLE))) {
        // Remembered, so that an automatic rollback knows where it may return to.
        KubeObject current = updates.getOrDefault(newRs.name(), newRs);
        Map<String, String> marked = new LinkedHashMap<>(annotations(current));
        marked.put(FULLY_AVAILABLE, "true");
        updates.put(newRs.name(), current.withMetadata(current.metadata().withAnnotations(marked)));
      }
      if ("ProgressDeadlineExceeded".equals(progressing) && autoRollback(deployment)) {
        java.util.Optional<KubeObject> target = rollbackTarget(old, revision(newRs));
        KubeObject rolledBack =
            target.isEmpty()
                ? null
                : rolledBackTo(
                    annotated != null ? annotated : deployment, target.get(), revision(newRs));
        if (rolledBack != null) {
          annotated = rolledBack;
        }
      }
    }
    return new Decision(created, List.copyOf(updates.values()), delete, annotated, status);
  }

  // --- Automatic rollback ------------------------------------------------------------------------

  private static boolean autoRollback(KubeObject deployment) {
    return "true".equals(annotations(deployment).get(AUTO_ROLLBACK));
  }

  /** The newest old ReplicaSet that was fully available, below revision {@code current}. */
  private static java.util.Optional<KubeObject> rollbackTarget(List<KubeObject> old, long current) {
    return old.stream()
        .filter(rs -> "true".equals(annotations(rs).get(FULLY_AVAILABLE)))
        .filter(rs -> revision(rs) < current)
        .max(Comparator.comparingLong(DeploymentControl::revision));
  }

  /** {@code deployment} with the template of {@code target} and a note of why. */
  private static KubeObject rolledBackTo(KubeObject deployment, KubeObject target, long from) {
    ObjectNode spec = ((ObjectNode) deployment.field("spec")).deepCopy();
    spec.set("template", withoutHash(target.at("/spec/template")));
    Map<String, String> annotations = new LinkedHashMap<>(annotations(deployment));
    annotations.put(
        ROLLED_BACK,
        "from revision %d to revision %d: revision %d exceeded its progress deadline"
            .formatted(from, revision(target), from));
    return deployment
        .with("spec", spec)
        .withMetadata(deployment.metadata().withAnnotations(annotations));
  }

  // --- Proportional scaling --------------------------------------------------------------------

  /**
   * The ReplicaSets scaled in proportion when the Deployment's replicas change while several of
   * them have pods (Kubernetes' {@code scale}): the difference to replicas + maxSurge is shared out
   * by each one's size, the rest going to the largest (the newest when growing, the oldest when
   * shrinking). Empty when it is not such a scaling event.
   */
  static List<KubeObject> proportionallyScaled(
      List<KubeObject> owned, int replicas, RolloutLimits limits) {
    List<KubeObject> active = owned.stream().filter(r -> specReplicas(r) > 0).toList();
    if (active.size() < 2) {
      return List.of();
    }
    boolean scalingEvent =
        active.stream()
            .map(r -> annotations(r).get(DESIRED_REPLICAS))
            // As Kubernetes: a ReplicaSet without the annotation does not make a scaling event.
            .anyMatch(desired -> desired != null && !desired.equals(Integer.toString(replicas)));
    if (!scalingEvent) {
      return List.of();
    }
    int allowed = replicas + limits.maxSurge();
    int current = specTotal(active);
    int toAdd = allowed - current;
    if (toAdd == 0) {
      return active.stream().map(r -> scaled(r, specReplicas(r), replicas, limits)).toList();
    }
    List<KubeObject> ordered = new ArrayList<>(active);
    Comparator<KubeObject> bySize = Comparator.comparingInt(DeploymentControl::specReplicas);
    ordered.sort(
        toAdd > 0
            ? bySize.reversed().thenComparing(OLDEST_FIRST.reversed())
            : bySize.reversed().thenComparing(OLDEST_FIRST));
    Map<String, Integer> sizes = new LinkedHashMap<>();
    int added = 0;
    for (KubeObject rs : ordered) {
      int share = (int) Math.round((double) specReplicas(rs) * toAdd / current);
      if (toAdd > 0) {
        share = Math.min(share, toAdd - added);
      } else {
        share = Math.max(share, toAdd - added);
      }
      sizes.put(rs.name(), specReplicas(rs) + share);
      added += share;
    }
    String first = ordered.get(0).name();
    sizes.merge(first, toAdd - added, Integer::sum);
    List<KubeObject> scaled = new ArrayList<>();
    for (KubeObject rs : ordered) {
      scaled.add(scaled(rs, Math.max(0, sizes.get(rs.name())), replicas, limits));
    }
    return scaled;
  }

  // --- Scaling -----------------------------------------------------------------------------------

  /**
   * How many pods the new ReplicaSet should have in a RollingUpdate: up to the replicas wanted,
   * never more than replicas + maxSurge pods in all (Kubernetes' NewRSNewReplicas).
   */
  static int newReplicas(int replicas, RolloutLimits limits, int oldTotal, int current) {
    int maxTotal = replicas + limits.maxSurge();
    int scaleUp = maxTotal - (oldTotal + current);
    if (scaleUp <= 0) {
      return Math.min(current, replicas);
    }
    return current + Math.min(scaleUp, replicas - current);
  }

  /**
   * The old ReplicaSets scaled down: in a Recreate all to 0; in a RollingUpdate their unavailable
   * pods first, then the oldest ones, never below replicas - maxUnavailable available pods
   * (Kubernetes' reconcileOldReplicaSets).
   */
  private static List<KubeObject> scaleDownOld(
      KubeObject deployment,
      List<KubeObject> old,
      KubeObject newRs,
      KubeObject created,
      RolloutLimits limits,
      boolean recreate) {
    int replicas = replicas(deployment);
    List<KubeObject> scaled = new ArrayList<>();
    List<KubeObject> active =
        new ArrayList<>(old.stream().filter(r -> specReplicas(r) > 0).toList());
    if (active.isEmpty()) {
      return scaled;
    }
    if (recreate) {
      for (KubeObject rs : active) {
        scaled.add(scaled(rs, 0, replicas, limits));
      }
      return scaled;
    }
    KubeObject current = created != null ? created : newRs;
    int newSpec = current == null ? 0 : specReplicas(current);
    int newAvailable = current == null || created != null ? 0 : available(current);
    int allPods = specTotal(old) + newSpec;
    int minAvailable = replicas - limits.maxUnavailable();
    int newUnavailable = Math.max(0, newSpec - newAvailable);
    int maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      return scaled;
    }
    active.sort(OLDEST_FIRST);
    Map<String, Integer> targets = new HashMap<>();
    // Unhealthy pods of old ReplicaSets go first: they serve nothing.
    int cleaned = 0;
    for (KubeObject rs : active) {
      if (cleaned >= maxScaledDown) {
        break;
      }
      int spec = specReplicas(rs);
      int unhealthy = Math.max(0, spec - available(rs));
      int down = Math.min(unhealthy, maxScaledDown - cleaned);
      if (down > 0) {
        targets.put(rs.name(), spec - down);
        cleaned += down;
      }
    }
    int availableAll = available(old) + newAvailable;
    int remaining = Math.min(maxScaledDown - cleaned, availableAll - minAvailable);
    for (KubeObject rs : active) {
      if (remaining <= 0) {
        break;
      }
      int spec = targets.getOrDefault(rs.name(), specReplicas(rs));
      int down = Math.min(spec, remaining);
      if (down > 0) {
        targets.put(rs.name(), spec - down);
        remaining -= down;
      }
    }
    for (KubeObject rs : active) {
      Integer target = targets.get(rs.name());
      if (target != null && target != specReplicas(rs)) {
        scaled.add(scaled(rs, target, replicas, limits));
      }
    }
    return scaled;
  }

  /** Old ReplicaSets with nothing left beyond {@code revisionHistoryLimit}, oldest first. */
  private static List<KubeObject> cleanup(
      KubeObject deployment, List<KubeObject> old, Map<String, KubeObject> updates) {
    int limit = deployment.at("/spec/revisionHistoryLimit").asInt(10);
    List<KubeObject> live = new ArrayList<>();
    for (KubeObject rs : old) {
      if (!rs.isTerminating()) {
        live.add(updates.getOrDefault(rs.name(), rs));
      }
    }
    int surplus = live.size() - limit;
    if (surplus <= 0) {
      return List.of();
    }
    // As Kubernetes: of the oldest surplus, those that still have pods are kept for now.
    live.sort(OLDEST_FIRST);
    List<KubeObject> delete = new ArrayList<>();
    for (KubeObject rs : live.subList(0, surplus)) {
      if (specReplicas(rs) == 0 && rs.at("/status/replicas").asInt(0) == 0) {
        delete.add(rs);
      }
    }
    return List.copyOf(delete);
  }

  private static final Comparator<KubeObject> OLDEST_FIRST =
      Comparator.comparingLong(DeploymentControl::revision)
          .thenComparing(
              r ->
                  r.metadata().creationTimestamp() == null
                      ? Instant.EPOCH
                      : r.metadata().creationTimestamp());

  // --- ReplicaSets -------------------------------------------------------------------------------

  /** The ReplicaSet of the Deployment's current template, at {@code revision}. */
  static KubeObject newReplicaSet(
      KubeObject deployment, long revision, int replicas, RolloutLimits limits) {
    JsonNode template = deployment.at("/spec/template");
    String hash = TemplateHash.of(template, deployment.at("/status/collisionCount").asInt(0));
    ObjectNode hashedTemplate = template.deepCopy();
    ObjectNode templateMeta =
        hashedTemplate.get("metadata") instanceof ObjectNode m
            ? m
            : hashedTemplate.putObject("metadata");
    ObjectNode templateLabels =
        templateMeta.get("labels") instanceof ObjectNode l ? l : templateMeta.putObject("labels");
    templateLabels.put(TemplateHash.LABEL, hash);
    ObjectNode selector = deployment.at("/spec/selector").deepCopy();
    ObjectNode matchLabels =
        selector.get("matchLabels") instanceof ObjectNode l ? l : selector.putObject("matchLabels");
    matchLabels.put(TemplateHash.LABEL, hash);

    ObjectNode json = Json.mapper().createObjectNode();
    json.put("apiVersion", "apps/v1");
    json.put("kind", "ReplicaSet");
    Map<String, String> labels = new LinkedHashMap<>();
    templateLabels.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(REVISION, Long.toString(revision));
    annotations.put(DESIRED_REPLICAS, Integer.toString(replicas(deployment)));
    annotations.put(MAX_REPLICAS, Integer.toString(replicas(deployment) + limits.maxSurge()));
    String changeCause =
        deployment.metadata().annotations() == null
            ? null
            : deployment.metadata().annotations().get(CHANGE_CAUSE);
    if (changeCause != null) {
      annotations.put(CHANGE_CAUSE, changeCause);
    }
    ObjectMeta meta =
        ObjectMeta.named(deployment.namespace(), deployment.name() + "-" + hash).toBuilder()
            .labels(labels)
            .annotations(annotations)
            .ownerReferences(List.of(ownerReference(deployment)))
            .build();
    json.set("metadata", Json.mapper().valueToTree(meta));
    ObjectNode spec = json.putObject("spec");
    spec.put("replicas", replicas);
    JsonNode minReady = deployment.at("/spec/minReadySeconds");
    if (minReady.isNumber()) {
      spec.put("minReadySeconds", minReady.asInt());
    }
    spec.set("selector", selector);
    spec.set("template", hashedTemplate);
    return KubeObject.of(json);
  }

  /** The controller reference a Deployment puts on its ReplicaSets. */
  public static OwnerReference ownerReference(KubeObject deployment) {
    return new OwnerReference(
        "apps/v1", "Deployment", deployment.name(), deployment.metadata().uid(), true, true);
  }

  /** Whether two pod templates are equal once the pod-template-hash label is set aside. */
  static boolean sameTemplate(JsonNode replicaSetTemplate, JsonNode deploymentTemplate) {
    return Json.canonical(withoutHash(replicaSetTemplate))
        .equals(Json.canonical(withoutHash(deploymentTemplate)));
  }

  private static ObjectNode withoutHash(JsonNode template) {
    ObjectNode copy =
        template.isObject() ? ((ObjectNode) template).deepCopy() : Json.mapper().createObjectNode();
    if (copy.get("metadata") instanceof ObjectNode meta) {
      if (meta.get("labels") instanceof ObjectNode labels) {
        labels.remove(TemplateHash.LABEL);
        if (labels.isEmpty()) {
          meta.remove("labels");
        }
      }
      if (meta.isEmpty()) {
        copy.remove("metadata");
      }
    }
    return copy;
  }

  private static KubeObject scaled(
      KubeObject rs, int replicas, int deploymentReplicas, RolloutLimits limits) {
    ObjectNode spec = ((ObjectNode) rs.field("spec")).deepCopy();
    spec.put("replicas", replicas);
    Map<String, String> annotations = new LinkedHashMap<>(annotations(rs));
    annotations.put(DESIRED_REPLICAS, Integer.toString(deploymentReplicas));
    annotations.put(MAX_REPLICAS, Integer.toString(deploymentReplicas + limits.maxSurge()));
    return rs.with("spec", spec).withMetadata(rs.metadata().withAnnotations(annotations));
  }

  private static KubeObject withRevision(KubeObject rs, long revision, long previous) {
    Map<String, String> annotations = new LinkedHashMap<>(annotations(rs));
    annotations.put(REVISION, Long.toString(revision));
    if (previous > 0) {
      String history = annotations.get(REVISION_HISTORY);
      annotations.put(
          REVISION_HISTORY,
          history == null || history.isEmpty()
              ? Long.toString(previous)
              : history + "," + previous);
    }
    return rs.withMetadata(rs.metadata().withAnnotations(annotations));
  }

  /** The Deployment with its revision annotation at {@code revision}; null when it already is. */
  private static KubeObject withDeploymentRevision(KubeObject deployment, long revision) {
    if (revision <= 0) {
      return null;
    }
    Map<String, String> annotations = annotations(deployment);
    if (Long.toString(revision).equals(annotations.get(REVISION))) {
      return null;
    }
    Map<String, String> changed = new LinkedHashMap<>(annotations);
    changed.put(REVISION, Long.toString(revision));
    return deployment.withMetadata(deployment.metadata().withAnnotations(changed));
  }

  private static KubeObject withOwner(KubeObject rs, KubeObject deployment) {
    List<OwnerReference> owners = new ArrayList<>();
    if (rs.metadata().ownerReferences() != null) {
      owners.addAll(rs.metadata().ownerReferences());
    }
    owners.add(ownerReference(deployment));
    return rs.withMetadata(rs.metadata().withOwnerReferences(List.copyOf(owners)));
  }

  private static KubeObject withoutOwner(KubeObject rs, String ownerUid) {
    List<OwnerReference> owners = new ArrayList<>();
    for (OwnerReference owner : rs.metadata().ownerReferences()) {
      if (!ownerUid.equals(owner.uid())) {
        owners.add(owner);
      }
    }
    return rs.withMetadata(
        rs.metadata().withOwnerReferences(owners.isEmpty() ? null : List.copyOf(owners)));
  }

  // --- Reading -----------------------------------------------------------------------------------

  static int replicas(KubeObject object) {
    JsonNode replicas = object.at("/spec/replicas");
    return replicas.isNumber() ? replicas.asInt() : 1;
  }

  static int specReplicas(KubeObject rs) {
    return rs.at("/spec/replicas").asInt(0);
  }

  static int available(KubeObject rs) {
    return rs.at("/status/availableReplicas").asInt(0);
  }

  private static int available(List<KubeObject> replicaSets) {
    return replicaSets.stream().mapToInt(DeploymentControl::available).sum();
  }

  static int specTotal(List<KubeObject> replicaSets) {
    return replicaSets.stream().mapToInt(DeploymentControl::specReplicas).sum();
  }

  /** Whether old ReplicaSets still want or have pods (a Recreate waits for them to go). */
  private static boolean activeOld(List<KubeObject> old) {
    for (KubeObject rs : old) {
      if (specReplicas(rs) > 0 || rs.at("/status/replicas").asInt(0) > 0) {
        return true;
      }
    }
    return false;
  }

  static long revision(KubeObject rs) {
    String text = annotations(rs).get(REVISION);
    try {
      return text == null ? 0 : Long.parseLong(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Map<String, String> annotations(KubeObject object) {
    Map<String, String> annotations = object.metadata().annotations();
    return annotations == null ? Map.of() : annotations;
  }

  static void putIfPositive(ObjectNode node, String field, int value) {
    if (value > 0) {
      node.put(field, value);
    }
  }

  private static LabelSelector selector(KubeObject deployment) {
    JsonNode selector = deployment.at("/spec/selector");
    if (LabelSelectors.isAbsent(selector) || LabelSelectors.size(selector) == 0) {
      return null;
    }
    LabelSelector.Built built = LabelSelectors.build(selector, "spec.selector");
    return built.isValid() ? built.selector() : null;
  }
}
