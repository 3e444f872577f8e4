package dev.troupe.core.printing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HumanDurationTest {

  private static Duration days(long days) {
    return Duration.ofDays(days);
  }

  static Stream<Arguments> durations() {
    return Stream.of(
        arguments(Duration.ZERO, "0s"),
        arguments(Duration.ofMillis(999), "0s"),
        arguments(Duration.ofSeconds(59), "59s"),
        arguments(Duration.ofSeconds(119), "119s"),
        arguments(Duration.ofMinutes(2), "2m"),
        arguments(Duration.ofSeconds(2 * 60 + 1), "2m1s"),
        arguments(Duration.ofSeconds(5 * 60 + 2), "5m2s"),
        arguments(Duration.ofSeconds(9 * 60 + 59), "9m59s"),
        arguments(Duration.ofMinutes(10), "10m"),
        arguments(Duration.ofSeconds(10 * 60 + 30), "10m"),
        arguments(Duration.ofMinutes(2 * 60 + 59), "179m"),
        arguments(Duration.ofHours(3), "3h"),
        arguments(Duration.ofMinutes(3 * 60 + 1), "3h1m"),
        arguments(Duration.ofMinutes(7 * 60 + 59), "7h59m"),
        arguments(Duration.ofHours(8), "8h"),
        arguments(Duration.ofMinutes(8 * 60 + 30), "8h"),
        arguments(Duration.ofHours(47), "47h"),
        arguments(days(2), "2d"),
        arguments(days(2).plusHours(1), "2d1h"),
        arguments(days(7).plusHours(23), "7d23h"),
        arguments(days(8), "8d"),
        arguments(days(8).plusHours(23), "8d"),
        arguments(days(729), "729d"),
        arguments(days(730), "2y"),
        arguments(days(731), "2y1d"),
        arguments(days(7 * 365 + 364), "7y364d"),
        arguments(days(8 * 365), "8y"),
        arguments(days(8 * 365 + 100), "8y"),
        arguments(Duration.ofMillis(-500), "0s"),
        arguments(Duration.ofSeconds(-1), "0s"),
        arguments(Duration.ofMillis(-1999), "0s"),
        arguments(Duration.ofSeconds(-2), "<invalid>"),
        arguments(Duration.ofHours(-3), "<invalid>"));
  }

  @ParameterizedTest(name = "{0} reads {1}")
  @MethodSource("durations")
  void durationsReadAsKubectlShowsThem(Duration duration, String expected) {
    assertThat(HumanDuration.format(duration)).isEqualTo(expected);
  }

  @Test
  void theAgeOfATimestampIsMeasuredAtNow() {
    Instant created = Instant.parse("2026-11-29T14:15:00Z");

    assertThat(HumanDuration.since(created, created.plusSeconds(4))).isEqualTo("4s");
  }

  @Test
  void aTimestampThatIsNotSetHasAnUnknownAge() {
    assertThat(HumanDuration.since(null, Instant.EPOCH)).isEqualTo("<unknown>");
  }
}
