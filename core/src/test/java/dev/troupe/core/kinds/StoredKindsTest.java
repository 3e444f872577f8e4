package dev.troupe.core.kinds;

import static dev.troupe.core.kinds.KindFixtures.NOW;
import static dev.troupe.core.kinds.KindFixtures.create;
import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.core.api.ResourceType;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.model.KubeObject;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredKindsTest {

  @Test
  void everyKindButPodsIsStoredAsJsonInDiscoveryOrder() {
    List<ResourceType> types = StoredKinds.all().stream().map(StoredKind::type).toList();

    assertThat(types)
        .containsExactlyElementsOf(
            ResourceTypes.ALL.stream().filter(t -> t != ResourceTypes.PODS).toList());
  }

  @Test
  void everyKindHasATypedModelWithTheFieldsOfAnApiObject() {
    for (StoredKind kind : StoredKinds.all()) {
      Class<? extends Record> model = kind.model();

      assertThat(model).as(kind.type().kind()).isNotNull();
      assertThat(model.getSimpleName()).isEqualTo(kind.type().kind());
      assertThat(Arrays.stream(model.getRecordComponents()).map(RecordComponent::getName))
          .as(kind.type().kind())
          .startsWith("apiVersion", "kind", "metadata");
    }
  }

  @Test
  void kindsAreFoundByGroupAndPlural() {
    assertThat(StoredKinds.byPlural("apps", "deployments")).contains(DeploymentKind.INSTANCE);
    assertThat(StoredKinds.byPlural("", "services")).contains(ServiceKind.INSTANCE);
    assertThat(StoredKinds.byPlural("", "deployments")).isEmpty();
    assertThat(StoredKinds.byPlural("", "pods")).isEmpty();
  }

  @Test
  void kindsAreFoundByKind() {
    assertThat(StoredKinds.byKind("ReplicaSet")).contains(ReplicaSetKind.INSTANCE);
    assertThat(StoredKinds.byKind("Namespace")).contains(NamespaceKind.INSTANCE);
    assertThat(StoredKinds.byKind("replicaset")).isEmpty();
  }

  @Test
  void onlyDeploymentsAndReplicaSetsCountGenerations() {
    assertThat(StoredKinds.all().stream().filter(StoredKind::countsGeneration))
        .containsExactly(DeploymentKind.INSTANCE, ReplicaSetKind.INSTANCE);
  }

  @Test
  void aNodeIsClusterScopedWhateverNamespaceTheRequestNames() {
    ObjectAdmission.Admitted node =
        create(NodeKind.INSTANCE, "{\"metadata\":{\"name\":\"node-1\"}}");

    assertThat(node.errors()).isEmpty();
    assertThat(node.object().namespace()).isNull();
    assertThat(node.object().kind()).isEqualTo("Node");
  }

  @Test
  void everyPrinterGivesOneCellPerColumnEvenForAnEmptyObject() {
    for (StoredKind kind : StoredKinds.all()) {
      KubeObject empty = KindFixtures.object("{\"metadata\":{\"name\":\"x\"}}");
      KubeObject defaulted = kind.withDefaults(empty);

      assertThat(kind.printer().cells(empty, NOW))
          .as(kind.type().kind())
          .hasSameSizeAs(kind.printer().columnDefinitions());
      assertThat(kind.printer().cells(defaulted, NOW))
          .as(kind.type().kind())
          .hasSameSizeAs(kind.printer().columnDefinitions());
      assertThat(kind.printer().withTypeMeta(empty).apiVersion())
          .isEqualTo(kind.type().groupVersion());
    }
  }
}
