package dev.troupe.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.node.runtime.ContainerInfo;
import dev.troupe.node.runtime.DockerRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code troupe server} of its own (embedded Cassandra, the local Docker engine) and the
 * real kubectl pointed at it with a home of its own, for one end-to-end test class.
 */
final class KubectlSession {

  /** One kubectl run: exit code and what it printed. */
  record Run(int code, String out, String err) {}

  final String nodeName;
  final Path home;
  final TroupeProcess server;
  final DockerRuntime docker;

  private KubectlSession(String nodeName, Path home, TroupeProcess server, DockerRuntime docker) {
    this.nodeName = nodeName;
    this.home = home;
    this.server = server;
    this.docker = docker;
  }

  /** Starts a server whose node is named {@code prefix} and a random suffix; waits until ready. */
  static KubectlSession start(String prefix) throws Exception {
    String nodeName = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    Path home = Files.createTempDirectory("troupe-" + prefix);
    TroupeProcess server = new TroupeProcess(home.resolve("data"), nodeName);
    server.start();
    server.awaitReady(Duration.ofMinutes(3));
    Files.writeString(home.resolve("kubeconfig"), KubeconfigCommand.kubeconfig(server.apiPort));
    DockerRuntime docker = DockerRuntime.connect("unix:///var/run/docker.sock", "127.0.0.1");
    return new KubectlSession(nodeName, home, server, docker);
  }

  /** Stops the server and its Cassandra, and removes the containers of its node. */
  void stop() throws Exception {
    if (server.process() != null) {
      long cassandra = server.cassandraPid();
      server.process().destroy();
      server.process().waitFor(60, TimeUnit.SECONDS);
      ProcessHandle.of(cassandra).ifPresent(ProcessHandle::destroyForcibly);
    }
    for (ContainerInfo c : docker.listByLabel("troupe.node", nodeName)) {
      docker.remove(c.id());
    }
    docker.close();
  }

  /** Runs kubectl to its end (at most a minute). */
  Run kubectl(String... args) throws IOException, InterruptedException {
    Process process = builder(args).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
    }
    return new Run(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /** {@link #kubectl} for conditions polled in lambdas, which cannot throw checked exceptions. */
  Run kubectlQuietly(String... args) {
    try {
      return kubectl(args);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts kubectl in the background (a watch, a follow), its output going to {@code output}. */
  Process start(Path output, String... args) throws IOException {
    ProcessBuilder builder = builder(args);
    builder.redirectErrorStream(true);
    builder.redirectOutput(output.toFile());
    return builder.start();
  }

  private ProcessBuilder builder(String... args) {
    List<String> command = new ArrayList<>();
    command.add("kubectl");
    command.add("--kubeconfig=" + home.resolve("kubeconfig"));
    command.add("--cache-dir=" + home.resolve("cache"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("HOME", home.toString());
    return builder;
  }

  /** Runs {@code command} in the pod's app containers (not its sandbox); each must succeed. */
  void execInPod(String pod, String... command) throws Exception {
    String uid = kubectl("get", "pod", pod, "-o", "jsonpath={.metadata.uid}").out();
    for (ContainerInfo c : docker.listByLabel("troupe.pod.uid", uid)) {
      if (!"true".equals(c.labels().get("troupe.sandbox")) && c.isRunning()) {
        assertThat(docker.exec(c.id(), List.of(command), Duration.ofSeconds(5)).exitCode())
            .isZero();
      }
    }
  }

  /** One HTTP GET through an address, the answer's body or the failure. */
  static String fetchQuietly(String host, int port) {
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(2))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create("http://%s:%d/".formatted(host, port)))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return response.body();
    } catch (IOException e) {
      return "failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** Whether the far side closed {@code socket}: a read ends or fails rather than waiting. */
  static boolean isClosed(Socket socket) {
    try {
      socket.setSoTimeout(200);
      return socket.getInputStream().read() < 0;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }
}
