package dev.troupe.persistence.cassandra;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One launch of the child JVM. */
final class Child {

  // Logs as EmbeddedCassandra, as all its parts do: one logger names the embedded server.
  private static final Logger log = LoggerFactory.getLogger(EmbeddedCassandra.class);

  final Process process;
  final long logOffset;
  final Instant launchedAt;
  volatile Instant readyAt;

  Child(Process process, long logOffset, Instant launchedAt) {
    this.process = process;
    this.logOffset = logOffset;
    this.launchedAt = launchedAt;
  }

  long pid() {
    return process.pid();
  }

  /** SIGTERM (Cassandra's shutdown hook drains), then SIGKILL after {@code grace}. */
  void terminate(Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "Embedded Cassandra (pid {}) did not stop within {} of SIGTERM; killing it",
            process.pid(),
            grace);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
