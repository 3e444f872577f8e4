package dev.troupe.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.core.api.ResourceType;
import dev.troupe.core.api.ResourceTypes;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PatchStrategiesTest {

  static Stream<Arguments> lists() {
    return Stream.of(
        arguments("Pod", "spec.containers", "name"),
        arguments("Pod", "spec.initContainers", "name"),
        arguments("Pod", "spec.ephemeralContainers", "name"),
        arguments("Pod", "spec.containers[].ports", "containerPort"),
        arguments("Pod", "spec.containers[].env", "name"),
        arguments("Pod", "spec.initContainers[].volumeMounts", "mountPath"),
        arguments("Pod", "spec.ephemeralContainers[].volumeDevices", "devicePath"),
        arguments("Pod", "spec.volumes", "name"),
        arguments("Pod", "spec.imagePullSecrets", "name"),
        arguments("Pod", "spec.hostAliases", "ip"),
        arguments("Pod", "spec.topologySpreadConstraints", "topologyKey"),
        arguments("Pod", "status.conditions", "type"),
        arguments("Pod", "status.podIPs", "ip"),
        arguments("Pod", "metadata.ownerReferences", "uid"),
        arguments("Pod", "metadata.finalizers", PatchStrategies.SET),
        arguments("Deployment", "spec.template.spec.containers", "name"),
        arguments("Deployment", "spec.template.spec.containers[].env", "name"),
        arguments("Deployment", "spec.template.metadata.finalizers", PatchStrategies.SET),
        arguments("Deployment", "status.conditions", "type"),
        arguments("ReplicaSet", "spec.template.spec.volumes", "name"),
        arguments("ReplicaSet", "metadata.ownerReferences", "uid"),
        arguments("Service", "spec.ports", "port"),
        arguments("Node", "status.addresses", "type"),
        arguments("Node", "status.conditions", "type"),
        arguments("Node", "spec.podCIDRs", PatchStrategies.SET),
        arguments("Namespace", "status.conditions", "type"),
        arguments("Event", "metadata.finalizers", PatchStrategies.SET),
        arguments("Endpoints", "metadata.ownerReferences", "uid"));
  }

  @ParameterizedTest(name = "{0} {1} merges by {2}")
  @MethodSource("lists")
  void mergeListsHaveUpstreamsMergeKeys(String kind, String path, String key) {
    assertThat(PatchStrategies.mergeKey(kind, path)).contains(key);
  }

  static Stream<Arguments> replacedLists() {
    return Stream.of(
        arguments("Pod", "spec.tolerations"),
        arguments("Pod", "spec.containers[].envFrom"),
        arguments("Pod", "spec.containers[].args"),
        arguments("Pod", "spec.containers[].resizePolicy"),
        arguments("Pod", "status.containerStatuses"),
        arguments("Pod", "status.initContainerStatuses"),
        arguments("Deployment", "spec.containers"),
        arguments("Deployment", "spec.template.spec.tolerations"),
        arguments("Endpoints", "subsets"),
        arguments("Node", "spec.taints"),
        arguments("Namespace", "spec.finalizers"),
        arguments("Service", "status.loadBalancer.ingress"),
        arguments("Widget", "spec.containers"));
  }

  @ParameterizedTest(name = "{0} {1} is replaced")
  @MethodSource("replacedLists")
  void otherListsAreReplaced(String kind, String path) {
    assertThat(PatchStrategies.mergeKey(kind, path)).isEqualTo(Optional.empty());
  }

  @Test
  void everyServedKindHasPatchMetadata() {
    assertThat(PatchStrategies.kinds())
        .containsExactlyInAnyOrderElementsOf(
            ResourceTypes.ALL.stream().map(ResourceType::kind).toList());
    assertThat(PatchStrategies.supports("Widget")).isFalse();
    assertThat(PatchStrategies.supports(null)).isFalse();
  }

  @Test
  void aWorkloadsTemplateHasEveryListOfAPod() {
    Map<String, String> pod = PatchStrategies.mergeLists("Pod");
    Map<String, String> deployment = PatchStrategies.mergeLists("Deployment");

    pod.forEach(
        (path, key) -> {
          if (path.startsWith("spec.")) {
            assertThat(deployment).containsEntry("spec.template." + path, key);
          }
        });
    assertThat(PatchStrategies.mergeLists("ReplicaSet")).isEqualTo(deployment);
  }

  @Test
  void theTablesCannotBeChanged() {
    Map<String, String> pod = PatchStrategies.mergeLists("Pod");

    assertThatThrownBy(() -> pod.put("spec.tolerations", "key"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(PatchStrategies.mergeLists("Widget")).isEmpty();
  }
}
