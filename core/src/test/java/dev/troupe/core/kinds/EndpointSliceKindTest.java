package dev.troupe.core.kinds;

import static dev.troupe.core.kinds.KindFixtures.create;
import static dev.troupe.core.kinds.KindFixtures.messages;
import static dev.troupe.core.kinds.KindFixtures.stored;
import static dev.troupe.core.kinds.KindFixtures.tree;
import static dev.troupe.core.kinds.KindFixtures.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EndpointSliceKindTest {

  private static final EndpointSliceKind KIND = EndpointSliceKind.INSTANCE;

  private static String slice(String addressType, String endpoints, String ports) {
    return """
        {"metadata":{"name":"web-abcde"},"addressType":"%s","endpoints":%s,"ports":%s}
        """
        .formatted(addressType, endpoints, ports);
  }

  @Test
  void portsAreTcpAndNamedEmptyUnlessTold() {
    ObjectAdmission.Admitted admitted =
        create(
            KIND,
            slice(
                "IPv4",
                "[{\"addresses\":[\"10.244.1.5\"]}]",
                "[{\"port\":80},{\"name\":\"dns\",\"port\":53,\"protocol\":\"UDP\"}]"));

    assertThat(admitted.errors()).isEmpty();
    assertThat(admitted.object().field("ports"))
        .isEqualTo(
            tree(
                """
                [{"port":80,"name":"","protocol":"TCP"},
                 {"name":"dns","port":53,"protocol":"UDP"}]
                """));
  }

  @Test
  void loopbackAddressesAreAcceptedForTheyAreWherePodsPublishTheirPorts() {
    assertThat(create(KIND, slice("IPv4", "[{\"addresses\":[\"127.0.0.1\"]}]", "[]")).errors())
        .isEmpty();
  }

  @Test
  void theAddressTypeCannotChange() {
    var current = stored(KIND, slice("IPv4", "[]", "[]"));

    assertThat(messages(update(KIND, current, slice("IPv6", "[]", "[]")).errors()))
        .containsExactly("addressType: Invalid value: \"IPv6\": field is immutable");
  }

  static Stream<Arguments> invalidSlices() {
    String thousandAndOne =
        IntStream.range(0, 1001)
            .mapToObj(i -> "{\"addresses\":[\"10.0.0.1\"]}")
            .collect(Collectors.joining(",", "[", "]"));
    return Stream.of(
        arguments(
            "an address type is required",
            "{\"metadata\":{\"name\":\"web-abcde\"},\"endpoints\":[]}",
            List.of("addressType: Required value")),
        arguments(
            "an address type is IPv4, IPv6 or FQDN",
            slice("IP", "[]", "[]"),
            List.of(
                "addressType: Unsupported value: \"IP\": supported values: \"FQDN\", \"IPv4\","
                    + " \"IPv6\"")),
        arguments(
            "an endpoint has an address",
            slice("IPv4", "[{\"addresses\":[]}]", "[]"),
            List.of("endpoints[0].addresses: Required value: must contain at least 1 address")),
        arguments(
            "addresses are of the slice's type",
            slice("IPv4", "[{\"addresses\":[\"fd00::5\"]}]", "[]"),
            List.of(
                "endpoints[0].addresses[0]: Invalid value: \"fd00::5\": must be a valid IPv4"
                    + " address")),
        arguments(
            "a slice has at most 1000 endpoints",
            slice("IPv4", thousandAndOne, "[]"),
            List.of("endpoints: Too many: 1001: must have at most 1000 items")),
        arguments(
            "port names are unique",
            slice(
                "IPv4", "[]", "[{\"name\":\"http\",\"port\":80},{\"name\":\"http\",\"port\":81}]"),
            List.of("ports[1].name: Duplicate value: \"http\"")),
        arguments(
            "a port is a port number",
            slice("IPv4", "[]", "[{\"name\":\"http\",\"port\":70000}]"),
            List.of("ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive")),
        arguments(
            "a protocol is TCP, UDP or SCTP",
            slice("IPv4", "[]", "[{\"port\":80,\"protocol\":\"QUIC\"}]"),
            List.of(
                "ports[0].protocol: Unsupported value: \"QUIC\": supported values: \"SCTP\","
                    + " \"TCP\", \"UDP\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSlices")
  void eachMistakeIsReportedAtItsField(String description, String sent, List<String> expected) {
    assertThat(messages(create(KIND, sent).errors())).containsExactlyElementsOf(expected);
  }
}
