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

class ReplicaSetPrinterTest {

  private final ReplicaSetPrinter printer = new ReplicaSetPrinter();

  static Stream<Arguments> replicaSets() {
    return Stream.of(
        arguments(
            "a replica set shows desired, current and ready replicas",
            """
            "spec":{"replicas":3,
                    "selector":{"matchLabels":{"app":"web","pod-template-hash":"7d4b9"}},
                    "template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}},
            "status":{"replicas":3,"readyReplicas":1}
            """,
            List.of(
                "web-7d4b9",
                3L,
                3L,
                1L,
                "5m",
                "web",
                "nginx:1.27",
                "app=web,pod-template-hash=7d4b9")),
        arguments(
            "a replica set without a status has none of its replicas yet",
            """
            "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}}}
            """,
            List.of("web-7d4b9", 2L, 0L, 0L, "5m", "", "", "app=web")),
        arguments(
            "an empty selector selects everything, which prints as none",
            """
            "spec":{"replicas":0,"selector":{}}
            """,
            List.of("web-7d4b9", 0L, 0L, 0L, "5m", "", "", "<none>")),
        arguments(
            "an invalid selector prints as an error",
            """
            "spec":{"replicas":0,"selector":{"matchLabels":{"app":"not valid"}}}
            """,
            List.of("web-7d4b9", 0L, 0L, 0L, "5m", "", "", "<error>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("replicaSets")
  void cellsAreTheOnesKubectlShows(String description, String fields, List<Object> expected) {
    assertThat(printer.cells(object("web-7d4b9", fields), NOW)).isEqualTo(expected);
  }

  @Test
  void desiredCurrentAndReadyAreIntegerColumns() {
    assertThat(printer.columnDefinitions().stream().map(c -> c.name() + "/" + c.type()))
        .startsWith("Name/string", "Desired/integer", "Current/integer", "Ready/integer");
  }
}
