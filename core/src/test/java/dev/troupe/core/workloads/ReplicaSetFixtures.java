package dev.troupe.core.workloads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerState;
import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.OwnerReference;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodCondition;
import dev.troupe.core.model.PodDeletionCost;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.model.PodStatus;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small named builders for the ReplicaSet controller's tests: a ReplicaSet {@code default/web}
 * selecting {@code app=web} with a template labelled {@code app=web,tier=frontend}, and its pods.
 */
final class ReplicaSetFixtures {

  /** The instant every decision is taken at. */
  static final Instant NOW = Instant.parse("2026-11-29T14:15:00Z");

  /** When the default pod was created: an hour before {@link #NOW}. */
  static final Instant CREATED = NOW.minusSeconds(3600);

  /** Since when the default pod is Ready: half an hour before {@link #NOW}. */
  static final Instant READY_SINCE = NOW.minusSeconds(1800);

  static final String RS_UID = "5f3b0c1e-7d1a-4c55-9a7e-0d6f2b1c9a01";
  static final String OTHER_UID = "9e8d7c6b-0000-4000-8000-0a0b0c0d0e0f";

  static final Map<String, String> TEMPLATE_LABELS = Map.of("app", "web", "tier", "frontend");

  /** The controller reference {@code web} puts on its pods, written out independently. */
  static final OwnerReference OURS =
      new OwnerReference("apps/v1", "ReplicaSet", "web", RS_UID, true, true);

  /** A controller reference of another ReplicaSet. */
  static final OwnerReference THEIRS =
      new OwnerReference("apps/v1", "ReplicaSet", "web-old", OTHER_UID, true, true);

  private static final String TEMPLATE =
      """
      {"metadata":{"labels":{"app":"web","tier":"frontend"}},
       "spec":{"containers":[{"name":"app","image":"nginx:1.27"}]}}
      """;

  private ReplicaSetFixtures() {}

  /** {@code web} wanting {@code replicas} pods. */
  static KubeObject replicaSet(int replicas) {
    return replicaSetWithSpec(
        """
        {"replicas":%d,"selector":{"matchLabels":{"app":"web"}},"template":%s}
        """
            .formatted(replicas, TEMPLATE));
  }

  /** {@code web} wanting {@code replicas} pods, available after {@code minReadySeconds}. */
  static KubeObject replicaSet(int replicas, int minReadySeconds) {
    return replicaSetWithSpec(
        """
        {"replicas":%d,"minReadySeconds":%d,"selector":{"matchLabels":{"app":"web"}},
         "template":%s}
        """
            .formatted(replicas, minReadySeconds, TEMPLATE));
  }

  /** {@code web} with this spec, at generation 3. */
  static KubeObject replicaSetWithSpec(String spec) {
    return object(
        """
        {"apiVersion":"apps/v1","kind":"ReplicaSet",
         "metadata":{"name":"web","namespace":"default","uid":"%s","generation":3},
         "spec":%s}
        """
            .formatted(RS_UID, spec));
  }

  /** {@code web} wanting {@code replicas} pods, its deletion requested a minute ago. */
  static KubeObject replicaSetBeingDeleted(int replicas) {
    return object(
        """
        {"apiVersion":"apps/v1","kind":"ReplicaSet",
         "metadata":{"name":"web","namespace":"default","uid":"%s","generation":3,
                     "deletionTimestamp":"2026-11-29T14:14:00Z","finalizers":["foregroundDeletion"]},
         "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"web"}},"template":%s}}
        """
            .formatted(RS_UID, replicas, TEMPLATE));
  }

