package dev.troupe.persistence.cassandra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where the embedded Cassandra keeps its files, all under its data dir. */
record CassandraFiles(
    Path dataDir,
    Path confDir,
    Path yamlFile,
    Path logbackFile,
    Path logFile,
    Path triggersDir,
    Path pidFile) {

  /** The files of a server keeping its data in {@code dataDir}. */
  static CassandraFiles in(Path dataDir) {
    Path confDir = dataDir.resolve("conf");
    return new CassandraFiles(
        dataDir,
        confDir,
        confDir.resolve("cassandra.yaml"),
        confDir.resolve("logback.xml"),
        dataDir.resolve("logs").resolve("cassandra.log"),
        dataDir.resolve("triggers"),
        dataDir.resolve("cassandra.pid"));
  }

  /** Writes {@code text} to a sibling temporary file and moves it over {@code file}. */
  static void writeAtomically(Path file, String text) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, text, StandardCharsets.UTF_8);
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
