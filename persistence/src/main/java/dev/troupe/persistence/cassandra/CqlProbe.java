package dev.troupe.persistence.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.OptionsMap;
import com.datastax.oss.driver.api.core.config.TypedDriverOption;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits for a launched child to answer CQL, which is when it counts as ready. */
final class CqlProbe {

  // Logs as EmbeddedCassandra, as all its parts do: one logger names the embedded server.
  private static final Logger log = LoggerFactory.getLogger(EmbeddedCassandra.class);

  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  private final EmbeddedCassandra.Options options;
  private final ChildLog childLog;

  CqlProbe(EmbeddedCassandra.Options options, ChildLog childLog) {
    this.options = options;
    this.childLog = childLog;
  }

  /**
   * Returns once {@code child} answers CQL, and marks it ready.
   *
   * @throws IllegalStateException if it exits first or the start timeout passes (the message
   *     carries the end of its log), or the wait is interrupted
   */
  void awaitReady(Child child) {
    Instant deadline = child.launchedAt.plus(options.startTimeout());
    RuntimeException lastProbeFailure = null;
    while (true) {
      if (!child.process.isAlive()) {
        throw new IllegalStateException(
            "The embedded Cassandra (pid %d) exited with code %d before it answered CQL on %s. The end of %s:%n%s"
                .formatted(
                    child.pid(),
                    child.process.exitValue(),
                    contactPoint(),
                    childLog.file(),
                    childLog.tail(child)));
      }
      if (Instant.now().isAfter(deadline)) {
        IllegalStateException timeout =
            new IllegalStateException(
                "The embedded Cassandra (pid %d) did not answer CQL on %s within %s. The end of %s:%n%s"
                    .formatted(
                        child.pid(),
                        contactPoint(),
                        options.startTimeout(),
                        childLog.file(),
                        childLog.tail(child)));
        if (lastProbeFailure != null) {
          timeout.addSuppressed(lastProbeFailure);
        }
        throw timeout;
      }
      if (acceptsConnections()) {
        try {
          String version = releaseVersion();
          child.readyAt = Instant.now();
          log.info(
              "Embedded Cassandra {} answers CQL on {} (pid {}), {} ms after launch",
              version,
              contactPoint(),
              child.pid(),
              Duration.between(child.launchedAt, child.readyAt).toMillis());
          return;
        } catch (RuntimeException e) {
          lastProbeFailure = e;
          log.debug("Embedded Cassandra on {} does not answer CQL yet", contactPoint(), e);
        }
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the embedded Cassandra", e);
      }
    }
  }

  private String contactPoint() {
    return EmbeddedCassandra.contactPoint(options);
  }

  private boolean acceptsConnections() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(options.host(), options.nativePort()), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Asks the node its version over CQL: only a node that serves queries is ready. */
  private String releaseVersion() {
    // Built from the driver's defaults only, so application settings cannot redirect the probe.
    OptionsMap config = OptionsMap.driverDefaults();
    config.put(TypedDriverOption.CONTACT_POINTS, List.of(contactPoint()));
    config.put(
        TypedDriverOption.LOAD_BALANCING_LOCAL_DATACENTER, EmbeddedCassandra.LOCAL_DATACENTER);
    config.put(TypedDriverOption.SESSION_NAME, "troupe-cassandra-probe");
    config.put(TypedDriverOption.CONNECTION_CONNECT_TIMEOUT, Duration.ofSeconds(5));
    config.put(TypedDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5));
    config.put(TypedDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(5));
    config.put(TypedDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10));
    config.put(TypedDriverOption.METADATA_SCHEMA_ENABLED, false);
    config.put(TypedDriverOption.METADATA_TOKEN_MAP_ENABLED, false);
    // The probe's event loops have no work left to finish; Netty's default 2 s quiet period on
    // close would only delay every start.
    config.put(TypedDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0);
    config.put(TypedDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0);
    try (CqlSession session =
        CqlSession.builder().withConfigLoader(DriverConfigLoader.fromMap(config)).build()) {
      Row row = session.execute("SELECT release_version FROM system.local").one();
      return row == null ? "(unknown version)" : row.getString("release_version");
    }
  }
}
