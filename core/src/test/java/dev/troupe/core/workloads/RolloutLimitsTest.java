package dev.troupe.core.workloads;

import static dev.troupe.core.workloads.DeploymentFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * maxSurge and maxUnavailable resolved as Kubernetes' {@code ResolveFenceposts}: a percentage of
 * the replicas, surge rounded up and unavailable rounded down, and never both 0.
 */
class RolloutLimitsTest {

  /** A RollingUpdate strategy; {@code null} leaves a value out, a text is sent as a string. */
  private static JsonNode rollingUpdate(String maxSurge, String maxUnavailable) {
    StringBuilder fields = new StringBuilder();
    if (maxSurge != null) {
      fields.append("\"maxSurge\":").append(maxSurge);
    }
    if (maxUnavailable != null) {
      if (fields.length() > 0) {
        fields.append(',');
      }
      fields.append("\"maxUnavailable\":").append(maxUnavailable);
    }
    return json("{\"type\":\"RollingUpdate\",\"rollingUpdate\":{" + fields + "}}");
  }

  static Stream<Arguments> fenceposts() {
    return Stream.of(
        arguments(
            "the defaults of 3 replicas: 25% surge rounds up to 1, 25% down to 0",
            "\"25%\"", "\"25%\"", 3, 1, 0),
        arguments("the defaults of 4 replicas: one of each", "\"25%\"", "\"25%\"", 4, 1, 1),
        arguments(
            "the defaults of 10 replicas: 2.5 surges 3 and lets 2 go",
            "\"25%\"",
            "\"25%\"",
            10,
            3,
            2),
        arguments(
            "the defaults of 1 replica: surge 1, unavailable 0", "\"25%\"", "\"25%\"", 1, 1, 0),
        arguments("absent values count as 25% each", null, null, 10, 3, 2),
        arguments("only maxSurge absent: it counts as 25%", null, "2", 10, 3, 2),
        arguments("only maxUnavailable absent: it counts as 25%", "0", null, 10, 0, 2),
        arguments("ints are taken as they are", "3", "2", 10, 3, 2),
        arguments("ints may exceed the replicas", "5", "4", 3, 5, 4),
        arguments(
            "33% of 10: surge 3.3 rounds up to 4, unavailable down to 3",
            "\"33%\"", "\"33%\"", 10, 4, 3),
        arguments(
            "1% of 10: surge 0.1 rounds up to 1, unavailable down to 0",
            "\"1%\"", "\"1%\"", 10, 1, 0),
        arguments("100% of 5 is 5 either way", "\"100%\"", "\"100%\"", 5, 5, 5),
        arguments("50% of 7: surge 4, unavailable 3", "\"50%\"", "\"50%\"", 7, 4, 3),
        arguments(
            "a percentage of 0 replicas is 0, so unavailable becomes 1",
            "\"25%\"",
            "\"25%\"",
            0,
            0,
            1),
        arguments(
            "maxSurge 0 with an unavailable percentage rounding to 0: unavailable becomes 1",
            "0",
            "\"10%\"",
            3,
            0,
            1),
        arguments(
            "maxSurge 0% with maxUnavailable 0%: unavailable becomes 1",
            "\"0%\"", "\"0%\"", 8, 0, 1),
        arguments("maxSurge 0 and a real maxUnavailable: kept", "0", "1", 3, 0, 1),
        arguments("a real maxSurge and maxUnavailable 0: kept", "1", "0", 3, 1, 0),
        arguments("an int sent as text is read as the int", "\"2\"", "\"1\"", 10, 2, 1),
        arguments("an int and a percentage mix", "2", "\"30%\"", 10, 2, 3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fenceposts")
  void maxSurgeRoundsUpAndMaxUnavailableRoundsDown(
      String description,
      String maxSurge,
      String maxUnavailable,
      int replicas,
      int expectedSurge,
      int expectedUnavailable) {
    RolloutLimits limits = RolloutLimits.of(rollingUpdate(maxSurge, maxUnavailable), replicas);

    assertThat(limits).isEqualTo(new RolloutLimits(expectedSurge, expectedUnavailable));
  }

  @Test
  void aStrategyWithoutRollingUpdateUsesTheDefaultsOf25Percent() {
    RolloutLimits limits = RolloutLimits.of(json("{\"type\":\"RollingUpdate\"}"), 8);

    assertThat(limits).isEqualTo(new RolloutLimits(2, 2));
  }

  @Test
  void anAbsentStrategyUsesTheDefaultsOf25Percent() {
    RolloutLimits limits = RolloutLimits.of(json("{}").path("strategy"), 8);

    assertThat(limits).isEqualTo(new RolloutLimits(2, 2));
  }

  @ParameterizedTest(name = "{0} replicas")
  @ValueSource(ints = {0, 1, 3, 10})
  void aRecreateNeverSurgesAndLetsEveryPodGo(int replicas) {
    // Its rollingUpdate, if sent anyway, plays no part.
    JsonNode strategy =
        json("{\"type\":\"Recreate\",\"rollingUpdate\":{\"maxSurge\":5,\"maxUnavailable\":0}}");

    RolloutLimits limits = RolloutLimits.of(strategy, replicas);

    assertThat(limits).isEqualTo(new RolloutLimits(0, replicas));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"\"abc%\"", "\"ten\"", "\"%\""})
  void aValueThatIsNeitherIntNorPercentageResolvesToNothing(String value) {
    // Validation rejects these; should one slip through, it counts as 0, and the rule that
    // both may not be 0 still lets a rollout move.
    RolloutLimits limits = RolloutLimits.of(rollingUpdate(value, value), 4);

    assertThat(limits).isEqualTo(new RolloutLimits(0, 1));
  }
}
