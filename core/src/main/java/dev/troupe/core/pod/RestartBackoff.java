package dev.troupe.core.pod;

import java.time.Duration;

/**
 * The crash back-off curve: the first restart is immediate, then {@code initial}, doubling up to
 * {@code cap}; a container that ran cleanly for {@code resetAfter} starts the curve again.
 * Kubernetes' values are 10 s, 300 s and 10 min.
 */
public record RestartBackoff(Duration initial, Duration cap, Duration resetAfter) {

  public static final RestartBackoff KUBERNETES =
      new RestartBackoff(Duration.ofSeconds(10), Duration.ofSeconds(300), Duration.ofMinutes(10));

  /**
   * How long to wait before restart number {@code restartsSoFar + 1}, when the container's previous
   * run lasted {@code ranFor}. With the defaults: 0, 10 s, 20 s, 40 s … 300 s.
   */
  public Duration computeDelay(int consecutiveRestarts, Duration ranFor) {
    if (consecutiveRestarts <= 0 || ranFor.compareTo(resetAfter) >= 0) {
      return Duration.ZERO;
    }
    Duration delay = initial;
    for (int i = 1; i < consecutiveRestarts && delay.compareTo(cap) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(cap) > 0 ? cap : delay;
  }
}
