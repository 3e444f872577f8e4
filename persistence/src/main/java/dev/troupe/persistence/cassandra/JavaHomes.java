package dev.troupe.persistence.cassandra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which Java runs the embedded Cassandra. */
final class JavaHomes {

  // Logs as EmbeddedCassandra, as all its parts do: one logger names the embedded server.
  private static final Logger log = LoggerFactory.getLogger(EmbeddedCassandra.class);

  private static final Path JVM_ROOT = Path.of("/usr/lib/jvm");

  private static final Pattern JAVA_VERSION =
      Pattern.compile("^JAVA_VERSION=\"(?:1\\.)?(\\d+)", Pattern.MULTILINE);

  private JavaHomes() {}

  /** The Java home {@code options} name, or else the one {@link #chooseJavaHome} picks. */
  static Path forCassandra(EmbeddedCassandra.Options options) {
    return options.javaHome() != null
        ? options.javaHome()
        : chooseJavaHome(
            Runtime.version().feature(), Path.of(System.getProperty("java.home")), JVM_ROOT);
  }

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
