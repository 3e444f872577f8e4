package dev.troupe.core.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.KubeObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Troupe's automatic rollback: a Deployment annotated {@code troupe.dev/auto-rollback: "true"}
 * whose rollout exceeds its progress deadline returns to the newest revision that was fully
 * available; without the annotation it stays where it is, as in Kubernetes.
 */
class DeploymentAutoRollbackTest {

  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

  private static KubeObject object(String json) {
    try {
      return KubeObject.of((ObjectNode) Json.mapper().readTree(json));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String template(String image) {
    return """
        {"metadata":{"labels":{"app":"web"}},
         "spec":{"containers":[{"name":"web","image":"%s"}]}}"""
        .formatted(image);
  }

  private static KubeObject deployment(boolean autoRollback) {
    return object(
        """
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"web","namespace":"default","uid":"d-1","generation":2,
          "annotations":{%s"deployment.kubernetes.io/revision":"2"}},
         "spec":{"replicas":2,"progressDeadlineSeconds":60,
          "selector":{"matchLabels":{"app":"web"}},
          "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1,"maxUnavailable":0}},
          "template":%s},
         "status":{"observedGeneration":2,"replicas":3,"updatedReplicas":1,"availableReplicas":2,
          "conditions":[{"type":"Progressing","status":"True","reason":"ReplicaSetUpdated",
           "message":"ReplicaSet \\"web-new\\" is progressing.",
           "lastUpdateTime":"2026-11-29T10:00:00Z","lastTransitionTime":"2026-11-29T10:00:00Z"}]}}
        """
            .formatted(
                autoRollback ? "\"troupe.dev/auto-rollback\":\"true\"," : "",
                template("troupe/broken:2")));
  }

  private static KubeObject replicaSet(
      String name, String image, int replicas, int available, long revision, boolean proven) {
    return object(
        """
        {"apiVersion":"apps/v1","kind":"ReplicaSet",
         "metadata":{"name":"%s","namespace":"default","uid":"%s-uid",
          "labels":{"app":"web","pod-template-hash":"%s"},
          "annotations":{%s"deployment.kubernetes.io/revision":"%d"},
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
                name,
                proven ? "\"troupe.dev/fully-available\":\"true\"," : "",
                revision,
                replicas,
                name,
                name,
                image,
                replicas,
                available));
  }

  private static List<KubeObject> stuckRollout() {
    return List.of(
        replicaSet("web-old", "troupe/hello:1", 2, 2, 1, true),
        replicaSet("web-new", "troupe/broken:2", 1, 0, 2, false));
  }

  @Test
  void aStuckRolloutPastItsDeadlineReturnsToTheLastFullyAvailableRevision() {
    DeploymentControl.Decision decision =
        DeploymentControl.decide(deployment(true), stuckRollout(), T0.plusSeconds(61));

    assertThat(decision.status().at("/conditions/1/reason").asText())
        .isEqualTo("ProgressDeadlineExceeded");
    KubeObject rolledBack = decision.deployment();
    assertThat(rolledBack).isNotNull();
    assertThat(rolledBack.text("/spec/template/spec/containers/0/image"))
        .isEqualTo("troupe/hello:1");
    assertThat(rolledBack.at("/spec/template/metadata/labels").has(TemplateHash.LABEL)).isFalse();
    assertThat(rolledBack.metadata().annotations().get(DeploymentControl.ROLLED_BACK))
        .isEqualTo("from revision 2 to revision 1: revision 2 exceeded its progress deadline");
  }

  @Test
  void withoutTheAnnotationAStuckRolloutOnlyReportsTheDeadline() {
    DeploymentControl.Decision decision =
        DeploymentControl.decide(deployment(false), stuckRollout(), T0.plusSeconds(61));

    assertThat(decision.status().at("/conditions/1/reason").asText())
        .isEqualTo("ProgressDeadlineExceeded");
    assertThat(decision.status().at("/conditions/1/status").asText()).isEqualTo("False");
    assertThat(decision.deployment()).isNull();
  }

  @Test
  void beforeTheDeadlineNothingIsRolledBack() {
    DeploymentControl.Decision decision =
        DeploymentControl.decide(deployment(true), stuckRollout(), T0.plusSeconds(59));

    assertThat(decision.status().at("/conditions/1/reason").asText())
        .isEqualTo("ReplicaSetUpdated");
    assertThat(decision.deployment()).isNull();
  }

  @Test
  void aRevisionThatWasNeverFullyAvailableIsNoPlaceToReturnTo() {
    List<KubeObject> neverProven =
        List.of(
            replicaSet("web-old", "troupe/hello:1", 2, 2, 1, false),
            replicaSet("web-new", "troupe/broken:2", 1, 0, 2, false));

    DeploymentControl.Decision decision =
        DeploymentControl.decide(deployment(true), neverProven, T0.plusSeconds(61));

    assertThat(decision.deployment()).isNull();
  }

  @Test
  void aCompletedRolloutMarksItsReplicaSetFullyAvailable() {
    KubeObject done =
        object(
            deployment(true)
                .json()
                .toString()
                .replace("troupe/broken:2", "troupe/hello:1")
                .replace("\"updatedReplicas\":1", "\"updatedReplicas\":2"));
    List<KubeObject> sets = List.of(replicaSet("web-old", "troupe/hello:1", 2, 2, 2, false));

    DeploymentControl.Decision decision = DeploymentControl.decide(done, sets, T0.plusSeconds(5));

    assertThat(decision.status().at("/conditions/1/reason").asText())
        .isEqualTo("NewReplicaSetAvailable");
    assertThat(decision.update())
        .anySatisfy(
            rs ->
                assertThat(rs.metadata().annotations().get(DeploymentControl.FULLY_AVAILABLE))
                    .isEqualTo("true"));
  }
}
