package dev.troupe.persistence.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CassandraMainTest {

  @Test
  void the_parent_watch_fires_only_once_stdin_reaches_end_of_file() throws Exception {
    PipedOutputStream parentEnd = new PipedOutputStream();
    PipedInputStream childStdin = new PipedInputStream(parentEnd);
    CountDownLatch gone = new CountDownLatch(1);

    ParentWatch.watch(childStdin, gone::countDown);
    parentEnd.write("stray bytes are ignored\n".getBytes(StandardCharsets.UTF_8));
    parentEnd.flush();

    assertThat(gone.await(300, TimeUnit.MILLISECONDS)).isFalse();
    parentEnd.close();
    assertThat(gone.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void a_read_error_on_stdin_counts_as_the_parent_being_gone() throws Exception {
    CountDownLatch gone = new CountDownLatch(1);
    PipedInputStream unconnected = new PipedInputStream();

    ParentWatch.watch(unconnected, gone::countDown);

    assertThat(gone.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void the_child_runs_while_its_stdin_is_open_and_exits_cleanly_when_it_closes() throws Exception {
    Process child = startFakeChild();
    try {
      BufferedReader output =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> readLine(output));
      assertThat(firstLine.get(20, TimeUnit.SECONDS)).isEqualTo(FakeDaemon.UP);
      Thread.sleep(300);
      assertThat(child.isAlive()).isTrue();

      // What the kernel does for a parent that dies, even of kill -9.
      child.getOutputStream().close();

      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isZero();
    } finally {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** CassandraMain in a JVM of its own, with {@link FakeDaemon} in Cassandra's place. */
  static Process startFakeChild(String... extraJvmArguments) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classDir(CassandraMain.class) + File.pathSeparator + classDir(FakeDaemon.class),
                "-D" + CassandraMain.DAEMON_PROPERTY + "=" + FakeDaemon.class.getName()));
    command.addAll(List.of(extraJvmArguments));
    command.add(CassandraMain.class.getName());
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static Path classDir(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
