package dev.troupe.core.kinds;

import static dev.troupe.core.kinds.KindFixtures.create;
import static dev.troupe.core.kinds.KindFixtures.messages;
import static dev.troupe.core.kinds.KindFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EndpointsKindTest {

  private static final EndpointsKind KIND = EndpointsKind.INSTANCE;

  private static String endpoints(String subsets) {
    return "{\"metadata\":{\"name\":\"web\"},\"subsets\":" + subsets + "}";
  }

  @Test
  void portsAreTcpUnlessTold() {
    ObjectAdmission.Admitted admitted =
        create(
            KIND,
            endpoints(
                """
                [{"addresses":[{"ip":"10.244.1.5"}],
                  "ports":[{"name":"http","port":80},{"name":"dns","port":53,"protocol":"UDP"}]}]
                """));

    assertThat(admitted.errors()).isEmpty();
    assertThat(admitted.object().at("/subsets/0/ports"))
        .isEqualTo(
            tree(
                """
                [{"name":"http","port":80,"protocol":"TCP"},
                 {"name":"dns","port":53,"protocol":"UDP"}]
                """));
  }

  @Test
  void endpointsWithoutSubsetsAreValid() {
    assertThat(create(KIND, "{\"metadata\":{\"name\":\"web\"}}").errors()).isEmpty();
  }

  @Test
  void ipv6AddressesAndNotReadyAddressesAreAccepted() {
    String sent =
        endpoints(
            """
            [{"notReadyAddresses":[{"ip":"fd00::5"}],"ports":[{"port":8080}]}]
            """);

    assertThat(create(KIND, sent).errors()).isEmpty();
  }

  static Stream<Arguments> invalidEndpoints() {
    return Stream.of(
        arguments(
            "every address has an IP",
            endpoints("[{\"addresses\":[{\"hostname\":\"web-0\"}],\"ports\":[{\"port\":80}]}]"),
            List.of("subsets[0].addresses[0].ip: Required value")),
        arguments(
            "an IP is an IP",
            endpoints("[{\"addresses\":[{\"ip\":\"10.0.0.300\"}],\"ports\":[{\"port\":80}]}]"),
            List.of(
                "subsets[0].addresses[0].ip: Invalid value: \"10.0.0.300\": must be a valid IP"
                    + " address, (e.g. 10.9.8.7 or 2001:db8::ffff)")),
        arguments(
            "a subset has addresses",
            endpoints("[{\"ports\":[{\"port\":80}]}]"),
            List.of("subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`")),
        arguments(
            "a port is between 1 and 65535",
            endpoints("[{\"addresses\":[{\"ip\":\"10.0.0.1\"}],\"ports\":[{\"port\":0}]}]"),
            List.of(
                "subsets[0].ports[0].port: Invalid value: 0: must be between 1 and 65535,"
                    + " inclusive")),
        arguments(
            "ports are named when there are several",
            endpoints(
                "[{\"addresses\":[{\"ip\":\"10.0.0.1\"}],\"ports\":[{\"port\":80},{\"port\":443}]}]"),
            List.of(
                "subsets[0].ports[0].name: Required value",
                "subsets[0].ports[1].name: Required value")),
        arguments(
            "a protocol is TCP, UDP or SCTP",
            endpoints(
                "[{\"addresses\":[{\"ip\":\"10.0.0.1\"}],"
                    + "\"ports\":[{\"port\":80,\"protocol\":\"QUIC\"}]}]"),
            List.of(
                "subsets[0].ports[0].protocol: Unsupported value: \"QUIC\": supported values:"
                    + " \"SCTP\", \"TCP\", \"UDP\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidEndpoints")
  void eachMistakeIsReportedAtItsField(String description, String sent, List<String> expected) {
    assertThat(messages(create(KIND, sent).errors())).containsExactlyElementsOf(expected);
  }
}
