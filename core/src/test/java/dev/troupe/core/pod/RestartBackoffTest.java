package dev.troupe.core.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RestartBackoffTest {

  private static final RestartBackoff K8S = RestartBackoff.KUBERNETES;
  private static final Duration BRIEFLY = Duration.ofSeconds(1);

  static Stream<Arguments> delays() {
    return Stream.of(
        arguments("the first restart is immediate", 0, BRIEFLY, 0L),
        arguments("after one restart the wait is 10 s", 1, BRIEFLY, 10L),
        arguments("after two restarts the wait doubles to 20 s", 2, BRIEFLY, 20L),
        arguments("after three restarts the wait is 40 s", 3, BRIEFLY, 40L),
        arguments("after five restarts the wait is 160 s", 5, BRIEFLY, 160L),
        arguments("after six restarts the wait is capped at 300 s", 6, BRIEFLY, 300L),
        arguments("after twenty restarts the wait stays at 300 s", 20, BRIEFLY, 300L),
        arguments("a huge restart count does not overflow", Integer.MAX_VALUE, BRIEFLY, 300L),
        arguments("a negative restart count is treated as none", -3, BRIEFLY, 0L),
        arguments(
            "a container that ran just under ten minutes keeps its back-off",
            4,
            Duration.ofMinutes(10).minusSeconds(1),
            80L),
        arguments(
            "a container that ran ten minutes starts the curve again",
            4,
            Duration.ofMinutes(10),
            0L),
        arguments(
            "a container that ran an hour starts the curve again", 20, Duration.ofHours(1), 0L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("delays")
  void computeDelay(String sentence, int restarts, Duration ranFor, long expectedSeconds) {
    assertThat(K8S.computeDelay(restarts, ranFor)).isEqualTo(Duration.ofSeconds(expectedSeconds));
  }

  @Test
  void theDelayIsNeverAboveTheCapAndNeverShrinksAsRestartsGrow() {
    Random random = new Random(20261129L);
    for (int trial = 0; trial < 2_000; trial++) {
      RestartBackoff backoff =
          new RestartBackoff(
              Duration.ofMillis(1 + random.nextInt(20_000)),
              Duration.ofMillis(1 + random.nextInt(600_000)),
              Duration.ofMinutes(1 + random.nextInt(30)));
      Duration ranFor = Duration.ofMillis(random.nextInt(60_000));
      int restarts = random.nextInt(200);
      String seen = backoff + " ranFor=" + ranFor + " restarts=" + restarts;

      Duration delay = backoff.computeDelay(restarts, ranFor);
      Duration next = backoff.computeDelay(restarts + 1, ranFor);

      assertThat(delay).as(seen).isLessThanOrEqualTo(backoff.cap());
      assertThat(next).as(seen).isLessThanOrEqualTo(backoff.cap());
      assertThat(next).as(seen).isGreaterThanOrEqualTo(delay);
      assertThat(delay.isNegative()).as(seen).isFalse();
    }
  }

  @Test
  void theKubernetesCurveReachesTheCapAndStays() {
    Duration previous = Duration.ZERO;
    for (int restarts = 0; restarts <= 50; restarts++) {
      Duration delay = K8S.computeDelay(restarts, BRIEFLY);
      assertThat(delay).isBetween(previous, Duration.ofSeconds(300));
      previous = delay;
    }
    assertThat(previous).isEqualTo(Duration.ofSeconds(300));
  }

  private static dev.troupe.core.model.ObjectMeta annotated(String curve) {
    return dev.troupe.core.model.ObjectMeta.named("default", "web")
        .withAnnotations(java.util.Map.of(RestartBackoff.ANNOTATION, curve));
  }

  @org.junit.jupiter.api.Test
  void aPodsAnnotationSetsItsOwnCurveOverTheClustersDefaults() {
    RestartBackoff own = K8S.forPod(annotated("initial=2s, cap=1m30s"));

    assertThat(own)
        .isEqualTo(
            new RestartBackoff(
                Duration.ofSeconds(2), Duration.ofSeconds(90), Duration.ofMinutes(10)));
    assertThat(own.computeDelay(3, BRIEFLY)).isEqualTo(Duration.ofSeconds(8));
    assertThat(K8S.forPod(annotated("reset-after=500ms")).resetAfter())
        .isEqualTo(Duration.ofMillis(500));
    assertThat(K8S.forPod(dev.troupe.core.model.ObjectMeta.named("default", "web"))).isSameAs(K8S);
  }

  @ParameterizedTest(name = "\"{0}\" is refused: {1}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "initial=2 | \"2\" is not a duration such as 500ms, 10s or 1m30s",
        "initial | must be name=duration pairs (initial, cap, reset-after), e.g. initial=2s,cap=1m",
        "first=2s | unknown part \"first\": use initial, cap and reset-after",
        "initial=10s,cap=5s | initial must be more than 0 and cap at least initial",
        "initial=0s | initial must be more than 0 and cap at least initial"
      })
  void aMalformedCurveIsRefusedSayingWhy(String curve, String why) {
    assertThat(RestartBackoff.check(curve)).contains(why);
    assertThat(PodAnnotations.validate(annotated(curve)))
        .singleElement()
        .hasToString(
            "metadata.annotations[troupe.dev/restart-backoff]: Invalid value: \"%s\": %s"
                .formatted(curve, why));
  }
}
