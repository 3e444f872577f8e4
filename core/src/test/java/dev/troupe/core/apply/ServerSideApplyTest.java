package dev.troupe.core.apply;

import static dev.troupe.core.apply.ApplyFixtures.CREATED;
import static dev.troupe.core.apply.ApplyFixtures.LATER;
import static dev.troupe.core.apply.ApplyFixtures.LATEST;
import static dev.troupe.core.apply.ApplyFixtures.applied;
import static dev.troupe.core.apply.ApplyFixtures.conflicted;
import static dev.troupe.core.apply.ApplyFixtures.owned;
import static dev.troupe.core.apply.ApplyFixtures.withoutManagedFields;
import static dev.troupe.core.apply.ApplyFixtures.writers;
import static dev.troupe.core.apply.ApplyFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The worked examples of the Kubernetes docs' "Server-Side Apply" page, and their variations. */
class ServerSideApplyTest {

  /** The docs' first example: a ConfigMap created by {@code kubectl apply --server-side}. */
  static final String TEST_CM =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: test-cm
        namespace: default
        labels: {test-label: test}
      data: {key: some value}
      """;

  @Test
  void theFirstApplyCreatesTheObjectAndRecordsTheApplierAsOwnerOfEveryFieldItSet() {
    JsonNode created = applied(null, yaml(TEST_CM), "ConfigMap", "kubectl", false, CREATED);

    assertThat(created)
        .isEqualTo(
            yaml(
                """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: test-cm
                  namespace: default
                  labels: {test-label: test}
                  managedFields:
                  - manager: kubectl
                    operation: Apply
                    apiVersion: v1
                    time: "2024-05-01T10:00:00Z"
                    fieldsType: FieldsV1
                    fieldsV1:
                      f:data:
                        f:key: {}
                      f:metadata:
                        f:labels:
                          f:test-label: {}
                data: {key: some value}
                """));
  }

  @Test
  void applyingTheSameConfigurationAgainChangesNothingNotEvenTheTime() {
    JsonNode created = applied(null, yaml(TEST_CM), "ConfigMap", "kubectl", false, CREATED);

    ApplyResult again =
        ServerSideApply.apply(created, yaml(TEST_CM), "ConfigMap", "kubectl", "v1", false, LATER);

    assertThat(again).isEqualTo(new ApplyResult.Applied(created, false));
  }

  /** The docs' second example: kube-controller-manager updated data.key after kubectl applied. */
  JsonNode updatedByController() {
    JsonNode created = applied(null, yaml(TEST_CM), "ConfigMap", "kubectl", false, CREATED);
    JsonNode changed = created.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) changed.path("data")).put("key", "new value");
    return ManagedFields.recordUpdate(
        created, changed, "ConfigMap", "kube-controller-manager", "v1", LATER);
  }

  @Test
  void anUpdateTakesTheFieldItChangedFromTheApplier() {
    JsonNode updated = updatedByController();

    assertThat(updated.path("metadata").path("managedFields"))
        .isEqualTo(
            yaml(
                """
                - manager: kubectl
                  operation: Apply
                  apiVersion: v1
                  time: "2024-05-01T10:00:00Z"
                  fieldsType: FieldsV1
                  fieldsV1:
                    f:metadata:
                      f:labels:
                        f:test-label: {}
                - manager: kube-controller-manager
                  operation: Update
                  apiVersion: v1
                  time: "2024-05-01T11:30:00Z"
                  fieldsType: FieldsV1
                  fieldsV1:
                    f:data:
                      f:key: {}
                """));
  }

  @Test
  void applyingAnotherValueForAFieldSomeoneElseOwnsConflicts() {
    ApplyResult.Conflicted conflict =
        conflicted(updatedByController(), yaml(TEST_CM), "ConfigMap", "kubectl");

    assertThat(conflict.message())
        .isEqualTo(
            "Apply failed with 1 conflict: conflict with \"kube-controller-manager\" using v1:"
                + " .data.key");
    assertThat(conflict.conflicts())
        .singleElement()
        .satisfies(
            cause -> {
              assertThat(cause.causeMessage())
                  .isEqualTo("conflict with \"kube-controller-manager\" using v1");
              assertThat(cause.field()).isEqualTo(".data.key");
            });
  }

  @Test
  void applyingTheValueAlreadyThereSharesTheFieldWithoutConflict() {
    JsonNode shared =
        applied(
            updatedByController(),
            yaml(TEST_CM.replace("some value", "new value")),
            "ConfigMap",
            "kubectl");

    assertThat(shared.at("/data/key").textValue()).isEqualTo("new value");
    assertThat(owned(shared, "kubectl", "Apply"))
        .containsExactly(".data.key", ".metadata.labels.test-label");
    assertThat(owned(shared, "kube-controller-manager", "Update")).containsExactly(".data.key");
  }

  @Test
  void aForcedApplyOverwritesTheValueAndTakesTheFieldFromItsOwner() {
    JsonNode forced =
        applied(updatedByController(), yaml(TEST_CM), "ConfigMap", "kubectl", true, LATEST);

    assertThat(forced.at("/data/key").textValue()).isEqualTo("some value");
    assertThat(writers(forced)).containsExactly("kubectl Apply");
    assertThat(owned(forced, "kubectl", "Apply"))
        .containsExactly(".data.key", ".metadata.labels.test-label");
    assertThat(forced.at("/metadata/managedFields/0/time").textValue())
        .isEqualTo("2024-05-02T08:15:00Z");
  }

  @Test
  void aFieldLeftOutOfTheNextConfigurationIsRemoved() {
    JsonNode created = applied(null, yaml(TEST_CM), "ConfigMap", "kubectl");
    JsonNode withoutLabel =
        applied(
            created,
            yaml(
                """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: test-cm, namespace: default}
                data: {key: some value}
                """),
            "ConfigMap",
            "kubectl");

    assertThat(withoutManagedFields(withoutLabel))
        .isEqualTo(
            yaml(
                """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: test-cm, namespace: default}
                data: {key: some value}
                """));
    assertThat(owned(withoutLabel, "kubectl", "Apply")).containsExactly(".data.key");
  }

  @Test
  void aFieldLeftOutStaysWhileAnotherApplierStillOwnsIt() {
    JsonNode created = applied(null, yaml(TEST_CM), "ConfigMap", "kubectl");
    JsonNode shared =
        applied(
            created,
            yaml(
                """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: test-cm, labels: {test-label: test}}
                """),
            "ConfigMap",
            "labeler");
    JsonNode withoutLabel =
        applied(
            shared,
            yaml(
                """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: test-cm}
                data: {key: some value}
                """),
            "ConfigMap",
            "kubectl");

    assertThat(withoutLabel.at("/metadata/labels/test-label").textValue()).isEqualTo("test");
    assertThat(owned(withoutLabel, "kubectl", "Apply")).containsExactly(".data.key");
    assertThat(owned(withoutLabel, "labeler", "Apply"))
        .containsExactly(".metadata.labels.test-label");
  }

  @Test
  void anApplyThatLeavesOutEveryFieldDropsTheApplierEntirely() {
    JsonNode created = applied(null, yaml(TEST_CM), "ConfigMap", "kubectl");
    JsonNode emptied =
        applied(
            created,
            yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: test-cm}}"),
            "ConfigMap",
            "kubectl");

    assertThat(emptied)
        .isEqualTo(
            yaml(
                "{apiVersion: v1, kind: ConfigMap, metadata: {name: test-cm, namespace: default}}"));
  }

  @Test
  void anApplyKeepsTheLiveObjectsServerFieldsAndStatus() {
    JsonNode live =
        yaml(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: default
              uid: 6f0c1a52-0000-4000-8000-000000000002
              resourceVersion: "41"
              generation: 3
              creationTimestamp: "2024-05-01T09:00:00Z"
            spec: {replicas: 2}
            status: {replicas: 2, readyReplicas: 2}
            """);
    JsonNode result =
        applied(
            live,
            yaml(
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, labels: {app: web}}
                spec: {replicas: 2, paused: false}
                status: {replicas: 99}
                """),
            "Deployment",
            "kubectl",
            false,
            LATER);

    assertThat(withoutManagedFields(result))
        .isEqualTo(
            yaml(
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: default
                  uid: 6f0c1a52-0000-4000-8000-000000000002
                  resourceVersion: "41"
                  generation: 3
                  creationTimestamp: "2024-05-01T09:00:00Z"
                  labels: {app: web}
                spec: {replicas: 2, paused: false}
                status: {replicas: 2, readyReplicas: 2}
                """));
  }

  @Test
  void anObjectWithoutManagedFieldsIsOwnedByBeforeFirstApplyAtItsFirstApply() {
    JsonNode live =
        yaml(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: default}
            spec: {replicas: 2, paused: true}
            """);

    ApplyResult.Conflicted conflict =
        conflicted(
            live,
            yaml(
                "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: {replicas: 5}}"),
            "Deployment",
            "kubectl");
    JsonNode shared =
        applied(
            live,
            yaml(
                "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: {replicas: 2}}"),
            "Deployment",
            "kubectl");

    assertThat(conflict.message())
        .isEqualTo(
            "Apply failed with 1 conflict: conflict with \"before-first-apply\" using apps/v1:"
                + " .spec.replicas");
    assertThat(writers(shared)).containsExactly("kubectl Apply", "before-first-apply Update");
    assertThat(owned(shared, "before-first-apply", "Update"))
        .containsExactly(".spec.paused", ".spec.replicas");
  }

  @Test
  void aNullInTheConfigurationResetsTheFieldAndTheApplierOwnsIt() {
    JsonNode created =
        applied(
            null,
            yaml(
                "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: {replicas: 2, paused: true}}"),
            "Deployment",
            "kubectl");
    JsonNode reset =
        applied(
            created,
            yaml(
                "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: {replicas: 2, paused: null}}"),
            "Deployment",
            "kubectl");

    assertThat(reset.path("spec")).isEqualTo(yaml("{replicas: 2}"));
    assertThat(owned(reset, "kubectl", "Apply")).containsExactly(".spec.paused", ".spec.replicas");
  }
}
