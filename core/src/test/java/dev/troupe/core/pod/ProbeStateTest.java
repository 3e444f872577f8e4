package dev.troupe.core.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.core.model.Probe;
import dev.troupe.core.pod.ProbeState.Kind;
import dev.troupe.core.pod.ProbeState.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The kubelet's probe arithmetic: initial results, thresholds, periods and delays. */
class ProbeStateTest {

  private static final Instant STARTED = Instant.parse("2026-11-29T20:00:00Z");

  private static Probe probe(
      Integer initialDelay, Integer period, Integer successThreshold, Integer failureThreshold) {
    return new Probe(
        null, null, null, null, initialDelay, 1, period, successThreshold, failureThreshold, null);
  }

  private static final Probe DEFAULTS = probe(null, null, null, null);

  /** The results that count after each run of {@code outcomes} ('+' success, '-' failure). */
  private static List<Boolean> passingAfter(Kind kind, Probe probe, String outcomes) {
    ProbeState state = ProbeState.initial(kind, probe, STARTED);
    List<Boolean> passing = new ArrayList<>();
    Instant now = STARTED;
    for (char outcome : outcomes.toCharArray()) {
      state =
          state.after(
              outcome == '+' ? Result.passed() : Result.failed("HTTP probe failed"), probe, now);
      passing.add(state.passing());
      now = state.nextAt();
    }
    return passing;
  }

  @Test
  void livenessPassesUntilProvenOtherwiseAndReadinessAndStartupDoNot() {
    assertThat(ProbeState.initial(Kind.LIVENESS, DEFAULTS, STARTED).passing()).isTrue();
    assertThat(ProbeState.initial(Kind.READINESS, DEFAULTS, STARTED).passing()).isFalse();
    assertThat(ProbeState.initial(Kind.STARTUP, DEFAULTS, STARTED).passing()).isFalse();
  }

  @Test
  void withTheDefaultsLivenessFailsOnlyAtTheThirdFailureInARow() {
    assertThat(passingAfter(Kind.LIVENESS, DEFAULTS, "--+--+---"))
        .containsExactly(true, true, true, true, true, true, true, true, false);
  }

  @Test
  void withTheDefaultsReadinessPassesAtTheFirstSuccessAndFailsAtTheThirdFailure() {
    assertThat(passingAfter(Kind.READINESS, DEFAULTS, "-+--+---+"))
        .containsExactly(false, true, true, true, true, true, true, false, true);
  }

  @ParameterizedTest(name = "successThreshold {0}, failureThreshold {1}: {2} → {3}")
  @CsvSource({
    "2, 1, +-++, false false false true",
    "3, 2, +++--, false false true true false",
    "1, 1, +-+, true false true",
    "2, 3, ++-+-+---, false true true true true true true true false"
  })
  void aResultFlipsOnlyAfterItsThresholdInARow(
      int successThreshold, int failureThreshold, String outcomes, String expected) {
    Probe probe = probe(null, null, successThreshold, failureThreshold);

    List<Boolean> passing = passingAfter(Kind.READINESS, probe, outcomes);

    assertThat(passing)
        .containsExactlyElementsOf(
            java.util.Arrays.stream(expected.split(" ")).map(Boolean::valueOf).toList());
  }

  @Test
  void theFirstProbeWaitsTheInitialDelayAndTheNextOnesThePeriod() {
    Probe probe = probe(15, 4, null, null);
    ProbeState state = ProbeState.initial(Kind.READINESS, probe, STARTED);

    assertThat(state.isDue(STARTED.plusSeconds(14))).isFalse();
    assertThat(state.isDue(STARTED.plusSeconds(15))).isTrue();
    ProbeState probed = state.after(Result.passed(), probe, STARTED.plusSeconds(15));
    assertThat(probed.nextAt()).isEqualTo(STARTED.plusSeconds(19));
  }

  @Test
  void theDefaultsAreProbeEveryTenSecondsWithATimeoutOfOne() {
    assertThat(ProbeState.period(DEFAULTS)).isEqualTo(Duration.ofSeconds(10));
    assertThat(ProbeState.timeout(DEFAULTS)).isEqualTo(Duration.ofSeconds(1));
    assertThat(ProbeState.initial(Kind.LIVENESS, DEFAULTS, STARTED).nextAt()).isEqualTo(STARTED);
  }

  @Test
  void aFailureKeepsItsMessageAndASuccessClearsIt() {
    ProbeState failed =
        ProbeState.initial(Kind.LIVENESS, DEFAULTS, STARTED)
            .after(Result.failed("dial tcp: connection refused"), DEFAULTS, STARTED);

    assertThat(failed.lastMessage()).isEqualTo("dial tcp: connection refused");
    assertThat(failed.after(Result.passed(), DEFAULTS, STARTED).lastMessage()).isNull();
  }

  @Test
  void justFailedIsTrueOnlyOnTheRunThatFlipsTheResult() {
    Probe once = probe(null, null, null, 1);
    ProbeState before = ProbeState.initial(Kind.LIVENESS, once, STARTED);
    ProbeState after = before.after(Result.failed("x"), once, STARTED);

    assertThat(after.justFailed(before)).isTrue();
    assertThat(after.after(Result.failed("x"), once, STARTED).justFailed(after)).isFalse();
  }
}
