package dev.troupe.core.printing;

import static dev.troupe.core.printing.PrintingObjects.NOW;
import static dev.troupe.core.printing.PrintingObjects.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentPrinterTest {

  private final DeploymentPrinter printer = new DeploymentPrinter();

  private static final String TWO_CONTAINERS =
      """
      "template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"},
                                       {"name":"log","image":"fluent-bit:3"}]}}
      """;

  static Stream<Arguments> deployments() {
    return Stream.of(
        arguments(
            "a rolled-out deployment shows ready over desired, up to date and available",
            "\"spec\":{\"replicas\":3,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
                + TWO_CONTAINERS
                + "},\"status\":{\"replicas\":3,\"readyReplicas\":2,\"updatedReplicas\":3,"
                + "\"availableReplicas\":2}",
            List.of("web", "2/3", 3L, 2L, "5m", "web,log", "nginx:1.27,fluent-bit:3", "app=web")),
        arguments(
            "a new deployment has nothing ready yet",
            "\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
                + TWO_CONTAINERS
                + "},\"status\":{}",
            List.of("web", "0/1", 0L, 0L, "5m", "web,log", "nginx:1.27,fluent-bit:3", "app=web")),
        arguments(
            "a selector's expressions are printed as kubectl writes them, sorted by key",
            """
            "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"},
              "matchExpressions":[{"key":"tier","operator":"In","values":["front","edge"]},
                                  {"key":"canary","operator":"DoesNotExist"},
                                  {"key":"track","operator":"NotIn","values":["beta"]},
                                  {"key":"zone","operator":"Exists"}]}}
            """,
            List.of(
                "web",
                "0/2",
                0L,
                0L,
                "5m",
                "",
                "",
                "app=web,!canary,tier in (edge,front),track notin (beta),zone")),
        arguments(
            "an invalid selector is shown as invalid",
            """
            "spec":{"replicas":1,"selector":{"matchExpressions":[{"key":"tier","operator":"Near"}]}}
            """,
            List.of("web", "0/1", 0L, 0L, "5m", "", "", "<invalid>")),
        arguments(
            "an empty selector prints as nothing",
            "\"spec\":{\"replicas\":1,\"selector\":{}}",
            List.of("web", "0/1", 0L, 0L, "5m", "", "", "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deployments")
  void cellsAreTheOnesKubectlShows(String description, String fields, List<Object> expected) {
    assertThat(printer.cells(object("web", fields), NOW)).isEqualTo(expected);
  }
}
