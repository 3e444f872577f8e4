package dev.troupe.persistence.cassandra;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The child's log: the output of every launch, appended to one file, one older file kept. */
final class ChildLog {

  private static final long ROTATE_BYTES = 64L * 1024 * 1024;
  private static final int TAIL_BYTES = 64 * 1024;
  private static final int TAIL_LINES = 60;

  private final Path file;

  ChildLog(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** Keeps one previous log: the child appends forever, and nothing else trims the file. */
  void rotateIfLarge() throws IOException {
    if (Files.exists(file) && Files.size(file) > ROTATE_BYTES) {
      Files.move(
          file,
          file.resolveSibling(file.getFileName() + ".1"),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Notes the launch of {@code command} and returns the offset where the child's output starts. */
  long appendLaunch(List<String> command) throws IOException {
    Files.writeString(
        file,
        "---- %s: Troupe (pid %d) launches Cassandra: %s%n"
            .formatted(Instant.now(), ProcessHandle.current().pid(), String.join(" ", command)),
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    return Files.size(file);
  }

  /** The last lines {@code child} wrote to the log (all of them if it wrote fewer). */
  String tail(Child child) {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long end = raf.length();
      long from = child == null || child.logOffset > end ? 0 : child.logOffset;
      from = Math.max(from, end - TAIL_BYTES);
      byte[] bytes = new byte[(int) (end - from)];
      raf.seek(from);
      raf.readFully(bytes);
      List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
