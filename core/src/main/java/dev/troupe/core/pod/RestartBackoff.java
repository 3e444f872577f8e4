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

  /**
   * The annotation with which a pod sets its own curve (Kubernetes has none:
   * kubernetes/kubernetes#57291): {@code initial=2s,cap=1m,reset-after=10m}, each part optional,
   * durations as Go writes them ({@code 500ms}, {@code 2s}, {@code 1m30s}).
   */
  public static final String ANNOTATION = "troupe.dev/restart-backoff";

  /** The curve for {@code pod}: its annotation's parts over {@code this}. */
  public RestartBackoff forPod(dev.troupe.core.model.ObjectMeta meta) {
    java.util.Map<String, String> annotations = meta == null ? null : meta.annotations();
    String value = annotations == null ? null : annotations.get(ANNOTATION);
    if (value == null) {
      return this;
    }
    try {
      return parse(value);
    } catch (IllegalArgumentException e) {
      return this;
    }
  }

  /** Why the annotation's value is not a curve, or empty when it is one. */
  public static java.util.Optional<String> check(String value) {
    try {
      KUBERNETES.parse(value);
      return java.util.Optional.empty();
    } catch (IllegalArgumentException e) {
      return java.util.Optional.of(e.getMessage());
    }
  }

  private RestartBackoff parse(String value) {
    Duration newInitial = initial;
    Duration newCap = cap;
    Duration newResetAfter = resetAfter;
    for (String part : value.split(",")) {
      String[] pair = part.trim().split("=", 2);
      if (pair.length != 2) {
        throw new IllegalArgumentException(
            "must be name=duration pairs (initial, cap, reset-after), e.g. initial=2s,cap=1m");
      }
      Duration duration = goDuration(pair[1].trim());
      switch (pair[0].trim()) {
        case "initial" -> newInitial = duration;
        case "cap" -> newCap = duration;
        case "reset-after" -> newResetAfter = duration;
        default ->
            throw new IllegalArgumentException(
                "unknown part \"" + pair[0].trim() + "\": use initial, cap and reset-after");
      }
    }
    if (newInitial.isZero() || newCap.compareTo(newInitial) < 0) {
      throw new IllegalArgumentException("initial must be more than 0 and cap at least initial");
    }
    return new RestartBackoff(newInitial, newCap, newResetAfter);
  }

  private static final java.util.regex.Pattern GO_PART =
      java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  /** A Go duration such as {@code 1m30s} or {@code 500ms}. */
  static Duration goDuration(String text) {
    java.util.regex.Matcher m = GO_PART.matcher(text);
    int at = 0;
    double millis = 0;
    while (m.find() && m.start() == at) {
      double amount = Double.parseDouble(m.group(1));
      millis +=
          switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
          };
      at = m.end();
    }
    if (text.isEmpty() || at != text.length()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a duration such as 500ms, 10s or 1m30s");
    }
    return Duration.ofMillis(Math.round(millis));
  }
}
