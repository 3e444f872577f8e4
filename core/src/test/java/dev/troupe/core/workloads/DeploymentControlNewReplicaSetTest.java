package dev.troupe.core.workloads;

import static dev.troupe.core.workloads.DeploymentFixtures.NOW;
import static dev.troupe.core.workloads.DeploymentFixtures.OURS;
import static dev.troupe.core.workloads.DeploymentFixtures.V1;
import static dev.troupe.core.workloads.DeploymentFixtures.V2;
import static dev.troupe.core.workloads.DeploymentFixtures.conditionOf;
import static dev.troupe.core.workloads.DeploymentFixtures.defaultedTemplate;
import static dev.troupe.core.workloads.DeploymentFixtures.deployment;
import static dev.troupe.core.workloads.DeploymentFixtures.hashOf;
import static dev.troupe.core.workloads.DeploymentFixtures.nameOf;
import static dev.troupe.core.workloads.DeploymentFixtures.stringMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.kinds.ObjectAdmission;
import dev.troupe.core.kinds.ReplicaSetKind;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.workloads.DeploymentControl.Decision;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ReplicaSet a fresh Deployment creates, as Kubernetes' {@code getNewReplicaSet}: named and
 * labelled with its template's hash, at revision 1, controlled by the Deployment.
 */
class DeploymentControlNewReplicaSetTest {

  private static Decision decideFresh(KubeObject deployment) {
    return DeploymentControl.decide(deployment, List.of(), NOW);
  }

  @Test
  void aFreshDeploymentCreatesTheReplicaSetOfItsTemplateNamedAfterItsHash() {
    String hash = TemplateHash.of(defaultedTemplate(V2), 0);

    KubeObject created = decideFresh(deployment().image(V2).build()).create();

    assertThat(created.name()).isEqualTo("web-" + hash);
    assertThat(created.namespace()).isEqualTo("default");
    assertThat(created.apiVersion()).isEqualTo("apps/v1");
    assertThat(created.kind()).isEqualTo("ReplicaSet");
  }

  @Test
  void theHashLabelIsOnTheLabelsTheSelectorAndTheTemplate() {
    String hash = hashOf(V2);

    KubeObject created = decideFresh(deployment().build()).create();

    Map<String, String> expected = Map.of("app", "web", "pod-template-hash", hash);
    assertThat(created.metadata().labels()).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(stringMap(created.at("/spec/selector/matchLabels"))).isEqualTo(expected);
    assertThat(stringMap(created.at("/spec/template/metadata/labels"))).isEqualTo(expected);
  }

  @Test
  void theTemplateIsTheDeploymentsApartFromTheHashLabel() {
    KubeObject deployment = deployment().build();

    KubeObject created = decideFresh(deployment).create();

    ObjectNode template = created.at("/spec/template").deepCopy();
    ((ObjectNode) template.at("/metadata/labels")).remove("pod-template-hash");
    assertThat(Json.canonical(template)).isEqualTo(Json.canonical(deployment.at("/spec/template")));
  }

  @Test
  void theDeploymentIsItsControllerAndBlocksItsDeletion() {
    KubeObject created = decideFresh(deployment().build()).create();

    assertThat(created.metadata().ownerReferences()).containsExactly(OURS);
    assertThat(DeploymentControl.ownerReference(deployment().build())).isEqualTo(OURS);
  }

