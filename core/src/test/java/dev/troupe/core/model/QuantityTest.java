package dev.troupe.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuantityTest {

  static Stream<Arguments> quantities() {
    return Stream.of(
        arguments("500m is half a core", "500m", "0.5"),
        arguments("128Mi is 128 binary megabytes", "128Mi", "134217728"),
        arguments("1Gi is 2^30 bytes", "1Gi", "1073741824"),
        arguments("1Ki is 1024", "1Ki", "1024"),
        arguments("1.5Ki is 1536", "1.5Ki", "1536"),
        arguments("1Ei is 2^60", "1Ei", "1152921504606846976"),
        arguments("1e3 is a thousand", "1e3", "1000"),
        arguments("1E3 is a thousand too", "1E3", "1000"),
        arguments("1e-3 is a thousandth", "1e-3", "0.001"),
        arguments("0.1 stays exactly one tenth", "0.1", "0.1"),
        arguments("a leading dot is a fraction", ".5", "0.5"),
        arguments("a plus sign is allowed", "+2", "2"),
        arguments("1k is a thousand", "1k", "1000"),
        arguments("2.5G is two and a half billion", "2.5G", "2500000000"),
        arguments("1E alone is an exa", "1E", "1000000000000000000"),
        arguments("100n is a hundred nano", "100n", "0.0000001"),
        arguments("2u is two micro", "2u", "0.000002"),
        arguments("a plain integer is itself", "3", "3"),
        arguments("a negative number parses (validation refuses it)", "-1", "-1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("quantities")
  void parsesExactly(String sentence, String text, String expected) {
    assertThat(Quantity.parse(text))
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(new BigDecimal(expected)));
  }

  static Stream<Arguments> notQuantities() {
    return Stream.of(
        arguments("an empty text is not a quantity", ""),
        arguments("a blank text is not a quantity", "   "),
        arguments("a word is not a quantity", "abc"),
        arguments("a suffix alone is not a quantity", "Mi"),
        arguments("two dots are not a number", "1.2.3"),
        arguments("MiB is not a Kubernetes suffix", "12MiB"),
        arguments("two signs are not a number", "--1"),
        arguments("a space inside is not allowed", "1 Gi"),
        arguments("an exponent needs digits", "1e"),
        arguments("a lowercase kibi is not a suffix", "1ki"),
        arguments("an exponent too large for an int is not a quantity", "1e99999999999"),
        arguments("an exponent at the edge of the scale is not a quantity", "1.5e-2147483648"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notQuantities")
  void refuses(String sentence, String text) {
    assertThat(Quantity.parse(text)).isEmpty();
  }

  @Test
  void aMissingTextIsNotAQuantity() {
    assertThat(Quantity.parse(null)).isEmpty();
  }

  static Stream<Arguments> millicores() {
    return Stream.of(
        arguments("one tenth of a core is 100 millicores", "0.1", 100L),
        arguments("500m is 500 millicores", "500m", 500L),
        arguments("two cores are 2000 millicores", "2", 2000L),
        arguments("a tiny fraction rounds up to one millicore", "0.0001", 1L),
        arguments("100n rounds up to one millicore", "100n", 1L),
        arguments("zero is zero", "0", 0L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("millicores")
  void toMillicores(String sentence, String text, long expected) {
    assertThat(Quantity.toMillicores(Quantity.parse(text).orElseThrow())).isEqualTo(expected);
  }

  static Stream<Arguments> bytes() {
    return Stream.of(
        arguments("128Mi is 134217728 bytes", "128Mi", 134_217_728L),
        arguments("1Gi is 1073741824 bytes", "1Gi", 1_073_741_824L),
        arguments("1k is 1000 bytes", "1k", 1000L),
        arguments("1e3 is 1000 bytes", "1e3", 1000L),
        arguments("half a byte rounds up to one", "0.5", 1L),
        arguments("1500m rounds up to two bytes", "1500m", 2L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bytes")
  void toBytes(String sentence, String text, long expected) {
    assertThat(Quantity.toBytes(Quantity.parse(text).orElseThrow())).isEqualTo(expected);
  }
}
