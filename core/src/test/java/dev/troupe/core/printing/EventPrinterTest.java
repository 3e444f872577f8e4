package dev.troupe.core.printing;

import static dev.troupe.core.printing.PrintingObjects.NOW;
import static dev.troupe.core.printing.PrintingObjects.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventPrinterTest {

  private final EventPrinter printer = new EventPrinter();

  static Stream<Arguments> events() {
    return Stream.of(
        arguments(
            "an event reported through core/v1 shows its last and first sightings and its count",
            """
            "involvedObject":{"kind":"Pod","namespace":"default","name":"web-7d4b9","fieldPath":"spec.containers{web}"},
            "type":"Warning","reason":"BackOff","message":"Back-off restarting failed container\\n",
            "source":{"component":"kubelet","host":"node-1"},
            "firstTimestamp":"2024-05-01T11:00:00Z","lastTimestamp":"2024-05-01T11:59:30Z","count":7
            """,
            List.of(
                "30s",
                "Warning",
                "BackOff",
                "pod/web-7d4b9",
                "spec.containers{web}",
                "kubelet, node-1",
                "Back-off restarting failed container",
                "60m",
                7L,
                "web.17c3")),
        arguments(
            "an event reported through events.k8s.io is seen at its event time, once",
            """
            "involvedObject":{"kind":"Pod","namespace":"default","name":"web-7d4b9"},
            "type":"Normal","reason":"Scheduled","message":"Successfully assigned default/web-7d4b9 to node-1",
            "eventTime":"2024-05-01T11:57:59.500000Z",
            "reportingComponent":"default-scheduler","reportingInstance":"default-scheduler-cp-1"
            """,
            List.of(
                "2m",
                "Normal",
                "Scheduled",
                "pod/web-7d4b9",
                "",
                "default-scheduler, default-scheduler-cp-1",
                "Successfully assigned default/web-7d4b9 to node-1",
                "2m",
                1L,
                "web.17c3")),
        arguments(
            "an event in a series is last seen at the series' last observation",
            """
            "involvedObject":{"kind":"Deployment","namespace":"default","name":"web"},
            "type":"Normal","reason":"ScalingReplicaSet","message":"Scaled up",
            "eventTime":"2024-05-01T11:00:00.000000Z",
            "series":{"count":4,"lastObservedTime":"2024-05-01T11:59:50.000000Z"},
            "reportingComponent":"deployment-controller"
            """,
            List.of(
                "10s",
                "Normal",
                "ScalingReplicaSet",
                "deployment/web",
                "",
                "deployment-controller",
                "Scaled up",
                "60m",
                4L,
                "web.17c3")),
        arguments(
            "an event without timestamps is of unknown age, and about an unnamed object its kind",
            """
            "involvedObject":{"kind":"Node"},"reason":"Starting"
            """,
            List.of("<unknown>", "", "Starting", "node", "", "", "", "<unknown>", 1L, "web.17c3")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void cellsAreTheOnesKubectlShows(String description, String fields, List<Object> expected) {
    assertThat(printer.cells(object("web.17c3", fields), NOW)).isEqualTo(expected);
  }

  @Test
  void theNameIsAWideColumnThatKubectlStillPrefixesWithTheKind() {
    assertThat(printer.columnDefinitions().stream().map(c -> c.name() + "/" + c.priority()))
        .containsExactly(
            "Last Seen/0",
            "Type/0",
            "Reason/0",
            "Object/0",
            "Subobject/1",
            "Source/1",
            "Message/0",
            "First Seen/1",
            "Count/1",
            "Name/1");
    assertThat(printer.columnDefinitions().get(9).format()).isEqualTo("name");
  }
}
