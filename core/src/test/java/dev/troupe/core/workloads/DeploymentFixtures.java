package dev.troupe.core.workloads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.kinds.DeploymentKind;
import dev.troupe.core.kinds.ReplicaSetKind;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.OwnerReference;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Small named builders for the Deployment controller's tests: a Deployment {@code default/web}
 * selecting {@code app=web}, the ReplicaSets of its templates (one per image), and readers of a
 * decision. Both are stored as the API server stores them: with their kind's defaults applied.
 */
final class DeploymentFixtures {

  /** The instant every decision is taken at, unless a test says otherwise. */
  static final Instant NOW = Instant.parse("2026-11-29T14:15:00Z");

  static final String DEPLOYMENT_UID = "0b7c6a2e-3f1d-4e8a-9c55-7d2e1f0a9b01";
  static final String OTHER_UID = "7a6b5c4d-1111-4222-8333-444455556666";

  static final String V1 = "nginx:1.25";
  static final String V2 = "nginx:1.26";
  static final String V3 = "nginx:1.27";

  /** The controller reference {@code web} puts on its ReplicaSets, written out independently. */
  static final OwnerReference OURS =
      new OwnerReference("apps/v1", "Deployment", "web", DEPLOYMENT_UID, true, true);

  /** The controller reference of another Deployment. */
  static final OwnerReference THEIRS =
      new OwnerReference("apps/v1", "Deployment", "api", OTHER_UID, true, true);

  private DeploymentFixtures() {}

  /** The pod template of {@code web} running {@code image}, without a pod-template-hash. */
  static ObjectNode template(String image) {
    return (ObjectNode)
        json(
            """
            {"metadata":{"labels":{"app":"web"}},
             "spec":{"containers":[{"name":"app","image":"%s","ports":[{"containerPort":80}]}]}}
            """
                .formatted(image));
  }

  /** The pod-template-hash of {@code image}'s template, as a Deployment names its ReplicaSet. */
  static String hashOf(String image) {
    return TemplateHash.of(defaultedTemplate(image), 0);
  }

  /** The name of the ReplicaSet {@code web} creates for {@code image}. */
  static String nameOf(String image) {
    return "web-" + hashOf(image);
  }

  /** The template as stored in a defaulted Deployment: what the hash is taken of. */
  static JsonNode defaultedTemplate(String image) {
    return deployment().image(image).build().at("/spec/template");
  }

  static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static KubeObject object(String text) {
    return KubeObject.of((ObjectNode) json(text));
  }

  /** An int-or-percent as JSON: an Integer is an int, anything else its text. */
  static JsonNode intOrPercent(Object value) {
    return value instanceof Integer i ? IntNode.valueOf(i) : TextNode.valueOf(value.toString());
  }

  /** A condition as the Deployment's previous status holds it. */
  static String condition(
      String type, String status, String reason, String message, Instant lastUpdate) {
    return """
        {"type":"%s","status":"%s","lastUpdateTime":"%s","lastTransitionTime":"%s",
         "reason":"%s","message":%s}
        """
        .formatted(
            type,
            status,
            lastUpdate,
            lastUpdate.minusSeconds(60),
            reason,
            TextNode.valueOf(message).toString());
  }

  /**
   * {@code web} at generation 2, three replicas of {@link #V2}, a RollingUpdate with the default
   * 25%/25%, no status yet.
   */
  static DeploymentBuilder deployment() {
    return new DeploymentBuilder();
  }

  /**
   * The ReplicaSet {@code web} made for {@code image}: controlled by it, named and labelled with
   * the template's hash, three replicas all available, no revision annotation.
   */
  static ReplicaSetBuilder replicaSet(String image) {
    return new ReplicaSetBuilder(image);
  }

  static Map<String, Integer> specReplicas(List<KubeObject> replicaSets) {
    return replicaSets.stream()
        .collect(
            Collectors.toMap(
                KubeObject::name,
                rs -> rs.at("/spec/replicas").asInt(-1),
                (a, b) -> a,
                LinkedHashMap::new));
  }

  /**
   * The ReplicaSets a decision scales, by name, with their new {@code spec.replicas}: those it
   * updates with another spec.replicas than they had {@code before}, or that were not there.
   * Updates of annotations or owners alone are left out.
   */
  static Map<String, Integer> scaled(DeploymentControl.Decision decision, List<KubeObject> before) {
    Map<String, Integer> was = specReplicas(before);
    Map<String, Integer> scaled = new LinkedHashMap<>();
    specReplicas(decision.update())
        .forEach(
            (name, replicas) -> {
              if (!replicas.equals(was.get(name))) {
                scaled.put(name, replicas);
              }
            });
    return scaled;
  }

