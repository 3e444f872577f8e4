package dev.troupe.core.pod;

import dev.troupe.core.model.Probe;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Where one probe of one container run stands, as the kubelet's prober keeps it: the result that
 * counts ({@code passing}), how many results in a row agree, and when the next probe is due. A
 * result flips only after {@code successThreshold} successes or {@code failureThreshold} failures
 * in a row. Pure: the node agent runs the probes and feeds the results in.
 *
 * @param kind liveness, readiness or startup
 * @param passing the result that counts: liveness starts passing, readiness and startup do not
 * @param successes successes in a row
 * @param failures failures in a row
 * @param nextAt when the next probe is due
 * @param lastMessage why the last probe failed, or null after a success
 */
public record ProbeState(
    Kind kind, boolean passing, int successes, int failures, Instant nextAt, String lastMessage) {

  /** The three probes of a container. */
  public enum Kind {
    LIVENESS("Liveness"),
    READINESS("Readiness"),
    STARTUP("Startup");

    private final String title;

    Kind(String title) {
      this.title = title;
    }

    /** As Kubernetes' events name it: {@code Liveness}, {@code Readiness}, {@code Startup}. */
    public String title() {
      return title;
    }
  }

  /** What one probe run found. */
  public record Result(boolean success, String message) {

    public static Result passed() {
      return new Result(true, null);
    }

    public static Result failed(String message) {
      return new Result(false, message);
    }
  }

  /**
   * The state of a probe for a container that started at {@code startedAt}: nothing probed yet, the
   * first probe due after {@code initialDelaySeconds}.
   */
  public static ProbeState initial(Kind kind, Probe probe, Instant startedAt) {
    int delay = Objects.requireNonNullElse(probe.initialDelaySeconds(), 0);
    return new ProbeState(kind, kind == Kind.LIVENESS, 0, 0, startedAt.plusSeconds(delay), null);
  }

  /** Whether the probe should run at {@code now}. */
  public boolean isDue(Instant now) {
    return !now.isBefore(nextAt);
  }

  /** The state after a probe run at {@code now} found {@code result}. */
  public ProbeState after(Result result, Probe probe, Instant now) {
    int successThreshold = Math.max(1, Objects.requireNonNullElse(probe.successThreshold(), 1));
    int failureThreshold = Math.max(1, Objects.requireNonNullElse(probe.failureThreshold(), 3));
    Instant next = now.plus(period(probe));
    if (result.success()) {
      int inARow = successes + 1;
      boolean nowPassing = passing || inARow >= successThreshold;
      return new ProbeState(kind, nowPassing, inARow, 0, next, null);
    }
    int inARow = failures + 1;
    boolean nowPassing = passing && inARow < failureThreshold;
    return new ProbeState(kind, nowPassing, 0, inARow, next, result.message());
  }

  /** How long a probe run may take before it counts as failed. */
  public static Duration timeout(Probe probe) {
    return Duration.ofSeconds(Math.max(1, Objects.requireNonNullElse(probe.timeoutSeconds(), 1)));
  }

  /** How often the probe runs. */
  public static Duration period(Probe probe) {
    return Duration.ofSeconds(Math.max(1, Objects.requireNonNullElse(probe.periodSeconds(), 10)));
  }

  /** Whether the failure just recorded made the result flip to failing. */
  public boolean justFailed(ProbeState before) {
    return before.passing && !passing;
  }
}
