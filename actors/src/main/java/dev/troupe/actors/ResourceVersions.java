package dev.troupe.actors;

import java.time.Instant;

/** How entities number their writes. */
public final class ResourceVersions {

  private ResourceVersions() {}

  /**
   * The version after {@code previous} for a write at {@code at}. Versions grow with every write
   * and roughly follow wall-clock microseconds, so that versions of different objects are
   * comparable; a clock that steps back never makes one repeat.
   */
  public static long next(long previous, Instant at) {
    long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000L;
    return Math.max(previous + 1, micros);
  }
}
