package dev.troupe.core.apply;

import static dev.troupe.core.apply.ApplyFixtures.CREATED;
import static dev.troupe.core.apply.ApplyFixtures.LATER;
import static dev.troupe.core.apply.ApplyFixtures.LATEST;
import static dev.troupe.core.apply.ApplyFixtures.applied;
import static dev.troupe.core.apply.ApplyFixtures.conflicted;
import static dev.troupe.core.apply.ApplyFixtures.owned;
import static dev.troupe.core.apply.ApplyFixtures.writers;
import static dev.troupe.core.apply.ApplyFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Ownership moving between managers: the docs' "Transferring ownership" walk-through and the
 * client-side to server-side apply migration their caution describes.
 */
class ServerSideApplyOwnershipTest {

  /** The docs' application/ssa/nginx-deployment.yaml. */
  static final String NGINX =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: nginx-deployment
        labels: {app: nginx}
      spec:
        replicas: 3
        selector: {matchLabels: {app: nginx}}
        template:
          metadata: {labels: {app: nginx}}
          spec:
            containers:
            - name: nginx
              image: nginx:1.14.2
      """;

  static final String REPLICAS_ONLY =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: nginx-deployment}
      spec: {replicas: 3}
      """;

  /** The HPA's controller writes the replica count through an update. */
  static JsonNode scaled(JsonNode deployment, int replicas, String manager) {
    ObjectNode changed = deployment.deepCopy();
    ((ObjectNode) changed.path("spec")).put("replicas", replicas);
    return ManagedFields.recordUpdate(
        deployment, changed, "Deployment", manager, "apps/v1", LATEST);
  }

  @Test
  void handingReplicasOverThroughATemporaryManagerKeepsTheCountWhenTheUserDropsIt() {
    JsonNode created = applied(null, yaml(NGINX), "Deployment", "kubectl", false, CREATED);
    JsonNode handedOver = applied(created, yaml(REPLICAS_ONLY), "Deployment", "handover-to-hpa");
    JsonNode dropped =
        applied(
            handedOver,
            yaml(NGINX.replace("  replicas: 3\n", "")),
            "Deployment",
            "kubectl",
            false,
            LATER);

    assertThat(dropped.at("/spec/replicas").intValue()).isEqualTo(3);
    assertThat(owned(dropped, "handover-to-hpa", "Apply")).containsExactly(".spec.replicas");
    assertThat(owned(dropped, "kubectl", "Apply")).doesNotContain(".spec.replicas");

    JsonNode autoscaled = scaled(dropped, 5, "kube-controller-manager");
    assertThat(writers(autoscaled))
        .containsExactly("kubectl Apply", "kube-controller-manager Update");
    assertThat(owned(autoscaled, "kube-controller-manager", "Update"))
        .containsExactly(".spec.replicas");
  }

  @Test
  void droppingReplicasWithoutAHandoverRemovesThem() {
    JsonNode created = applied(null, yaml(NGINX), "Deployment", "kubectl", false, CREATED);
    JsonNode dropped =
        applied(created, yaml(NGINX.replace("  replicas: 3\n", "")), "Deployment", "kubectl");

    assertThat(dropped.path("spec").has("replicas")).isFalse();
  }

  @Test
  void afterAScaleByUpdateAnApplyOfAnotherCountConflictsWithTheScaler() {
    JsonNode created = applied(null, yaml(NGINX), "Deployment", "kubectl", false, CREATED);
    JsonNode scaled = scaled(created, 5, "kubectl-scale");

    ApplyResult.Conflicted conflict = conflicted(scaled, yaml(NGINX), "Deployment", "kubectl");

    assertThat(owned(scaled, "kubectl", "Apply")).doesNotContain(".spec.replicas");
    assertThat(conflict.message())
        .isEqualTo(
            "Apply failed with 1 conflict: conflict with \"kubectl-scale\" using apps/v1:"
                + " .spec.replicas");
  }

  @Test
  void anApplyAfterClientSideApplyAndAScaleConflictsWithBothWriters() {
    JsonNode createdByClientSideApply =
        ManagedFields.recordUpdate(
            null, yaml(NGINX), "Deployment", "kubectl-client-side-apply", "apps/v1", CREATED);
    JsonNode scaled = scaled(createdByClientSideApply, 5, "kubectl");

    ApplyResult.Conflicted conflict =
        conflicted(
            scaled, yaml(NGINX.replace("nginx:1.14.2", "nginx:1.16.1")), "Deployment", "kubectl");

    assertThat(conflict.message())
        .isEqualTo(
            """
            Apply failed with 2 conflicts: conflicts with "kubectl" using apps/v1:
            - .spec.replicas
            conflicts with "kubectl-client-side-apply" using apps/v1:
            - .spec.template.spec.containers[name="nginx"].image""");
    assertThat(conflict.conflicts())
        .extracting(Conflict::causeMessage, Conflict::field)
        .containsExactly(
            tuple("conflict with \"kubectl\" using apps/v1", ".spec.replicas"),
            tuple(
                "conflict with \"kubectl-client-side-apply\" using apps/v1",
                ".spec.template.spec.containers[name=\"nginx\"].image"));
  }

  @Test
  void forcingAMigrationLeavesTheOldManagerOnlyWhatTheConfigurationDoesNotChange() {
    JsonNode createdByClientSideApply =
        ManagedFields.recordUpdate(
            null, yaml(NGINX), "Deployment", "kubectl-client-side-apply", "apps/v1", CREATED);

    JsonNode forced =
        applied(
            createdByClientSideApply,
            yaml(NGINX.replace("replicas: 3", "replicas: 4")),
            "Deployment",
            "kubectl",
            true,
            LATER);

    assertThat(forced.at("/spec/replicas").intValue()).isEqualTo(4);
    assertThat(owned(forced, "kubectl-client-side-apply", "Update"))
        .doesNotContain(".spec.replicas")
        .contains(".spec.template.spec.containers[name=\"nginx\"].image");
  }

  @Test
  void conflictsWithAnApplierNameItWithoutAVersion() {
    Conflict applier =
        new Conflict(
            "kubectl",
            ManagedFieldsEntry.Operation.APPLY,
            "apps/v1",
            null,
            FieldPath.fields("spec"));
    Conflict statusWriter =
        new Conflict(
            "kubelet",
            ManagedFieldsEntry.Operation.UPDATE,
            "v1",
            "status",
            FieldPath.fields("status", "phase"));

    assertThat(applier.causeMessage()).isEqualTo("conflict with \"kubectl\"");
    assertThat(statusWriter.causeMessage())
        .isEqualTo("conflict with \"kubelet\" with subresource \"status\" using v1");
    assertThat(Conflict.CAUSE_TYPE).isEqualTo("FieldManagerConflict");
  }
}
