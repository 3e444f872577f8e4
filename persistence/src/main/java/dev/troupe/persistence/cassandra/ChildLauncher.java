package dev.troupe.persistence.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches the child JVM: checks what would keep it from starting, writes its configuration, and
 * starts it with its output appended to the log and its pid in the pid file.
 */
final class ChildLauncher {

  // Logs as EmbeddedCassandra, as all its parts do: one logger names the embedded server.
  private static final Logger log = LoggerFactory.getLogger(EmbeddedCassandra.class);

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

  private final EmbeddedCassandra.Options options;
  private final CassandraFiles files;
  private final Path javaHome;
  private final ChildLog childLog;
  private final ChildPidFile pidFile;

  ChildLauncher(
      EmbeddedCassandra.Options options,
      CassandraFiles files,
      Path javaHome,
      ChildLog childLog,
      ChildPidFile pidFile) {
    this.options = options;
    this.files = files;
    this.javaHome = javaHome;
    this.childLog = childLog;
    this.pidFile = pidFile;
  }

  /** Fails, naming what is wrong, unless the lib dir holds Cassandra jars it can start with. */
  void checkLibDir() {
    List<String> jars;
    try (Stream<Path> list = Files.list(options.libDir())) {
      jars = list.map(p -> p.getFileName().toString()).sorted().toList();
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

  /** Starts a child; it still has to come up and answer CQL. */
  Child launch() {
    try {
      Files.createDirectories(files.confDir());
      Files.createDirectories(files.logFile().getParent());
      Files.createDirectories(files.triggersDir());
      CassandraFiles.writeAtomically(files.yamlFile(), CassandraYaml.render(options));
      CassandraFiles.writeAtomically(files.logbackFile(), LOGBACK_XML);
      childLog.rotateIfLarge();
      List<String> command =
          ChildCommand.of(
              options,
              files,
              javaHome.resolve("bin").resolve("java"),
              ChildCommand.launcherClassPath());
      long logOffset = childLog.appendLaunch(command);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(options.dataDir().toFile())
              .redirectErrorStream(true)
              .redirectOutput(Redirect.appendTo(childLog.file().toFile()))
              // The parent keeps the write end and never writes: when the parent dies, however it
              // dies, the child reads end-of-file and shuts down.
              .redirectInput(Redirect.PIPE);
      // Options meant for Troupe's JVM (a debugger port, an agent) must not reach the child.
      builder.environment().remove("JAVA_TOOL_OPTIONS");
      builder.environment().remove("JDK_JAVA_OPTIONS");
      builder.environment().remove("_JAVA_OPTIONS");
      Process process = builder.start();
      try {
        pidFile.write(process.pid());
      } catch (IOException e) {
        process.destroyForcibly();
        throw e;
      }
      log.info(
          "Launched the embedded Cassandra (pid {}) with {}: data {}, CQL on {}, log {}",
          process.pid(),
          javaHome,
          options.dataDir(),
          EmbeddedCassandra.contactPoint(options),
          childLog.file());
      return new Child(process, logOffset, Instant.now());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot launch the embedded Cassandra in " + options.dataDir(), e);
    }
  }
}
