package dev.troupe.persistence.cassandra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * A single-node Cassandra 5.0 server in a supervised child JVM that dies with its parent and is
 * restarted, with back-off, whenever it dies on its own.
 *
 * <p>{@link #start()} returns once the server answers CQL; from then until {@link #stop()} a
 * watcher restarts the child if it exits. The child reads its stdin until end-of-file and then
 * shuts down, so it follows its parent even when the parent is killed with {@code kill -9}.
 *
 * <p>The work is done by the package's parts: {@link ChildLauncher} (with {@link ChildCommand} and
 * {@link JavaHomes}) starts a child, {@link CqlProbe} waits for it to answer CQL, {@link
 * ChildSupervisor} restarts it, {@link ChildPidFile} finds one an earlier process left behind, and
 * {@link ChildLog} keeps its output.
 */
public final class EmbeddedCassandra implements AutoCloseable {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_NATIVE_PORT = 19042;
  public static final int DEFAULT_STORAGE_PORT = 17000;
  public static final int DEFAULT_JMX_PORT = 17199;
  public static final String DEFAULT_HEAP = "1g";
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

  /** The datacenter SimpleSnitch puts the node in. */
  public static final String LOCAL_DATACENTER = "datacenter1";

  /** Where and how the embedded Cassandra runs; {@code null} fields take the defaults. */
  public record Options(
      Path dataDir,
      Path libDir,
      String host,
      int nativePort,
      int storagePort,
      int jmxPort,
      String heap,
      Duration startTimeout,
      Path javaHome) {

    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

    public Options {
      if (dataDir == null) {
        throw new IllegalArgumentException("dataDir is required");
      }
      if (libDir == null) {
        throw new IllegalArgumentException("libDir (the Cassandra jars) is required");
      }
      dataDir = dataDir.toAbsolutePath().normalize();
      libDir = libDir.toAbsolutePath().normalize();
      host = host == null || host.isBlank() ? DEFAULT_HOST : host;
      heap = heap == null || heap.isBlank() ? DEFAULT_HEAP : heap;
      startTimeout = startTimeout == null ? DEFAULT_START_TIMEOUT : startTimeout;
      checkPort("nativePort", nativePort);
      checkPort("storagePort", storagePort);
      checkPort("jmxPort", jmxPort);
      if (nativePort == storagePort || nativePort == jmxPort || storagePort == jmxPort) {
        throw new IllegalArgumentException(
            "the native, storage and JMX ports must differ: %d, %d, %d"
                .formatted(nativePort, storagePort, jmxPort));
      }
      if (!HEAP.matcher(heap).matches()) {
        throw new IllegalArgumentException("heap must look like 1g or 512m, not " + heap);
      }
      if (startTimeout.isNegative() || startTimeout.isZero()) {
        throw new IllegalArgumentException("startTimeout must be positive, not " + startTimeout);
      }
    }

    /** The default ports, heap and timeout for a server keeping its files in {@code dataDir}. */
    public static Options defaults(Path dataDir, Path libDir) {
      return new Options(
          dataDir,
          libDir,
          DEFAULT_HOST,
          DEFAULT_NATIVE_PORT,
          DEFAULT_STORAGE_PORT,
          DEFAULT_JMX_PORT,
          DEFAULT_HEAP,
          DEFAULT_START_TIMEOUT,
          null);
    }

    /** These options with other ports. */
    public Options withPorts(int nativePort, int storagePort, int jmxPort) {
      return new Options(
          dataDir, libDir, host, nativePort, storagePort, jmxPort, heap, startTimeout, javaHome);
    }

    private static void checkPort(String name, int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(name + " must be within 1..65535, not " + port);
      }
    }
  }

  private final Options options;
  private final ChildLog childLog;
  private final ChildSupervisor supervisor;

  public EmbeddedCassandra(Options options) {
    this.options = options;
    Path javaHome = JavaHomes.forCassandra(options);
    CassandraFiles files = CassandraFiles.in(options.dataDir());
    this.childLog = new ChildLog(files.logFile());
    ChildPidFile pidFile = new ChildPidFile(files);
    this.supervisor =
        new ChildSupervisor(
            options,
            new ChildLauncher(options, files, javaHome, childLog, pidFile),
            new CqlProbe(options, childLog),
            pidFile,
            childLog);
  }

  public Options options() {
    return options;
  }

  /** Where CQL clients connect: {@code host:port}. */
  public String contactPoint() {
    return contactPoint(options);
  }

  static String contactPoint(Options options) {
    return options.host() + ":" + options.nativePort();
  }

  /** The child's log, appended to across launches. */
  public Path logFile() {
    return childLog.file();
  }

  /** True while a child is alive and has answered CQL since it was launched. */
  public boolean isRunning() {
    Child child = supervisor.current();
    return child != null && child.readyAt != null && child.process.isAlive();
  }

  /** The pid of the current child, also while it is still starting. */
  public OptionalLong pid() {
    Child child = supervisor.current();
    return child == null ? OptionalLong.empty() : OptionalLong.of(child.pid());
  }

  /**
   * Launches the child and returns once it answers CQL, then supervises it until {@link #stop()}.
   * Does nothing if it is already supervised.
   *
   * @throws IllegalStateException if a port is taken, or the child exits or does not answer CQL
   *     within the start timeout (the message carries the end of its log)
   */
  public void start() {
    supervisor.start();
  }

  /**
   * Stops supervising and shuts the child down: SIGTERM, so Cassandra drains, and after {@link
   * ChildSupervisor#STOP_GRACE} SIGKILL. Safe to call at any time, any number of times.
   */
  public void stop() {
    supervisor.stop();
  }

  @Override
  public void close() {
    stop();
  }
}
