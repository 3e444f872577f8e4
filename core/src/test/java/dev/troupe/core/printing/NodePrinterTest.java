package dev.troupe.core.printing;

import static dev.troupe.core.printing.PrintingObjects.NOW;
import static dev.troupe.core.printing.PrintingObjects.labelled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodePrinterTest {

  private final NodePrinter printer = new NodePrinter();

  private static final String REPORTED =
      """
      "status":{"conditions":[{"type":"MemoryPressure","status":"False"},
                              {"type":"Ready","status":"%s"}],
                "addresses":[{"type":"Hostname","address":"node-1"},
                             {"type":"InternalIP","address":"172.18.0.2"}],
                "nodeInfo":{"kubeletVersion":"v1.31.0","osImage":"Debian GNU/Linux 12 (bookworm)",
                            "kernelVersion":"6.8.0-45-generic",
                            "containerRuntimeVersion":"containerd://1.7.18"}}
      """;

  private static final List<Object> REPORTED_WIDE =
      List.of(
          "172.18.0.2",
          "<none>",
          "Debian GNU/Linux 12 (bookworm)",
          "6.8.0-45-generic",
          "containerd://1.7.18");

  private static List<Object> row(String status, String roles, String version, List<Object> wide) {
    List<Object> row = new java.util.ArrayList<>(List.of("node-1", status, roles, "5m", version));
    row.addAll(wide);
    return row;
  }

  static Stream<Arguments> nodes() {
    return Stream.of(
        arguments(
            "a ready control-plane node shows its role, version and system",
            "{\"node-role.kubernetes.io/control-plane\":\"\",\"kubernetes.io/hostname\":\"node-1\"}",
            REPORTED.formatted("True"),
            row("Ready", "control-plane", "v1.31.0", REPORTED_WIDE)),
        arguments(
            "a cordoned node that stopped reporting ready is NotReady and SchedulingDisabled",
            "{}",
            "\"spec\":{\"unschedulable\":true}," + REPORTED.formatted("Unknown"),
            row("NotReady,SchedulingDisabled", "<none>", "v1.31.0", REPORTED_WIDE)),
        arguments(
            "a node that never reported is Unknown and its system info unknown",
            "{\"node-role.kubernetes.io/worker\":\"\",\"kubernetes.io/role\":\"edge\","
                + "\"node-role.kubernetes.io/\":\"\"}",
            "",
            row(
                "Unknown",
                "edge,worker",
                "",
                List.of("<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodes")
  void cellsAreTheOnesKubectlShows(
      String description, String labels, String fields, List<Object> expected) {
    assertThat(printer.cells(labelled("node-1", labels, fields), NOW)).isEqualTo(expected);
  }
}