  static KubeObject object(String json) {
    try {
      return KubeObject.of((ObjectNode) Json.mapper().readTree(json));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A pod of {@code web}: controlled by it, labelled as its template, scheduled on {@code node-1},
   * Running and Ready since {@link #READY_SINCE}, created at {@link #CREATED}, never restarted.
   */
  static PodBuilder pod(String name) {
    return new PodBuilder(name);
  }

  /** {@code count} pods of {@code web} named {@code web-000}, {@code web-001} … */
  static List<Pod> pods(int count) {
    List<Pod> pods = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      pods.add(pod("web-%03d".formatted(i)).build());
    }
    return pods;
  }

  static ReplicaSetControl.Decision decide(KubeObject replicaSet, Pod... pods) {
    return ReplicaSetControl.decide(replicaSet, List.of(pods), NOW);
  }

  static List<String> names(List<Pod> pods) {
    return pods.stream().map(Pod::name).toList();
  }

  /** The status' fields and their numbers, whatever JSON number type holds them. */
  static Map<String, Long> counts(ObjectNode status) {
    Map<String, Long> counts = new LinkedHashMap<>();
    status.properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
    return counts;
  }

  /** Changes to the default pod; every method returns this builder. */
  static final class PodBuilder {
    private final String name;
    private Map<String, String> labels = TEMPLATE_LABELS;
    private List<OwnerReference> owners = List.of(OURS);
    private String node = "node-1";
    private boolean hasStatus = true;
    private String phase = PodStatus.RUNNING;
    private String readyStatus = "True";
    private Instant readyTransition = READY_SINCE;
    private int[] restarts = {0};
    private Instant created = CREATED;
    private boolean terminating;
    private String deletionCost;

    private PodBuilder(String name) {
      this.name = name;
    }

    PodBuilder labels(Map<String, String> newLabels) {
      this.labels = newLabels;
      return this;
    }

    /** No owner references at all. */
    PodBuilder orphan() {
      this.owners = null;
      return this;
    }

    PodBuilder owners(OwnerReference... newOwners) {
      this.owners = List.of(newOwners);
      return this;
    }

    PodBuilder unscheduled() {
      this.node = null;
      return this;
    }

    PodBuilder phase(String newPhase) {
      this.phase = newPhase;
      return this;
    }

    /** Ready condition False. */
    PodBuilder notReady() {
      this.readyStatus = "False";
      return this;
    }

    /** No Ready condition at all. */
    PodBuilder withoutReadyCondition() {
      this.readyStatus = null;
      return this;
    }

    PodBuilder readySince(Instant since) {
      this.readyStatus = "True";
      this.readyTransition = since;
      return this;
    }

    /** Ready condition True with no lastTransitionTime. */
    PodBuilder readyWithoutTransitionTime() {
      this.readyStatus = "True";
      this.readyTransition = null;
      return this;
    }

    /** One container per count, each restarted that many times. */
    PodBuilder restarts(int... perContainer) {
      this.restarts = perContainer.clone();
      return this;
    }

    PodBuilder created(Instant at) {
      this.created = at;
      return this;
    }

    /** Deletion requested five seconds before {@link #NOW}. */
    PodBuilder terminating() {
      this.terminating = true;
      return this;
    }

    PodBuilder on(String nodeName) {
      this.node = nodeName;
      return this;
    }

    /** The {@code controller.kubernetes.io/pod-deletion-cost} annotation, as written. */
    PodBuilder deletionCost(String cost) {
      this.deletionCost = cost;
      return this;
    }

    /** Not yet observed by anything: no status at all. */
    PodBuilder withoutStatus() {
      this.hasStatus = false;
      return this;
    }

    Pod build() {
      ObjectMeta meta =
          ObjectMeta.named("default", name).toBuilder()
              .uid("uid-" + name)
              .creationTimestamp(created)
              .labels(labels)
              .ownerReferences(owners)
              .annotations(
                  deletionCost == null ? null : Map.of(PodDeletionCost.ANNOTATION, deletionCost))
              .build();
      if (terminating) {
        meta = meta.withDeletion(NOW.minusSeconds(5), 30);
      }
      List<Container> containers = new ArrayList<>();
      List<ContainerStatus> statuses = new ArrayList<>();
      for (int i = 0; i < restarts.length; i++) {
        String container = "app-" + i;
        containers.add(Container.of(container, "nginx:1.27"));
        statuses.add(
            new ContainerStatus(
                container,
                ContainerState.running(created),
                null,
                "True".equals(readyStatus),
                restarts[i],
                "nginx:1.27",
                null,
                null,
                true));
      }
      Pod pod = Pod.of(meta, new PodSpec(containers, "Always", null, node, null));
      if (!hasStatus) {
        return pod;
      }
      List<PodCondition> conditions =
          readyStatus == null
              ? List.of()
              : List.of(
                  new PodCondition(
                      PodCondition.READY, readyStatus, null, readyTransition, null, null));
      return pod.withStatus(
          new PodStatus(phase, conditions, null, null, null, null, null, statuses, null, null));
    }
  }
}
