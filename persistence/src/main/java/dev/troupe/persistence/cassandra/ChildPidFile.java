package dev.troupe.persistence.cassandra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pid file naming the child that runs on a data dir, and the child an earlier Troupe process
 * may have left behind there.
 */
final class ChildPidFile {

  // Logs as EmbeddedCassandra, as all its parts do: one logger names the embedded server.
  private static final Logger log = LoggerFactory.getLogger(EmbeddedCassandra.class);

  private final Path file;
  private final Path dataDir;

  ChildPidFile(CassandraFiles files) {
    this.file = files.pidFile();
    this.dataDir = files.dataDir();
  }

  void write(long pid) throws IOException {
    CassandraFiles.writeAtomically(file, pid + "\n");
  }

  void deleteIfItNames(long pid) {
    OptionalLong recorded = read();
    if (recorded.isPresent() && recorded.getAsLong() == pid) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        log.warn("Cannot delete {}", file, e);
      }
    }
  }

  private OptionalLong read() {
    try {
      return OptionalLong.of(Long.parseLong(Files.readString(file).trim()));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Waits for a child that an earlier parent left running on this data dir to exit (its stdin is
   * closed, so it is shutting down), and kills it after {@code grace}: two servers must never share
   * one data dir.
   */
  void reapStaleChild(Duration grace) {
    OptionalLong pid = read();
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
          file,
          pid.getAsLong(),
          dataDir);
      return;
    }
    log.warn(
        "An embedded Cassandra of an earlier Troupe process (pid {}) still runs on {}; waiting up to {} for it to exit",
        pid.getAsLong(),
        dataDir,
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
        && arguments.contains(ChildCommand.storageDirFlag(dataDir));
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
}
