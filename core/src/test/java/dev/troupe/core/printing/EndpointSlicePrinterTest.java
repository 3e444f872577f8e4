package dev.troupe.core.printing;

import static dev.troupe.core.printing.PrintingObjects.NOW;
import static dev.troupe.core.printing.PrintingObjects.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EndpointSlicePrinterTest {

  private final EndpointSlicePrinter printer = new EndpointSlicePrinter();

  static Stream<Arguments> slices() {
    return Stream.of(
        arguments(
            "a slice without ports or endpoints shows them unset",
            "\"addressType\":\"IPv4\"",
            "<unset>",
            "<unset>"),
        arguments(
            "ports by number, else by name, else every port",
            """
            "addressType":"IPv4","ports":[{"port":80},{"name":"admin"},{}],
            "endpoints":[{"addresses":["10.0.0.1"]}]
            """,
            "80,admin,*",
            "10.0.0.1"),
        arguments(
            "beyond three ports and addresses the rest are counted",
            """
            "addressType":"IPv4","ports":[{"port":1},{"port":2},{"port":3},{"port":4}],
            "endpoints":[{"addresses":["10.0.0.1","10.0.0.2"]},
                         {"addresses":["10.0.0.3"]},{"addresses":["10.0.0.4"]}]
            """,
            "1,2,3 + 1 more...",
            "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more..."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("slices")
  void portsAndEndpointsAreFormattedAsKubectlShowsThem(
      String description, String fields, String ports, String endpoints) {
    assertThat(printer.cells(object("web-abcde", fields), NOW))
        .containsExactly("web-abcde", "IPv4", ports, endpoints, "5m");
  }
}
