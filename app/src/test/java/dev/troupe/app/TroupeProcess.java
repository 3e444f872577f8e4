package dev.troupe.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** A real {@code troupe server} process started from the built distribution, for tests. */
final class TroupeProcess {

  static final Path DISTRIBUTION =
      Path.of(System.getProperty("troupe.distribution", "target/troupe"));

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final Path dataDir;
  final String nodeName;
  final int apiPort;
  final int[] cassandraPorts;
  private Process process;

  TroupeProcess(Path dataDir, String nodeName) throws IOException {
    this.dataDir = dataDir;
    this.nodeName = nodeName;
    this.apiPort = freePort();
    this.cassandraPorts = new int[] {freePort(), freePort(), freePort()};
  }

  Process start(String... extraArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(DISTRIBUTION.resolve("bin/troupe").toString());
    command.add("server");
    command.addAll(
        List.of(
            "--data-dir",
            dataDir.toString(),
            "--api-port",
            Integer.toString(apiPort),
            "--node-name",
            nodeName));
    command.addAll(List.of(extraArgs));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .put(
            "JAVA_OPTS",
            "-Dtroupe.cassandra.embedded.native-port=%d -Dtroupe.cassandra.embedded.storage-port=%d"
                    .formatted(cassandraPorts[0], cassandraPorts[1])
                + " -Dtroupe.cassandra.embedded.jmx-port=%d -Dtroupe.cassandra.embedded.heap=512m"
                    .formatted(cassandraPorts[2]));
    Files.createDirectories(dataDir);
    builder.redirectErrorStream(true);
    builder.redirectOutput(
        ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
    process = builder.start();
    return process;
  }

  Process process() {
    return process;
  }

  String log() throws IOException {
    Path log = dataDir.resolve("server.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  void awaitReady(Duration timeout) throws Exception {
    awaitTrue(
        timeout,
        () -> {
          assertThat(process.isAlive())
              .as("troupe server exited early:\n%s", logQuietly())
              .isTrue();
          return get("/readyz").statusCode() == 200;
        },
        "the server to become ready");
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  HttpResponse<String> post(String path, String json) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> mergePatch(String path, String json) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/merge-patch+json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  JsonNode getJson(String path) {
    HttpResponse<String> response = get(path);
    try {
      return Json.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON from " + path + ": " + response.body(), e);
    }
  }

  /** The Cassandra child's pid, as its launcher recorded it. */
  long cassandraPid() throws IOException {
    return Long.parseLong(Files.readString(dataDir.resolve("cassandra/cassandra.pid")).trim());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + apiPort + path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(
          request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String logQuietly() {
    try {
      return log();
    } catch (IOException e) {
      return e.toString();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Polls {@code condition} until it holds; connection failures count as "not yet". */
  static void awaitTrue(Duration timeout, Supplier<Boolean> condition, String what)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    Throwable last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        if (condition.get()) {
          return;
        }
      } catch (java.io.UncheckedIOException e) {
        last = e;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what, last);
  }
}
