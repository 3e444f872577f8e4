package dev.troupe.core.printing;

import static dev.troupe.core.printing.PrintingPods.NOW;
import static dev.troupe.core.printing.PrintingPods.placed;
import static dev.troupe.core.printing.PrintingPods.pod;
import static dev.troupe.core.printing.PrintingPods.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.core.json.Json;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TablesTest {

  /** Pods printed with only a name and an age, to see the generic shape in a short text. */
  private static final TablePrinter<Pod> NAME_AND_AGE =
      new TablePrinter<>() {
        @Override
        public List<TableColumnDefinition> columnDefinitions() {
          return List.of(
              new TableColumnDefinition("Name", "string", "name", "the name", 0),
              new TableColumnDefinition("Age", "string", "", "the age", 0));
        }

        @Override
        public List<Object> cells(Pod pod, Instant now) {
          return List.of(pod.name(), HumanDuration.since(pod.metadata().creationTimestamp(), now));
        }

        @Override
        public ObjectMeta metadata(Pod pod) {
          return pod.metadata();
        }

        @Override
        public Pod withTypeMeta(Pod pod) {
          return pod.withTypeMeta();
        }
      };

  private static Pod web() {
    return placed(pod("Running", running("app", true)), "node-1", "10.244.7.190");
  }

  /** The pod as a list item may come: without kind and apiVersion. */
  private static Pod webWithoutTypeMeta() {
    Pod pod = web();
    return new Pod(null, null, pod.metadata(), pod.spec(), pod.status());
  }

  @Test
  void aTableWithOneRowCarriesThePartialObjectMetadataByDefault() {
    Table table = Tables.of(List.of(web()), NAME_AND_AGE, IncludeObject.METADATA, "1036", NOW);

    assertThat(Json.write(table))
        .isEqualTo(
            "{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/v1\","
                + "\"metadata\":{\"resourceVersion\":\"1036\"},"
                + "\"columnDefinitions\":["
                + "{\"name\":\"Name\",\"type\":\"string\",\"format\":\"name\","
                + "\"description\":\"the name\",\"priority\":0},"
                + "{\"name\":\"Age\",\"type\":\"string\",\"format\":\"\","
                + "\"description\":\"the age\",\"priority\":0}],"
                + "\"rows\":[{\"cells\":[\"web\",\"5m\"],"
                + "\"object\":{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1\","
                + "\"metadata\":{\"name\":\"web\",\"namespace\":\"default\","
                + "\"uid\":\"0b6c4bd5-2a8e-4a35-9d9d-3f0c2f1b7a10\",\"resourceVersion\":\"1032\","
                + "\"creationTimestamp\":\"2026-11-29T14:15:00Z\",\"labels\":{\"app\":\"web\"}}}}]}");
  }

  @Test
  void aPodRowIsWrittenWithStringCellsAndItsMetadata() {
    Table table = Tables.of(List.of(web()), new PodPrinter(), IncludeObject.METADATA, "1036", NOW);

    assertThat(Json.write(table.rows().get(0)))
        .isEqualTo(
            "{\"cells\":[\"web\",\"1/1\",\"Running\",\"0\",\"5m\",\"10.244.7.190\",\"node-1\","
                + "\"<none>\",\"<none>\"],"
                + "\"object\":{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1\","
                + "\"metadata\":{\"name\":\"web\",\"namespace\":\"default\","
                + "\"uid\":\"0b6c4bd5-2a8e-4a35-9d9d-3f0c2f1b7a10\",\"resourceVersion\":\"1032\","
                + "\"creationTimestamp\":\"2026-11-29T14:15:00Z\",\"labels\":{\"app\":\"web\"}}}}");
  }

  @Test
  void includeObjectObjectCarriesTheFullPodWithKindAndApiVersion() {
    Table table =
        Tables.of(
            List.of(webWithoutTypeMeta()), new PodPrinter(), IncludeObject.OBJECT, "1036", NOW);

    assertThat(table.rows().get(0).object()).isEqualTo(web().withTypeMeta());
    assertThat(Json.write(table.rows().get(0)))
        .contains(
            "\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"web\"")
        .contains("\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx\"}]")
        .contains("\"status\":{\"phase\":\"Running\"");
  }

  @Test
  void includeObjectNoneLeavesTheObjectOut() {
    Table table = Tables.of(List.of(web()), NAME_AND_AGE, IncludeObject.NONE, "1036", NOW);

    assertThat(Json.write(table.rows().get(0))).isEqualTo("{\"cells\":[\"web\",\"5m\"]}");
  }

  @Test
  void aFinishedPodsRowCarriesItsCompletedCondition() {
    Pod finished =
        pod("Succeeded", PrintingPods.exited("app", 0, null, "Completed"))
            .withMetadata(ObjectMeta.named("default", "job"));
    Table table = Tables.of(List.of(finished), new PodPrinter(), IncludeObject.NONE, null, NOW);

    assertThat(Json.write(table.rows().get(0)))
        .isEqualTo(
            "{\"cells\":[\"job\",\"0/1\",\"Completed\",\"0\",\"<unknown>\",\"<none>\",\"<none>\","
                + "\"<none>\",\"<none>\"],"
                + "\"conditions\":[{\"type\":\"Completed\",\"status\":\"True\","
                + "\"reason\":\"Succeeded\",\"message\":\"The pod has completed successfully.\"}]}");
  }

  @Test
  void aTableOfNoObjectsHasAnEmptyListOfRows() {
    Table table = Tables.of(List.<Pod>of(), NAME_AND_AGE, IncludeObject.METADATA, "7", NOW);

    assertThat(Json.write(table))
        .startsWith("{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/v1\",")
        .contains("\"metadata\":{\"resourceVersion\":\"7\"}")
        .endsWith(",\"rows\":[]}");
  }

  @Test
  void aTableOfOneObjectHasThatObjectsResourceVersion() {
    Table table = Tables.single(web(), new PodPrinter(), IncludeObject.METADATA, NOW);

    assertThat(table.metadata().resourceVersion()).isEqualTo("1032");
    assertThat(table.rows()).hasSize(1);
    assertThat(table.columnDefinitions()).isEqualTo(PodPrinter.COLUMN_DEFINITIONS);
  }

  @Test
  void aWatchEventTableCanLeaveTheColumnDefinitionsOut() {
    Table event =
        Tables.single(web(), NAME_AND_AGE, IncludeObject.NONE, NOW).withoutColumnDefinitions();

    assertThat(Json.write(event))
        .isEqualTo(
            "{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/v1\","
                + "\"metadata\":{\"resourceVersion\":\"1032\"},"
                + "\"rows\":[{\"cells\":[\"web\",\"5m\"]}]}");
  }

  @Test
  void listMetadataIsAlwaysWrittenAndNamesTheContinueToken() {
    assertThat(Json.write(Table.of(null, List.of(), List.of())))
        .isEqualTo(
            "{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":{},"
                + "\"columnDefinitions\":[],\"rows\":[]}");
    assertThat(Json.write(new Table.ListMeta("5", "abc")))
        .isEqualTo("{\"resourceVersion\":\"5\",\"continue\":\"abc\"}");
  }

  @Test
  void aCellMayBeNull() {
    assertThat(Json.write(TableRow.of(Arrays.asList("web", null), null)))
        .isEqualTo("{\"cells\":[\"web\",null]}");
  }

  static Stream<Arguments> includeObjectParameters() {
    return Stream.of(
        arguments(null, Optional.of(IncludeObject.METADATA)),
        arguments("", Optional.of(IncludeObject.METADATA)),
        arguments("None", Optional.of(IncludeObject.NONE)),
        arguments("Metadata", Optional.of(IncludeObject.METADATA)),
        arguments("Object", Optional.of(IncludeObject.OBJECT)),
        arguments("object", Optional.empty()),
        arguments("unrecognized", Optional.empty()));
  }

  @ParameterizedTest(name = "includeObject={0} reads as {1}")
  @MethodSource("includeObjectParameters")
  void theIncludeObjectParameterTakesKubernetesValuesOnly(
      String parameter, Optional<IncludeObject> expected) {
    assertThat(IncludeObject.parse(parameter)).isEqualTo(expected);
  }
}
