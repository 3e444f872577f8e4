package dev.troupe.persistence.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.OptionsMap;
import com.datastax.oss.driver.api.core.config.TypedDriverOption;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.CodeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Cassandra 5.0 server in a supervised child JVM that dies with its parent and is
 * restarted, with back-off, whenever it dies on its own.
 *
 * <p>{@link #start()} returns once the server answers CQL; from then until {@link #stop()} a
 * watcher restarts the child if it exits. The child reads its stdin until end-of-file and then
 * shuts down, so it follows its parent even when the parent is killed with {@code kill -9}.
 */
public final class EmbeddedCassandra implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedCassandra.class);

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_NATIVE_PORT = 19042;
  public static final int DEFAULT_STORAGE_PORT = 17000;
  public static final int DEFAULT_JMX_PORT = 17199;
  public static final String DEFAULT_HEAP = "1g";
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

  /** The datacenter SimpleSnitch puts the node in. */
  public static final String LOCAL_DATACENTER = "datacenter1";

  static final Duration STOP_GRACE = Duration.ofSeconds(30);
  static final Duration STALE_CHILD_GRACE = Duration.ofSeconds(60);
  static final Duration BACKOFF_INITIAL = Duration.ofSeconds(1);
  static final Duration BACKOFF_CAP = Duration.ofSeconds(30);

  /**
   * A child that served this long before dying was healthy; its successor starts the curve over.
   */
  static final Duration BACKOFF_RESET_AFTER = Duration.ofSeconds(60);

  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  private static final long LOG_ROTATE_BYTES = 64L * 1024 * 1024;
  private static final int LOG_TAIL_BYTES = 64 * 1024;
  private static final int LOG_TAIL_LINES = 60;
  private static final Path JVM_ROOT = Path.of("/usr/lib/jvm");

  /**
   * The JDK module flags of Cassandra's {@code conf/jvm17-server.options}: Cassandra reaches into
   * JDK internals (unsafe memory, RMI for JMX, attach for jamm) and fails without them.
   */
  static final List<String> JVM_MODULE_FLAGS =
      List.of(
          "-Djdk.attach.allowAttachSelf=true",
          "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
          "--add-exports=java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.server=ALL-UNNAMED",
          "--add-exports=java.sql/java.sql=ALL-UNNAMED",
          "--add-exports=java.base/java.lang.ref=ALL-UNNAMED",
          "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports=jdk.attach/sun.tools.attach=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.module=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.loader=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.reflect=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.math=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.module=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.util.jar=ALL-UNNAMED",
          "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED");

  /** Cassandra's own logging, to stdout, which the parent appends to {@code logs/cassandra.log}. */
  static final String LOGBACK_XML =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <!-- Written by Troupe on every start of the embedded Cassandra; edits are overwritten. -->
      <configuration scan="false">
        <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
          <encoder>
            <pattern>%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n</pattern>
          </encoder>
        </appender>
        <root level="INFO">
          <appender-ref ref="STDOUT"/>
        </root>
      </configuration>
      """;

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

  /** One launch of the child JVM. */
  private static final class Child {
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
  }

  private final Options options;
  private final Path javaHome;
  private final Path confDir;
  private final Path yamlFile;
  private final Path logbackFile;
  private final Path logFile;
  private final Path triggersDir;
  private final Path pidFile;

  /** Serialises start() calls; stop() does not take it, so it can cut a slow start short. */
  private final Object startLock = new Object();

  // Guarded by this; current is volatile so isRunning() and pid() never wait on a start.
  private volatile Child current;
  private boolean supervising;
  private int consecutiveRestarts;
  private ScheduledExecutorService supervisor;

  public EmbeddedCassandra(Options options) {
    this.options = options;
    this.javaHome =
        options.javaHome() != null
            ? options.javaHome()
            : chooseJavaHome(
                Runtime.version().feature(), Path.of(System.getProperty("java.home")), JVM_ROOT);
    Path dir = options.dataDir();
    this.confDir = dir.resolve("conf");
    this.yamlFile = confDir.resolve("cassandra.yaml");
    this.logbackFile = confDir.resolve("logback.xml");
    this.logFile = dir.resolve("logs").resolve("cassandra.log");
    this.triggersDir = dir.resolve("triggers");
    this.pidFile = dir.resolve("cassandra.pid");
  }

  public Options options() {
    return options;
  }

  /** Where CQL clients connect: {@code host:port}. */
  public String contactPoint() {
    return options.host() + ":" + options.nativePort();
  }

  /** The child's log, appended to across launches. */
  public Path logFile() {
    return logFile;
  }

  /** True while a child is alive and has answered CQL since it was launched. */
  public boolean isRunning() {
    Child child = current;
    return child != null && child.readyAt != null && child.process.isAlive();
  }

  /** The pid of the current child, also while it is still starting. */
  public OptionalLong pid() {
    Child child = current;
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
    synchronized (startLock) {
      synchronized (this) {
        if (supervising) {
          return;
        }
      }
      checkLibDir();
      reapStaleChild(STALE_CHILD_GRACE);
      ensurePortsFree();
      Child child;
      synchronized (this) {
        child = launch();
        current = child;
      }
      try {
        awaitReady(child);
      } catch (RuntimeException e) {
        boolean stopped;
        synchronized (this) {
          stopped = current != child;
          if (!stopped) {
            current = null;
          }
        }
        terminate(child.process, STOP_GRACE);
        if (stopped) {
          throw new IllegalStateException("the embedded Cassandra was stopped while starting", e);
        }
        throw e;
      }
      synchronized (this) {
        if (current != child) {
          throw new IllegalStateException("the embedded Cassandra was stopped while starting");
        }
        supervising = true;
        consecutiveRestarts = 0;
        supervisor =
            Executors.newSingleThreadScheduledExecutor(EmbeddedCassandra::supervisorThread);
        watch(child);
      }
    }
  }

  /**
   * Stops supervising and shuts the child down: SIGTERM, so Cassandra drains, and after {@link
   * #STOP_GRACE} SIGKILL. Safe to call at any time, any number of times.
   */
  public void stop() {
    Child child;
    ScheduledExecutorService oldSupervisor;
    synchronized (this) {
      supervising = false;
      child = current;
      current = null;
      oldSupervisor = supervisor;
      supervisor = null;
    }
    if (oldSupervisor != null) {
      oldSupervisor.shutdownNow();
    }
    if (child == null) {
      return;
    }
    log.info("Stopping the embedded Cassandra (pid {}, data {})", child.pid(), options.dataDir());
    terminate(child.process, STOP_GRACE);
    deletePidFileIfItNames(child.pid());
    log.info(
        "Embedded Cassandra (pid {}) stopped with exit code {}",
        child.pid(),
        child.process.isAlive() ? "none (still alive)" : child.process.exitValue());
  }

  @Override
  public void close() {
    stop();
  }

  // ---- supervision -------------------------------------------------------------------------

  /** Called with the monitor held, once {@code child} answered CQL. */
  private void watch(Child child) {
    // On the supervisor thread, not the JDK's process reaper: it reads the log and may relaunch.
    child.process.onExit().thenRunAsync(() -> childExited(child), supervisor);
  }

  private void childExited(Child child) {
    Duration served = Duration.between(child.readyAt, Instant.now());
    int attempt;
    Duration delay;
    synchronized (this) {
      if (!supervising || current != child) {
        return;
      }
      current = null;
      if (served.compareTo(BACKOFF_RESET_AFTER) >= 0) {
        consecutiveRestarts = 0;
      }
      attempt = ++consecutiveRestarts;
      delay = restartDelay(attempt);
      supervisor.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
    log.error(
        "Embedded Cassandra (pid {}, data {}) died with exit code {} after serving for {};"
            + " restart #{} in {}. The end of {}:\n{}",
        child.pid(),
        options.dataDir(),
        child.process.exitValue(),
        served,
        attempt,
        delay,
        logFile,
        logTail(child));
  }

  private void restart() {
    Child child;
    synchronized (this) {
      if (!supervising) {
        return;
      }
      try {
        ensurePortsFree();
        child = launch();
      } catch (RuntimeException e) {
        retryLater(null, e);
        return;
      }
      current = child;
    }
    try {
      awaitReady(child);
    } catch (RuntimeException e) {
      terminate(child.process, STOP_GRACE);
      retryLater(child, e);
      return;
    }
    int attempt;
    synchronized (this) {
      if (!supervising || current != child) {
        // stop() took the child and ends it.
        return;
      }
      attempt = consecutiveRestarts;
      watch(child);
    }
    log.info(
        "Embedded Cassandra is back on {} (pid {}) after restart #{}",
        contactPoint(),
        child.pid(),
        attempt);
  }

  /** Schedules the next restart after a failed one; {@code failed} is null if none launched. */
  private void retryLater(Child failed, RuntimeException cause) {
    int attempt;
    Duration delay;
    synchronized (this) {
      if (!supervising || (failed != null && current != failed)) {
        return;
      }
      current = null;
      attempt = ++consecutiveRestarts;
      delay = restartDelay(attempt);
      supervisor.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
    log.error(
        "Restarting the embedded Cassandra (data {}) failed; restart #{} in {}",
        options.dataDir(),
        attempt,
        delay,
        cause);
  }

  /** 1 s, 2 s, 4 s … capped at {@link #BACKOFF_CAP}, for restart number {@code attempt}. */
  static Duration restartDelay(int attempt) {
    int doublings = Math.max(0, Math.min(attempt - 1, 30));
    Duration delay = BACKOFF_INITIAL.multipliedBy(1L << doublings);
    return delay.compareTo(BACKOFF_CAP) > 0 ? BACKOFF_CAP : delay;
  }

  private static Thread supervisorThread(Runnable task) {
    Thread thread = new Thread(task, "embedded-cassandra-supervisor");
    // Supervision must never keep Troupe's JVM alive: the child follows the parent out anyway.
    thread.setDaemon(true);
    return thread;
  }

  // ---- launching ---------------------------------------------------------------------------

  private void checkLibDir() {
    List<String> jars;
    try (Stream<Path> files = Files.list(options.libDir())) {
      jars = files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      jars = List.of();
    }
    if (jars.stream().noneMatch(name -> name.startsWith("cassandra-all-"))) {
      throw new IllegalStateException(
          "No cassandra-all jar in "
              + options.libDir()
              + "; the embedded Cassandra needs its jars there (the troupe-cassandra module's"
              + " target/lib, or cassandra/lib in the distribution)");
    }
    Optional<String> classic = jarVersion(jars, "logback-classic");
    Optional<String> core = jarVersion(jars, "logback-core");
    if (classic.isPresent() && core.isPresent() && !classic.equals(core)) {
      // Otherwise the child dies reading its logback.xml with a NoClassDefFoundError.
      throw new IllegalStateException(
          "The Cassandra jars in %s mix logback-classic %s with logback-core %s, and Cassandra cannot configure its logging; build them with matching versions"
              .formatted(options.libDir(), classic.get(), core.get()));
    }
  }

  private static Optional<String> jarVersion(List<String> jars, String artifact) {
    Pattern name = Pattern.compile(Pattern.quote(artifact) + "-(\\d[^-]*)\\.jar");
    return jars.stream()
        .map(name::matcher)
        .filter(Matcher::matches)
        .map(matcher -> matcher.group(1))
        .findFirst();
  }

  /** Fails, naming the port, if another process listens on one of the ports Cassandra needs. */
  void ensurePortsFree() {
    checkPortFree("CQL (native transport)", options.nativePort());
    checkPortFree("storage (internode)", options.storagePort());
    checkPortFree("JMX", options.jmxPort());
  }

  private void checkPortFree(String what, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      // As Cassandra binds: a port left in TIME_WAIT by a dead child is free to it.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(options.host(), port));
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot start the embedded Cassandra: its %s port %s:%d is already in use by another process (%s); stop that process or configure another port"
              .formatted(what, options.host(), port, e.getMessage()),
          e);
    }
  }

  private Child launch() {
    try {
      Files.createDirectories(confDir);
      Files.createDirectories(logFile.getParent());
      Files.createDirectories(triggersDir);
      writeAtomically(yamlFile, CassandraYaml.render(options));
      writeAtomically(logbackFile, LOGBACK_XML);
      rotateLogIfLarge();
      List<String> command = command(javaHome.resolve("bin").resolve("java"), launcherClassPath());
      Files.writeString(
          logFile,
          "---- %s: Troupe (pid %d) launches Cassandra: %s%n"
              .formatted(Instant.now(), ProcessHandle.current().pid(), String.join(" ", command)),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      long logOffset = Files.size(logFile);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(options.dataDir().toFile())
              .redirectErrorStream(true)
              .redirectOutput(Redirect.appendTo(logFile.toFile()))
              // The parent keeps the write end and never writes: when the parent dies, however it
              // dies, the child reads end-of-file and shuts down.
              .redirectInput(Redirect.PIPE);
      // Options meant for Troupe's JVM (a debugger port, an agent) must not reach the child.
      builder.environment().remove("JAVA_TOOL_OPTIONS");
      builder.environment().remove("JDK_JAVA_OPTIONS");
      builder.environment().remove("_JAVA_OPTIONS");
      Process process = builder.start();
      try {
        writeAtomically(pidFile, process.pid() + "\n");
      } catch (IOException e) {
        process.destroyForcibly();
        throw e;
      }
      log.info(
          "Launched the embedded Cassandra (pid {}) with {}: data {}, CQL on {}, log {}",
          process.pid(),
          javaHome,
          options.dataDir(),
          contactPoint(),
          logFile);
      return new Child(process, logOffset, Instant.now());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot launch the embedded Cassandra in " + options.dataDir(), e);
    }
  }

  /** The child's command line; package-private so tests can check it without launching. */
  List<String> command(Path java, Path launcherClassPath) {
    Path dir = options.dataDir();
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xms" + options.heap());
    command.add("-Xmx" + options.heap());
    command.add("-Xss256k");
    command.add("-XX:+UseG1GC");
    command.add("-XX:+ParallelRefProcEnabled");
    // A JVM out of heap is in an unknown state; dying lets the supervisor start a clean one.
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.addAll(JVM_MODULE_FLAGS);
    command.add("-Dio.netty.tryReflectionSetAccessible=true");
    command.add("-Dio.netty.allocator.useCacheForAllThreads=true");
    command.add("-Dio.netty.allocator.maxOrder=11");
    command.add("-Djava.net.preferIPv4Stack=true");
    command.add("-Dcassandra.config=" + yamlFile.toUri());
    // Without it Cassandra closes stdout and stderr, and its log would be lost.
    command.add("-Dcassandra-foreground=yes");
    command.add(storageDirFlag());
    command.add("-Dcassandra.logdir=" + logFile.getParent());
    // Cassandra warns every minute about a missing triggers directory.
    command.add("-Dcassandra.triggers_dir=" + triggersDir);
    command.add("-Dcassandra.jmx.local.port=" + options.jmxPort());
    // A single node has nobody to gossip with or wait for.
    command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
    command.add("-Dcassandra.superuser_setup_delay_ms=0");
    command.add("-Dlogback.configurationFile=" + logbackFile);
    command.add("-cp");
    command.add(options.libDir().resolve("*") + File.pathSeparator + launcherClassPath);
    command.add(CassandraMain.class.getName());
    return command;
  }

  /** Appears verbatim on the child's command line, so a stale child can be recognised as ours. */
  private String storageDirFlag() {
    return "-Dcassandra.storagedir=" + options.dataDir();
  }

  /** The jar or class directory holding CassandraMain, the child's only non-Cassandra class. */
  static Path launcherClassPath() {
    CodeSource source = CassandraMain.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalStateException(
          "Cannot tell where " + CassandraMain.class + " is loaded from");
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot use " + source.getLocation() + " as a class path", e);
    }
  }

  private void awaitReady(Child child) {
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
                    logFile,
                    logTail(child)));
      }
      if (Instant.now().isAfter(deadline)) {
        IllegalStateException timeout =
            new IllegalStateException(
                "The embedded Cassandra (pid %d) did not answer CQL on %s within %s. The end of %s:%n%s"
                    .formatted(
                        child.pid(),
                        contactPoint(),
                        options.startTimeout(),
                        logFile,
                        logTail(child)));
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
    config.put(TypedDriverOption.LOAD_BALANCING_LOCAL_DATACENTER, LOCAL_DATACENTER);
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

  /** SIGTERM (Cassandra's shutdown hook drains), then SIGKILL after {@code grace}. */
  private static void terminate(Process process, Duration grace) {
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

  // ---- a child left behind by an earlier Troupe process ------------------------------------

  /**
   * Waits for a child that an earlier parent left running on this data dir to exit (its stdin is
   * closed, so it is shutting down), and kills it after {@code grace}: two servers must never share
   * one data dir.
   */
  void reapStaleChild(Duration grace) {
    OptionalLong pid = readPidFile();
    if (pid.isEmpty()) {
      return;
    }
    Optional<ProcessHandle> handle =
        ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive);
    if (handle.isEmpty()) {
      return;
    }
    if (!isOurChild(handle.get())) {
      log.debug(
          "{} names pid {}, which is not an embedded Cassandra on {}; ignoring it",
          pidFile,
          pid.getAsLong(),
          options.dataDir());
      return;
    }
    log.warn(
        "An embedded Cassandra of an earlier Troupe process (pid {}) still runs on {}; waiting up to {} for it to exit",
        pid.getAsLong(),
        options.dataDir(),
        grace);
    try {
      handle.get().onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
      log.info("The earlier embedded Cassandra (pid {}) has exited", pid.getAsLong());
    } catch (TimeoutException e) {
      log.warn(
          "The earlier embedded Cassandra (pid {}) did not exit within {}; killing it",
          pid.getAsLong(),
          grace);
      handle.get().destroyForcibly();
      try {
        handle.get().onExit().get(10, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException ignored) {
        // The port check that follows reports a child that still holds on.
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while killing pid " + pid, interrupted);
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot wait for pid " + pid.getAsLong(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for pid " + pid, e);
    }
  }

  /** Whether {@code process} runs CassandraMain on this data dir (and is not a reused pid). */
  boolean isOurChild(ProcessHandle process) {
    List<String> arguments = commandLine(process);
    return arguments.contains(CassandraMain.class.getName())
        && arguments.contains(storageDirFlag());
  }

  private static List<String> commandLine(ProcessHandle process) {
    Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
    try {
      String raw = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
      return Arrays.asList(raw.split("\0"));
    } catch (IOException e) {
      // No /proc (not Linux): the JDK's view, which may be truncated but names the same things.
      List<String> arguments = new ArrayList<>();
      process.info().command().ifPresent(arguments::add);
      process.info().arguments().ifPresent(a -> arguments.addAll(Arrays.asList(a)));
      return arguments;
    }
  }

  private OptionalLong readPidFile() {
    try {
      return OptionalLong.of(Long.parseLong(Files.readString(pidFile).trim()));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private void deletePidFileIfItNames(long pid) {
    OptionalLong recorded = readPidFile();
    if (recorded.isPresent() && recorded.getAsLong() == pid) {
      try {
        Files.deleteIfExists(pidFile);
      } catch (IOException e) {
        log.warn("Cannot delete {}", pidFile, e);
      }
    }
  }

  // ---- files -------------------------------------------------------------------------------

  private static void writeAtomically(Path file, String text) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, text, StandardCharsets.UTF_8);
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Keeps one previous log: the child appends forever, and nothing else trims the file. */
  private void rotateLogIfLarge() throws IOException {
    if (Files.exists(logFile) && Files.size(logFile) > LOG_ROTATE_BYTES) {
      Files.move(
          logFile,
          logFile.resolveSibling(logFile.getFileName() + ".1"),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The last lines {@code child} wrote to the log (all of them if it wrote fewer). */
  private String logTail(Child child) {
    try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
      long end = file.length();
      long from = child == null || child.logOffset > end ? 0 : child.logOffset;
      from = Math.max(from, end - LOG_TAIL_BYTES);
      byte[] bytes = new byte[(int) (end - from)];
      file.seek(from);
      file.readFully(bytes);
      List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + logFile + ": " + e.getMessage() + ")";
    }
  }

  // ---- which Java runs Cassandra -----------------------------------------------------------

  /**
   * The Java for the child: Cassandra 5.0 supports Java 11 and 17, so a newer Troupe JVM looks for
   * a Java 17 under {@code jvmRoot} and falls back to itself.
   */
  static Path chooseJavaHome(int currentFeature, Path currentHome, Path jvmRoot) {
    if (currentFeature == 11 || currentFeature == 17) {
      return currentHome;
    }
    Optional<Path> java17 = findJava(jvmRoot, 17);
    if (java17.isPresent()) {
      log.info(
          "Troupe runs on Java {}; the embedded Cassandra runs on the Java 17 in {}",
          currentFeature,
          java17.get());
      return java17.get();
    }
    log.warn(
        "Cassandra 5.0 supports Java 11 and 17, and there is no Java 17 under {}; trying Java {}",
        jvmRoot,
        currentFeature);
    return currentHome;
  }

  static Optional<Path> findJava(Path jvmRoot, int feature) {
    if (!Files.isDirectory(jvmRoot)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvmRoot)) {
      return homes
          .filter(home -> Files.isExecutable(home.resolve("bin").resolve("java")))
          .filter(home -> featureVersion(home) == feature)
          .sorted()
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static final Pattern JAVA_VERSION =
      Pattern.compile("^JAVA_VERSION=\"(?:1\\.)?(\\d+)", Pattern.MULTILINE);

  /** The feature version in {@code javaHome/release}, or -1 if there is none. */
  static int featureVersion(Path javaHome) {
    try {
      Matcher matcher = JAVA_VERSION.matcher(Files.readString(javaHome.resolve("release")));
      return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
