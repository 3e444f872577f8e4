package dev.troupe.core.printing;

import static dev.troupe.core.printing.PrintingObjects.NOW;
import static dev.troupe.core.printing.PrintingObjects.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EndpointsPrinterTest {

  private final EndpointsPrinter printer = new EndpointsPrinter();

  static Stream<Arguments> endpoints() {
    return Stream.of(
        arguments("endpoints without subsets show none", "", "<none>"),
        arguments("an empty list of subsets shows none too", "\"subsets\":[]", "<none>"),
        arguments(
            "each address is shown with the subset's port",
            """
            "subsets":[{"addresses":[{"ip":"10.244.1.5"},{"ip":"10.244.2.7"}],"ports":[{"port":8080}]}]
            """,
            "10.244.1.5:8080,10.244.2.7:8080"),
        arguments(
            "each port is shown with every address",
            """
            "subsets":[{"addresses":[{"ip":"10.244.1.5"}],"ports":[{"name":"a","port":80},{"name":"b","port":443}]}]
            """,
            "10.244.1.5:80,10.244.1.5:443"),
        arguments(
            "beyond three endpoints the rest are counted",
            """
            "subsets":[{"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"},{"ip":"10.0.0.3"}],
                        "ports":[{"port":80}]},
                       {"addresses":[{"ip":"10.0.1.1"},{"ip":"10.0.1.2"}],"ports":[{"port":80}]}]
            """,
            "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more..."),
        arguments(
            "a headless service's subset without ports lists bare addresses",
            """
            "subsets":[{"addresses":[{"ip":"10.244.1.5"}]}]
            """,
            "10.244.1.5"),
        arguments(
            "an IPv6 address is bracketed before its port",
            """
            "subsets":[{"addresses":[{"ip":"fd00::5"}],"ports":[{"port":80}]}]
            """,
            "[fd00::5]:80"),
        arguments(
            "addresses that are not ready are not endpoints",
            """
            "subsets":[{"notReadyAddresses":[{"ip":"10.244.1.5"}],"ports":[{"port":80}]}]
            """,
            ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void theEndpointsCellIsFormattedAsKubectlShowsIt(
      String description, String fields, String expected) {
    assertThat(printer.cells(object("web", fields), NOW)).containsExactly("web", expected, "5m");
  }
}