  @Test
  void itIsRevision1WithTheDesiredAndMaximumReplicas() {
    // 10 replicas, 25% surge: at most 13 pods.
    KubeObject created = decideFresh(deployment().replicas(10).build()).create();

    assertThat(created.metadata().annotations())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "deployment.kubernetes.io/revision", "1",
                "deployment.kubernetes.io/desired-replicas", "10",
                "deployment.kubernetes.io/max-replicas", "13"));
  }

  @Test
  void theChangeCauseIsCopiedToTheReplicaSet() {
    KubeObject deployment =
        deployment()
            .annotation("kubernetes.io/change-cause", "kubectl set image deployment/web app=v2")
            .annotation("team", "storefront")
            .build();

    KubeObject created = decideFresh(deployment).create();

    assertThat(created.metadata().annotations())
        .contains(entry("kubernetes.io/change-cause", "kubectl set image deployment/web app=v2"));
  }

  @Test
  void minReadySecondsIsCopiedToTheReplicaSet() {
    KubeObject created = decideFresh(deployment().minReadySeconds(15).build()).create();

    assertThat(created.at("/spec/minReadySeconds").asInt(-1)).isEqualTo(15);
  }

  @Test
  void aCollisionCountNamesTheReplicaSetAfterAnotherHash() {
    KubeObject collided = deployment().status("{\"collisionCount\":1}").build();

    KubeObject created = decideFresh(collided).create();

    String hash = TemplateHash.of(defaultedTemplate(V2), 1);
    assertThat(hash).isNotEqualTo(hashOf(V2));
    assertThat(created.name()).isEqualTo("web-" + hash);
    assertThat(created.metadata().labels()).containsEntry("pod-template-hash", hash);
  }

  static Stream<Arguments> initialReplicas() {
    return Stream.of(
        arguments("3 replicas, the default 25%/25%", deployment().replicas(3), 3),
        arguments("10 replicas, maxSurge 0", deployment().replicas(10).rollingUpdate(0, 2), 10),
        arguments("10 replicas, maxSurge 3", deployment().replicas(10).rollingUpdate(3, 2), 10),
        arguments("1 replica, maxSurge 100%", deployment().replicas(1).rollingUpdate("100%", 0), 1),
        arguments("0 replicas", deployment().replicas(0), 0),
        arguments("a Recreate of 3", deployment().replicas(3).recreate(), 3),
        arguments("a Recreate of 0", deployment().replicas(0).recreate(), 0));
  }

  @ParameterizedTest(name = "{0}: created with {2}")
  @MethodSource("initialReplicas")
  void withNothingOldTheNewReplicaSetStartsWithEveryReplica(
      String description, DeploymentFixtures.DeploymentBuilder deployment, int expected) {
    KubeObject created = decideFresh(deployment.build()).create();

    assertThat(created.at("/spec/replicas").asInt(-1)).isEqualTo(expected);
  }

  @Test
  void theDeploymentIsAnnotatedWithRevision1() {
    Decision decision = decideFresh(deployment().build());

    assertThat(decision.deployment()).isNotNull();
    assertThat(decision.deployment().metadata().annotations())
        .containsEntry("deployment.kubernetes.io/revision", "1");
    assertThat(decision.deployment().at("/spec")).isEqualTo(deployment().build().at("/spec"));
  }

  @Test
  void creatingIsTheOnlyMove() {
    Decision decision = decideFresh(deployment().build());

    assertThat(decision.update()).isEmpty();
    assertThat(decision.delete()).isEmpty();
  }

  @Test
  void theCreatedReplicaSetPassesAdmission() {
    KubeObject created = decideFresh(deployment().minReadySeconds(5).build()).create();

    ObjectAdmission.Admitted admitted =
        ObjectAdmission.prepareCreate(ReplicaSetKind.INSTANCE, created, "default", new Random(1));

    assertThat(admitted.errors()).isEmpty();
    // Admission's defaults leave the template as the Deployment's, so the next pass finds it.
    assertThat(
            DeploymentControl.sameTemplate(
                admitted.object().at("/spec/template"), deployment().build().at("/spec/template")))
        .isTrue();
  }

  @Test
  void theNextPassFindsTheCreatedReplicaSetAndCreatesNoOther() {
    KubeObject deployment = deployment().build();
    KubeObject created = decideFresh(deployment).create();
    KubeObject stored =
        ObjectAdmission.stamp(
            ReplicaSetKind.INSTANCE,
            ObjectAdmission.prepareCreate(
                    ReplicaSetKind.INSTANCE, created, "default", new Random(1))
                .object(),
            "uid-new",
            NOW);

    Decision next =
        DeploymentControl.decide(
            deployment.withMetadata(
                deployment.metadata().withAnnotations(Map.of(DeploymentControl.REVISION, "1"))),
            List.of(stored),
            NOW);

    assertThat(next.create()).isNull();
    assertThat(next.update()).isEmpty();
    assertThat(next.deployment()).isNull();
  }

  @Test
  void aTemplateWithoutLabelsStillGetsTheHashLabel() {
    KubeObject deployment = deployment().build();
    ObjectNode spec = deployment.at("/spec").deepCopy();
    ((ObjectNode) spec.get("template")).remove("metadata");
    spec.set("selector", Json.mapper().createObjectNode());

    KubeObject created =
        DeploymentControl.newReplicaSet(
            deployment.with("spec", spec), 4, 2, new RolloutLimits(1, 0));

    JsonNode labels = created.at("/spec/template/metadata/labels");
    assertThat(labels.size()).isEqualTo(1);
    assertThat(labels.path("pod-template-hash").asText()).isNotEmpty();
    assertThat(created.at("/spec/selector/matchLabels/pod-template-hash").asText())
        .isEqualTo(labels.path("pod-template-hash").asText());
    assertThat(created.at("/spec/replicas").asInt(-1)).isEqualTo(2);
    assertThat(created.metadata().annotations())
        .containsEntry("deployment.kubernetes.io/revision", "4")
        .containsEntry("deployment.kubernetes.io/max-replicas", "4");
  }

  @Test
  void theConditionSaysWhichReplicaSetWasCreated() {
    Decision decision = decideFresh(deployment().build());

    JsonNode progressing = conditionOf(decision.status(), "Progressing");
    assertThat(progressing.path("status").asText()).isEqualTo("True");
    assertThat(progressing.path("reason").asText()).isEqualTo("NewReplicaSetCreated");
    assertThat(progressing.path("message").asText())
        .isEqualTo("Created new replica set \"" + nameOf(V2) + "\"");
    assertThat(progressing.path("lastUpdateTime").asText()).isEqualTo(NOW.toString());
  }

  @Test
  void eachTemplateHasItsOwnReplicaSetName() {
    assertThat(nameOf(V1)).isNotEqualTo(nameOf(V2));
    assertThat(decideFresh(deployment().image(V1).build()).create().name()).isEqualTo(nameOf(V1));
  }
}
