package dev.troupe.core.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.KubeObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scaling a Deployment in the middle of a rollout, as Kubernetes' documentation works it out: the
 * new replicas are shared among the ReplicaSets that have pods, in proportion to their sizes.
 */
class DeploymentProportionalScalingTest {

  private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

  private static KubeObject object(String json) {
    try {
      return KubeObject.of((ObjectNode) Json.mapper().readTree(json));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static KubeObject deployment(int replicas, String image) {
    return object(
        """
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"web","namespace":"default","uid":"d-1","generation":3},
         "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"web"}},
          "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":3,"maxUnavailable":2}},
          "template":{"metadata":{"labels":{"app":"web"}},
           "spec":{"containers":[{"name":"web","image":"%s"}]}}}}
        """
            .formatted(replicas, image));
  }

  private static KubeObject replicaSet(
      String name, String image, int replicas, long revision, String desired) {
    return object(
        """
        {"apiVersion":"apps/v1","kind":"ReplicaSet",
         "metadata":{"name":"%s","namespace":"default","uid":"%s-uid",
          "creationTimestamp":"2026-11-29T09:0%d:00Z",
          "labels":{"app":"web","pod-template-hash":"%s"},
          "annotations":{"deployment.kubernetes.io/revision":"%d",
           "deployment.kubernetes.io/desired-replicas":"%s"},
          "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web",
           "uid":"d-1","controller":true,"blockOwnerDeletion":true}]},
         "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"web","pod-template-hash":"%s"}},
          "template":{"metadata":{"labels":{"app":"web","pod-template-hash":"%s"}},
           "spec":{"containers":[{"name":"web","image":"%s"}]}}},
         "status":{"replicas":%d,"availableReplicas":%d}}
        """
            .formatted(
                name,
                name,
                revision,
                name,
                revision,
                desired,
                replicas,
                name,
                name,
                image,
                replicas,
                revision == 1 ? replicas : 0));
  }

  private static Map<String, Integer> replicasOf(List<KubeObject> replicaSets) {
    Map<String, Integer> sizes = new HashMap<>();
    replicaSets.forEach(rs -> sizes.put(rs.name(), rs.at("/spec/replicas").asInt()));
    return sizes;
  }

  @Test
  void scalingFromTenToFifteenMidRolloutSharesTheFiveNewReplicasByProportion() {
    // Kubernetes' documented example: 8 old and 5 new pods (10 + maxSurge 3), scaled to 15.
    List<KubeObject> sets =
        List.of(
            replicaSet("web-old", "nginx:1", 8, 1, "10"),
            replicaSet("web-new", "nginx:bad", 5, 2, "10"));

    DeploymentControl.Decision decision =
        DeploymentControl.decide(deployment(15, "nginx:bad"), sets, NOW);

    assertThat(replicasOf(decision.update()))
        .containsEntry("web-old", 11)
        .containsEntry("web-new", 7);
    assertThat(decision.create()).isNull();
    assertThat(decision.update())
        .allSatisfy(
            rs ->
                assertThat(rs.metadata().annotations().get(DeploymentControl.DESIRED_REPLICAS))
                    .isEqualTo("15"));
  }

  @Test
  void scalingDownMidRolloutTakesFromEveryReplicaSetByProportion() {
    List<KubeObject> sets =
        List.of(
            replicaSet("web-old", "nginx:1", 8, 1, "10"),
            replicaSet("web-new", "nginx:bad", 5, 2, "10"));

    DeploymentControl.Decision decision =
        DeploymentControl.decide(deployment(5, "nginx:bad"), sets, NOW);

    Map<String, Integer> sizes = replicasOf(decision.update());
    assertThat(sizes.get("web-old") + sizes.get("web-new")).isEqualTo(8);
    assertThat(sizes.get("web-old")).isGreaterThan(sizes.get("web-new"));
  }

  @Test
  void withOneReplicaSetWithPodsThereIsNothingToShare() {
    List<KubeObject> sets = List.of(replicaSet("web-old", "nginx:1", 10, 1, "10"));

    assertThat(
            DeploymentControl.proportionallyScaled(
                sets, 15, RolloutLimits.of(deployment(15, "nginx:1").at("/spec/strategy"), 15)))
        .isEmpty();
  }

  @Test
  void replicaSetsThatAlreadyKnowTheReplicasAreNoScalingEvent() {
    List<KubeObject> sets =
        List.of(
            replicaSet("web-old", "nginx:1", 8, 1, "15"),
            replicaSet("web-new", "nginx:bad", 5, 2, "15"));

    assertThat(
            DeploymentControl.proportionallyScaled(
                sets, 15, RolloutLimits.of(deployment(15, "nginx:1").at("/spec/strategy"), 15)))
        .isEmpty();
  }
}
