package dev.troupe.core.apply;

import static dev.troupe.core.apply.ApplyFixtures.CREATED;
import static dev.troupe.core.apply.ApplyFixtures.LATER;
import static dev.troupe.core.apply.ApplyFixtures.owned;
import static dev.troupe.core.apply.ApplyFixtures.writers;
import static dev.troupe.core.apply.ApplyFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManagedFieldsTest {

  static final String CREATED_DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: nginx
        namespace: default
        labels: {app: nginx}
      spec:
        replicas: 1
        strategy:
          type: RollingUpdate
          rollingUpdate: {maxSurge: 25%}
        template:
          metadata: {labels: {app: nginx}}
          spec:
            containers:
            - name: nginx
              image: nginx
              ports: [{containerPort: 80}]
              resources: {}
      status: {replicas: 1}
      """;

  @Test
  void theCreatorOwnsEveryFieldMarkingTheMapsListsAndItemsItBroughtWithADot() {
    JsonNode created =
        ManagedFields.recordUpdate(
            null, yaml(CREATED_DEPLOYMENT), "Deployment", "kubectl-create", "apps/v1", CREATED);

    assertThat(created.at("/metadata/managedFields"))
        .isEqualTo(
            yaml(
                """
                - manager: kubectl-create
                  operation: Update
                  apiVersion: apps/v1
                  time: "2024-05-01T10:00:00Z"
                  fieldsType: FieldsV1
                  fieldsV1:
                    f:metadata:
                      f:labels:
                        .: {}
                        f:app: {}
                    f:spec:
                      f:replicas: {}
                      f:strategy:
                        f:rollingUpdate:
                          .: {}
                          f:maxSurge: {}
                        f:type: {}
                      f:template:
                        f:metadata:
                          f:labels:
                            .: {}
                            f:app: {}
                        f:spec:
                          f:containers:
                            k:{"name":"nginx"}:
                              .: {}
                              f:image: {}
                              f:name: {}
                              f:ports:
                                .: {}
                                k:{"containerPort":80}:
                                  .: {}
                                  f:containerPort: {}
                              f:resources: {}
                """));
  }

  static JsonNode changed(JsonNode object, String pointer, String value) {
    ObjectNode copy = object.deepCopy();
    int slash = pointer.lastIndexOf('/');
    ObjectNode parent = (ObjectNode) copy.at(pointer.substring(0, slash));
    if (value == null) {
      parent.remove(pointer.substring(slash + 1));
    } else {
      parent.set(pointer.substring(slash + 1), yaml(value));
    }
    return copy;
  }

  static JsonNode created() {
    return ManagedFields.recordUpdate(
        null, yaml(CREATED_DEPLOYMENT), "Deployment", "kubectl-create", "apps/v1", CREATED);
  }

  @Test
  void anUpdateMovesTheFieldsItChangesToItsWriterAndMergesItsEarlierUpdates() {
    JsonNode scaled =
        ManagedFields.recordUpdate(
            created(),
            changed(created(), "/spec/replicas", "3"),
            "Deployment",
            "kube-controller-manager",
            "apps/v1",
            LATER);
    JsonNode relabelled =
        ManagedFields.recordUpdate(
            scaled,
            changed(scaled, "/metadata/labels/tier", "web"),
            "Deployment",
            "kube-controller-manager",
            "apps/v1",
            LATER.plusSeconds(60));

    assertThat(writers(relabelled))
        .containsExactly("kubectl-create Update", "kube-controller-manager Update");
    assertThat(owned(relabelled, "kube-controller-manager", "Update"))
        .containsExactly(".metadata.labels.tier", ".spec.replicas");
    assertThat(owned(relabelled, "kubectl-create", "Update")).doesNotContain(".spec.replicas");
    assertThat(relabelled.at("/metadata/managedFields/1/time").textValue())
        .isEqualTo("2024-05-01T11:31:00Z");
  }

  @Test
  void aRemovedFieldLeavesEveryEntryAndAnEmptiedEntryGoes() {
    JsonNode scaled =
        ManagedFields.recordUpdate(
            created(),
            changed(created(), "/spec/replicas", "3"),
            "Deployment",
            "kube-controller-manager",
            "apps/v1",
            LATER);
    JsonNode unscaled =
        ManagedFields.recordUpdate(
            scaled,
            changed(scaled, "/spec/replicas", null),
            "Deployment",
            "editor",
            "apps/v1",
            LATER);

    assertThat(writers(unscaled)).containsExactly("kubectl-create Update");
  }

  @Test
  void anUpdateThatChangesNothingLeavesTheEntriesAlone() {
    JsonNode created = created();
    JsonNode same =
        ManagedFields.recordUpdate(created, created, "Deployment", "editor", "apps/v1", LATER);

    assertThat(same).isEqualTo(created);
  }

  @Test
  void statusChangesAreNotTrackedOnTheMainResourceButAreOnTheStatusSubresource() {
    JsonNode created = created();
    JsonNode progressed = changed(created, "/status/replicas", "2");

    JsonNode viaMain =
        ManagedFields.recordUpdate(created, progressed, "Deployment", "editor", "apps/v1", LATER);
    JsonNode viaStatus =
        ManagedFields.recordUpdate(
            created,
            progressed,
            "Deployment",
            "kube-controller-manager",
            "apps/v1",
            "status",
            LATER);

    assertThat(writers(viaMain)).containsExactly("kubectl-create Update");
    assertThat(viaStatus.at("/metadata/managedFields/1"))
        .isEqualTo(
            yaml(
                """
                manager: kube-controller-manager
                operation: Update
                apiVersion: apps/v1
                time: "2024-05-01T11:30:00Z"
                fieldsType: FieldsV1
                fieldsV1:
                  f:status:
                    f:replicas: {}
                subresource: status
                """));
  }

  @Test
  void anExistingObjectWithoutManagedFieldsStaysUntrackedByUpdates() {
    JsonNode untracked = yaml(CREATED_DEPLOYMENT);
    JsonNode updated =
        ManagedFields.recordUpdate(
            untracked,
            changed(untracked, "/spec/replicas", "4"),
            "Deployment",
            "editor",
            "apps/v1",
            LATER);

    assertThat(updated.path("metadata").has("managedFields")).isFalse();
  }

  @ParameterizedTest(name = "managedFields: {0}")
  @MethodSource("resets")
  void sendingAnEmptyManagedFieldsListResetsThem(String sent) {
    JsonNode created = created();
    ObjectNode reset = changed(created, "/spec/replicas", "2").deepCopy();
    ((ObjectNode) reset.path("metadata")).set("managedFields", yaml(sent));

    JsonNode updated =
        ManagedFields.recordUpdate(created, reset, "Deployment", "editor", "apps/v1", LATER);

    assertThat(updated.path("metadata").has("managedFields")).isFalse();
  }

  static Stream<String> resets() {
    return Stream.of("[]", "[{}]");
  }

  @Test
  void managedFieldsSentWithAnUpdateReplaceTheLiveOnes() {
    JsonNode created = created();
    ObjectNode edited = created.deepCopy();
    ((ObjectNode) edited.path("metadata"))
        .set(
            "managedFields",
            yaml(
                """
                - {manager: someone, operation: Update, apiVersion: apps/v1, fieldsType: FieldsV1,
                   fieldsV1: {"f:spec": {"f:replicas": {}}}}
                """));

    JsonNode updated =
        ManagedFields.recordUpdate(created, edited, "Deployment", "editor", "apps/v1", LATER);

    assertThat(writers(updated)).containsExactly("someone Update");
  }

  @Test
  void entriesAreWrittenAppliesFirstThenOldestFirst() {
    FieldSet replicas = FieldSet.ofPaths(FieldPath.fields("spec", "replicas"));
    List<ManagedFieldsEntry> entries =
        List.of(
            new ManagedFieldsEntry(
                "b", ManagedFieldsEntry.Operation.UPDATE, "v1", LATER, replicas, null),
            new ManagedFieldsEntry(
                "a", ManagedFieldsEntry.Operation.UPDATE, "v1", LATER, replicas, null),
            new ManagedFieldsEntry(
                "z", ManagedFieldsEntry.Operation.UPDATE, "v1", CREATED, replicas, null),
            new ManagedFieldsEntry(
                "y", ManagedFieldsEntry.Operation.APPLY, "v1", LATER, replicas, null));

    JsonNode written = ManagedFields.write(yaml("{metadata: {name: x}}"), entries);

    assertThat(writers(written)).containsExactly("y Apply", "z Update", "a Update", "b Update");
    assertThat(ManagedFields.read(written)).containsExactlyInAnyOrderElementsOf(entries);
  }

  static Stream<Arguments> unreadableEntries() {
    return Stream.of(
        arguments(
            "[{manager: a, operation: Update}]", "missing fieldsType in managed fields entry 0"),
        arguments(
            "[{manager: a, operation: Update, fieldsType: FieldsV2}]",
            "invalid fieldsType \"FieldsV2\" in managed fields entry 0"),
        arguments(
            "[{manager: a, operation: Delete, fieldsType: FieldsV1}]",
            "invalid operation \"Delete\" in managed fields entry 0"),
        arguments(
            "[{manager: a, operation: Apply, fieldsType: FieldsV1, time: yesterday}]",
            "error decoding managed fields entry 0: invalid time yesterday"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("unreadableEntries")
  void unreadableEntriesAreReportedWithTheirIndex(String managedFields, String message) {
    JsonNode object = yaml("{metadata: {name: x}}");
    ((ObjectNode) object.path("metadata")).set("managedFields", yaml(managedFields));

    assertThatThrownBy(() -> ManagedFields.read(object))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