  static KubeObject named(List<KubeObject> replicaSets, String name) {
    return replicaSets.stream()
        .filter(rs -> name.equals(rs.name()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no ReplicaSet " + name + " in " + replicaSets));
  }

  /** A JSON object of strings, such as labels, as a map. */
  static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  /** The condition of {@code type} in a status; missing node when there is none. */
  static JsonNode conditionOf(JsonNode status, String type) {
    for (JsonNode condition : status.path("conditions")) {
      if (type.equals(condition.path("type").asText())) {
        return condition;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  /** Changes to the default Deployment; every method returns this builder. */
  static final class DeploymentBuilder {
    private int replicas = 3;
    private String image = V2;
    private JsonNode strategy;
    private boolean paused;
    private Integer revisionHistoryLimit;
    private Integer progressDeadlineSeconds;
    private Integer minReadySeconds;
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private String status;
    private boolean deleting;
    private long generation = 2;

    DeploymentBuilder replicas(int value) {
      this.replicas = value;
      return this;
    }

    DeploymentBuilder image(String value) {
      this.image = value;
      return this;
    }

    /** A RollingUpdate; each value an Integer, a text such as "25%", or null for absent. */
    DeploymentBuilder rollingUpdate(Object maxSurge, Object maxUnavailable) {
      ObjectNode node = Json.mapper().createObjectNode();
      node.put("type", "RollingUpdate");
      ObjectNode rollingUpdate = node.putObject("rollingUpdate");
      if (maxSurge != null) {
        rollingUpdate.set("maxSurge", intOrPercent(maxSurge));
      }
      if (maxUnavailable != null) {
        rollingUpdate.set("maxUnavailable", intOrPercent(maxUnavailable));
      }
      this.strategy = node;
      return this;
    }

    DeploymentBuilder recreate() {
      this.strategy = json("{\"type\":\"Recreate\"}");
      return this;
    }

    DeploymentBuilder paused() {
      this.paused = true;
      return this;
    }

    DeploymentBuilder revisionHistoryLimit(int value) {
      this.revisionHistoryLimit = value;
      return this;
    }

    DeploymentBuilder progressDeadlineSeconds(int value) {
      this.progressDeadlineSeconds = value;
      return this;
    }

    DeploymentBuilder minReadySeconds(int value) {
      this.minReadySeconds = value;
      return this;
    }

    DeploymentBuilder annotation(String key, String value) {
      annotations.put(key, value);
      return this;
    }

    DeploymentBuilder revision(long value) {
      return annotation(DeploymentControl.REVISION, Long.toString(value));
    }

    /** The status the Deployment holds from an earlier pass, as JSON text. */
    DeploymentBuilder status(String json) {
      this.status = json;
      return this;
    }

    /** Deletion requested a minute before {@link #NOW}, held by the foreground finalizer. */
    DeploymentBuilder beingDeleted() {
      this.deleting = true;
      return this;
    }

    DeploymentBuilder generation(long value) {
      this.generation = value;
      return this;
    }

    KubeObject build() {
      ObjectNode json =
          (ObjectNode)
              DeploymentFixtures.json(
                  """
                  {"apiVersion":"apps/v1","kind":"Deployment",
                   "metadata":{"name":"web","namespace":"default","uid":"%s","generation":%d,
                               "creationTimestamp":"2026-11-28T09:00:00Z"},
                   "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"web"}}}}
                  """
                      .formatted(DEPLOYMENT_UID, generation, replicas));
      ObjectNode metadata = (ObjectNode) json.get("metadata");
      if (!annotations.isEmpty()) {
        ObjectNode annotationsNode = metadata.putObject("annotations");
        annotations.forEach(annotationsNode::put);
      }
      if (deleting) {
        metadata.put("deletionTimestamp", NOW.minusSeconds(60).toString());
        metadata.putArray("finalizers").add("foregroundDeletion");
      }
      ObjectNode spec = (ObjectNode) json.get("spec");
      spec.set("template", template(image));
      if (strategy != null) {
        spec.set("strategy", strategy);
      }
      if (paused) {
        spec.put("paused", true);
      }
      if (revisionHistoryLimit != null) {
        spec.put("revisionHistoryLimit", revisionHistoryLimit);
      }
      if (progressDeadlineSeconds != null) {
        spec.put("progressDeadlineSeconds", progressDeadlineSeconds);
      }
      if (minReadySeconds != null) {
        spec.put("minReadySeconds", minReadySeconds);
      }
      if (status != null) {
        json.set("status", DeploymentFixtures.json(status));
      }
      return DeploymentKind.INSTANCE.withDefaults(KubeObject.of(json));
    }
  }

  /** Changes to the default ReplicaSet; every method returns this builder. */
  static final class ReplicaSetBuilder {
    private final String image;
    private String name;
    private Long revision;
    private String revisionHistory;
    private int replicas = 3;
    private Integer statusReplicas;
    private Integer available;
    private Integer ready;
    private Map<String, String> labels;
    private List<OwnerReference> owners = List.of(OURS);
    private Instant created = NOW.minusSeconds(86_400);
    private boolean deleting;
    private Instant failingSince;
    private String failure;

    private ReplicaSetBuilder(String image) {
      this.image = image;
    }

    ReplicaSetBuilder name(String value) {
      this.name = value;
      return this;
    }

    ReplicaSetBuilder revision(long value) {
      this.revision = value;
      return this;
    }

    ReplicaSetBuilder revisionHistory(String value) {
      this.revisionHistory = value;
      return this;
    }

    /** {@code spec.replicas}, with as many pods existing and all of them available. */
    ReplicaSetBuilder replicas(int value) {
      this.replicas = value;
      return this;
    }

    /** How many pods exist ({@code status.replicas}). */
    ReplicaSetBuilder existing(int value) {
      this.statusReplicas = value;
      return this;
    }

    /** How many pods are available (and ready, unless {@link #ready} says otherwise). */
    ReplicaSetBuilder available(int value) {
      this.available = value;
      return this;
    }

    ReplicaSetBuilder ready(int value) {
      this.ready = value;
      return this;
    }

    /** No pods exist: scaled to zero and done. */
    ReplicaSetBuilder empty() {
      return replicas(0);
    }

    ReplicaSetBuilder labels(Map<String, String> value) {
      this.labels = value;
      return this;
    }

    /** No owner references at all. */
    ReplicaSetBuilder orphan() {
      this.owners = null;
      return this;
    }

    ReplicaSetBuilder owners(OwnerReference... value) {
      this.owners = List.of(value);
      return this;
    }

    ReplicaSetBuilder created(Instant value) {
      this.created = value;
      return this;
    }

    /** A ReplicaFailure condition since {@code since}, saying {@code message}. */
    ReplicaSetBuilder failing(Instant since, String message) {
      this.failingSince = since;
      this.failure = message;
      return this;
    }

    ReplicaSetBuilder beingDeleted() {
      this.deleting = true;
      return this;
    }

    KubeObject build() {
      String hash = hashOf(image);
      ObjectNode podTemplate = template(image);
      ((ObjectNode) podTemplate.at("/metadata/labels")).put(TemplateHash.LABEL, hash);
      ObjectNode json =
          (ObjectNode)
              DeploymentFixtures.json(
                  """
                  {"apiVersion":"apps/v1","kind":"ReplicaSet",
                   "metadata":{"name":"%s","namespace":"default","uid":"uid-%s","generation":1,
                               "creationTimestamp":"%s"},
                   "spec":{"replicas":%d,
                           "selector":{"matchLabels":{"app":"web","pod-template-hash":"%s"}}}}
                  """
                      .formatted(
                          name == null ? "web-" + hash : name, hash, created, replicas, hash));
      ObjectNode metadata = (ObjectNode) json.get("metadata");
      ObjectNode labelsNode = metadata.putObject("labels");
      if (labels == null) {
        labelsNode.put("app", "web").put(TemplateHash.LABEL, hash);
      } else {
        labels.forEach(labelsNode::put);
      }
      Map<String, String> annotations = new LinkedHashMap<>();
      if (revision != null) {
        annotations.put(DeploymentControl.REVISION, Long.toString(revision));
      }
      if (revisionHistory != null) {
        annotations.put(DeploymentControl.REVISION_HISTORY, revisionHistory);
      }
      if (!annotations.isEmpty()) {
        metadata.set("annotations", Json.mapper().valueToTree(annotations));
      }
      if (owners != null) {
        metadata.set("ownerReferences", Json.mapper().valueToTree(owners));
      }
      if (deleting) {
        metadata.put("deletionTimestamp", NOW.minusSeconds(60).toString());
        metadata.putArray("finalizers").add("foregroundDeletion");
      }
      ((ObjectNode) json.get("spec")).set("template", podTemplate);
      int existing = statusReplicas == null ? replicas : statusReplicas;
      int availableCount = available == null ? existing : available;
      ObjectNode status = json.putObject("status");
      status.put("replicas", existing);
      status.put("fullyLabeledReplicas", existing);
      status.put("readyReplicas", ready == null ? availableCount : ready);
      status.put("availableReplicas", availableCount);
      status.put("observedGeneration", 1);
      if (failure != null) {
        ObjectNode condition = status.putArray("conditions").addObject();
        condition.put("type", ReplicaSetControl.REPLICA_FAILURE);
        condition.put("status", "True");
        condition.put("lastTransitionTime", failingSince.toString());
        condition.put("reason", "FailedCreate");
        condition.put("message", failure);
      }
      return ReplicaSetKind.INSTANCE.withDefaults(KubeObject.of(json));
    }
  }
}
