package dev.troupe.core.kinds;

import static dev.troupe.core.kinds.KindFixtures.create;
import static dev.troupe.core.kinds.KindFixtures.messages;
import static dev.troupe.core.kinds.KindFixtures.stored;
import static dev.troupe.core.kinds.KindFixtures.tree;
import static dev.troupe.core.kinds.KindFixtures.update;
import static dev.troupe.core.kinds.WorkloadFixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.core.model.KubeObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicaSetKindTest {

  private static final ReplicaSetKind KIND = ReplicaSetKind.INSTANCE;

  @Test
  void aReplicaSetRunsOneReplicaOfADefaultedTemplateAndHasNoStrategy() {
    KubeObject replicaSet = KIND.withDefaults(KindFixtures.object(workload()));

    assertThat(replicaSet.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(replicaSet.at("/spec/strategy").isMissingNode()).isTrue();
    assertThat(replicaSet.at("/spec/template/spec/restartPolicy").asText()).isEqualTo("Always");
    assertThat(replicaSet.at("/spec/template/spec/containers/0/imagePullPolicy").asText())
        .isEqualTo("IfNotPresent");
  }

  @Test
  void aNewReplicaSetReportsNoReplicasAndCountsGenerations() {
    KubeObject replicaSet = stored(KIND, workload());

    assertThat(replicaSet.field("status")).isEqualTo(tree("{\"replicas\":0}"));
    assertThat(replicaSet.metadata().generation()).isEqualTo(1L);
    assertThat(
            update(KIND, replicaSet, workload("{\"replicas\":4}")).object().metadata().generation())
        .isEqualTo(2L);
  }

  static Stream<Arguments> invalidReplicaSets() {
    return Stream.of(
        arguments(
            "a replica set without a selector selects nothing",
            "{\"selector\":null}",
            List.of(
                "spec.selector: Required value",
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}:"
                    + " `selector` does not match template `labels`")),
        arguments(
            "replicas are not negative",
            "{\"replicas\":-2}",
            List.of("spec.replicas: Invalid value: -2: must be greater than or equal to 0")),
        arguments(
            "minReadySeconds is not negative",
            "{\"minReadySeconds\":-1}",
            List.of("spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0")),
        arguments(
            "a template without labels matches no selector",
            "{\"template\":{\"metadata\":null}}",
            List.of(
                "spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector`"
                    + " does not match template `labels`")),
        arguments(
            "a replica set's pods have no deadline",
            "{\"template\":{\"spec\":{\"activeDeadlineSeconds\":60}}}",
            List.of(
                "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in"
                    + " ReplicaSet is not Supported")),
        arguments(
            "template labels are labels",
            "{\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\",\"bad key\":\"x\"}}}}",
            List.of(
                "spec.template.metadata.labels: Invalid value: \"bad key\": name part must consist"
                    + " of alphanumeric characters, '-', '_' or '.', and must start and end with an"
                    + " alphanumeric character (63 characters at most)")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidReplicaSets")
  void eachMistakeIsReportedAtItsField(
      String description, String specPatch, List<String> expected) {
    assertThat(messages(create(KIND, workload(specPatch)).errors()))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void theSelectorCannotChange() {
    KubeObject current = stored(KIND, workload());
    String moved =
        workload(
            "{\"selector\":{\"matchLabels\":{\"app\":\"web\",\"pod-template-hash\":\"abc\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"pod-template-hash\":\"abc\"}}}}");

    assertThat(messages(update(KIND, current, moved).errors()))
        .containsExactly(
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string"
                + "{\"app\":\"web\", \"pod-template-hash\":\"abc\"},"
                + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
  }
}
