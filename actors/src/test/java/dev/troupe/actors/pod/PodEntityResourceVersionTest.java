package dev.troupe.actors.pod;

import static dev.troupe.actors.PodFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.actors.ResourceVersions;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodEntityResourceVersionTest {

  /** T0 in microseconds since the epoch. */
  private static final long T0_MICROS = T0.getEpochSecond() * 1_000_000L;

  static Stream<Arguments> versions() {
    return Stream.of(
        arguments("the first write follows the clock", 0L, T0, T0_MICROS),
        arguments(
            "nanoseconds are cut to microseconds", 0L, T0.plusNanos(1_234_999), T0_MICROS + 1_234),
        arguments("a later clock wins over the previous version", T0_MICROS - 5, T0, T0_MICROS),
        arguments("the same microsecond still grows by one", T0_MICROS, T0, T0_MICROS + 1),
        arguments(
            "a clock that went back grows by one",
            T0_MICROS + 10_000_000,
            T0,
            T0_MICROS + 10_000_001),
        arguments("the epoch itself is version one", 0L, Instant.EPOCH, 1L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("versions")
  void theNextResourceVersionIsTheLaterOfTheClockAndTheNextNumber(
      String description, long previous, Instant at, long expected) {
    assertThat(ResourceVersions.next(previous, at)).isEqualTo(expected);
  }
}
