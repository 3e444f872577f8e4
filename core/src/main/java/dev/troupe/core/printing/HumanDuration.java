package dev.troupe.core.printing;

import java.time.Duration;
import java.time.Instant;

/**
 * Kubernetes' {@code duration.HumanDuration}: the two or three significant figures kubectl shows in
 * AGE columns ("4s", "5m2s", "3h", "2d", "7d23h", "2y45d").
 */
public final class HumanDuration {

  /** What kubectl shows for a timestamp that is not set. */
  public static final String UNKNOWN = "<unknown>";

  private static final long HOURS_PER_DAY = 24;
  private static final long DAYS_PER_YEAR = 365;

  private HumanDuration() {}

  /**
   * Formats {@code duration} as Kubernetes does. Up to a second in the future reads "0s", to
   * tolerate clocks that disagree a little; further in the future is {@code <invalid>}.
   */
  public static String format(Duration duration) {
    // Go converts with int(d.Seconds()), which truncates toward zero: -1.5s counts as -1s.
    long seconds = duration.isNegative() ? -duration.negated().getSeconds() : duration.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 2 * 60) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      return withRemainder(minutes, "m", seconds % 60, "s");
    }
    if (minutes < 3 * 60) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      return withRemainder(hours, "h", minutes % 60, "m");
    }
    if (hours < 48) {
      return hours + "h";
    }
    long days = hours / HOURS_PER_DAY;
    if (hours < 8 * HOURS_PER_DAY) {
      return withRemainder(days, "d", hours % HOURS_PER_DAY, "h");
    }
    if (days < 2 * DAYS_PER_YEAR) {
      return days + "d";
    }
    long years = days / DAYS_PER_YEAR;
    if (days < 8 * DAYS_PER_YEAR) {
      return withRemainder(years, "y", days % DAYS_PER_YEAR, "d");
    }
    return years + "y";
  }

  /**
   * The age of {@code timestamp} at {@code now}, or {@code <unknown>} when it is not set
   * (upstream's {@code translateTimestampSince}).
   */
  public static String since(Instant timestamp, Instant now) {
    if (timestamp == null) {
      return UNKNOWN;
    }
    return format(Duration.between(timestamp, now));
  }

  private static String withRemainder(long whole, String unit, long remainder, String smallUnit) {
    return remainder == 0 ? whole + unit : whole + unit + remainder + smallUnit;
  }
}
