package dev.troupe.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link DockerRuntime} against the real engine and the local image {@code troupe/hello:1}.
 *
 * <p>The engine must run (CI starts it through scripts/setup-machine): without it these tests fail
 * rather than skip. Every container carries the label {@code troupe.test=<this run>} and is removed
 * by id afterwards; ports are published on 127.0.0.1 only and only reached there.
 */
class DockerRuntimeTest {

  private static final String DOCKER_HOST = "unix:///var/run/docker.sock";
  private static final String NODE_ADDRESS = "127.0.0.1";
  private static final String IMAGE = "troupe/hello:1";
  private static final String TEST_LABEL = "troupe.test";
  private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  private static DockerRuntime runtime;
  private static DockerClient raw;
  private static final Set<String> created = ConcurrentHashMap.newKeySet();
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @BeforeAll
  static void connect() {
    try {
      runtime = DockerRuntime.connect(DOCKER_HOST, NODE_ADDRESS);
    } catch (RuntimeUnavailable e) {
      fail(
          "DockerRuntimeTest needs the Docker engine at "
              + DOCKER_HOST
              + " (run scripts/setup-machine): "
              + e.getMessage(),
          e);
    }
    DockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(DOCKER_HOST).build();
    raw =
        DockerClientImpl.getInstance(
            config,
            new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(3))
                .responseTimeout(Duration.ofSeconds(60))
                .build());
    try {
      raw.inspectImageCmd(IMAGE).exec();
    } catch (NotFoundException e) {
      fail("DockerRuntimeTest needs the local image " + IMAGE + ": run images/build", e);
    }
  }

  @AfterEach
  void removeTestContainers() {
    Set<String> ids = new HashSet<>(created);
    for (Container c :
        raw.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(TEST_LABEL, RUN)).exec()) {
      ids.add(c.getId());
    }
    for (String id : ids) {
      try {
        raw.removeContainerCmd(id).withForce(true).exec();
      } catch (NotFoundException e) {
        // already removed by the test itself
      }
    }
    created.clear();
  }

  @AfterAll
  static void close() throws IOException {
    if (runtime != null) {
      runtime.close();
    }
    if (raw != null) {
      raw.close();
    }
  }

  @Test
  void theVersionNamesTheDockerEngine() {
    assertThat(runtime.version()).matches("docker://\\d+\\.\\d+.*");
    assertThat(runtime.nodeAddress()).isEqualTo(NODE_ADDRESS);
  }

  @Test
  void aStartedContainerServesItsPageOnAPublishedLoopbackPort() throws Exception {
    String hostname = "hello-" + RUN;
    ContainerInfo info = create(spec("serve").hostname(hostname).port(8080));
    assertThat(info.state()).isEqualTo(ContainerInfo.State.CREATED);
    assertThat(info.startedAt()).isNull();
    assertThat(info.labels()).containsEntry(TEST_LABEL, RUN);

    runtime.start(info.id());

    ContainerInfo running = runtime.inspect(info.id()).orElseThrow();
    assertThat(running.state()).isEqualTo(ContainerInfo.State.RUNNING);
    assertThat(running.isRunning()).isTrue();
    assertThat(running.name()).isEqualTo(info.name());
    assertThat(running.image()).isEqualTo(IMAGE);
    assertThat(running.imageId()).startsWith("sha256:");
    assertThat(running.startedAt()).isAfter(Instant.now().minusSeconds(60));
    assertThat(running.finishedAt()).isNull();
    assertThat(running.ports()).hasSize(1);
    ContainerInfo.PublishedPort port = running.ports().get(0);
    assertThat(port.containerPort()).isEqualTo(8080);
    assertThat(port.protocol()).isEqualTo("TCP");
    assertThat(port.hostIP()).isEqualTo("127.0.0.1");
    assertThat(port.hostPort()).isPositive();

    assertThat(getWithin(port.hostPort(), "/", Duration.ofSeconds(5)))
        .isEqualTo("Hello from " + hostname + "\n");
  }

  @Test
  void startingARunningContainerDoesNothing() throws Exception {
    ContainerInfo info = create(spec("restart").port(8080));
    runtime.start(info.id());
    Instant startedAt = runtime.inspect(info.id()).orElseThrow().startedAt();

    runtime.start(info.id());

    ContainerInfo again = runtime.inspect(info.id()).orElseThrow();
    assertThat(again.state()).isEqualTo(ContainerInfo.State.RUNNING);
    assertThat(again.startedAt()).isEqualTo(startedAt);
  }

  @Test
  void aRetriedCreateReturnsTheSameContainer() {
    Spec spec = spec("retry").port(8080);
    ContainerInfo first = create(spec);

    ContainerInfo second = create(spec);

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(runtime.listByLabel(TEST_LABEL, RUN))
        .extracting(ContainerInfo::id)
        .containsExactly(first.id());
  }

  @Test
  void concurrentCreatesOfOneNameMakeOneContainer() throws Exception {
    Spec spec = spec("race");
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ContainerInfo>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return create(spec);
                }));
      }
      go.countDown();
      Set<String> ids = new HashSet<>();
      for (Future<ContainerInfo> r : results) {
        ids.add(r.get(60, TimeUnit.SECONDS).id());
      }

      assertThat(ids).hasSize(1);
      assertThat(runtime.listByLabel(TEST_LABEL, RUN)).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theHelloImageStopsWellWithinItsGrace() throws Exception {
    ContainerInfo info = create(spec("graceful").port(8080));
    runtime.start(info.id());
    // the page answering means sh has set its TERM trap (sh as PID 1 ignores TERM without one)
    getWithin(
        runtime.inspect(info.id()).orElseThrow().ports().get(0).hostPort(),
        "/healthz",
        Duration.ofSeconds(5));

    long t0 = System.nanoTime();
    runtime.stop(info.id(), Duration.ofSeconds(10));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(took).isLessThan(Duration.ofSeconds(5));
    ContainerInfo stopped = runtime.inspect(info.id()).orElseThrow();
    assertThat(stopped.state()).isEqualTo(ContainerInfo.State.EXITED);
    assertThat(stopped.exitCode()).isZero();
    assertThat(stopped.finishedAt()).isNotNull();
    assertThat(stopped.ports()).isEmpty();

    // stopping a stopped container is fine, and so is stopping a missing one
    runtime.stop(info.id(), Duration.ofSeconds(10));
    runtime.stop("troupe-test-no-such-container-" + RUN, Duration.ofSeconds(1));
  }

  @Test
  void aContainerThatIgnoresTermIsKilledAfterTheGrace() {
    ContainerInfo info =
        create(spec("stubborn").command("/bin/sh", "-c", "trap '' TERM; sleep 1000"));
    runtime.start(info.id());
    assertThat(runtime.inspect(info.id()).orElseThrow().state())
        .isEqualTo(ContainerInfo.State.RUNNING);

    Duration grace = Duration.ofMillis(1500);
    long t0 = System.nanoTime();
    runtime.stop(info.id(), grace);
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(took).isGreaterThanOrEqualTo(grace).isLessThan(Duration.ofSeconds(15));
    ContainerInfo stopped = runtime.inspect(info.id()).orElseThrow();
    assertThat(stopped.state()).isEqualTo(ContainerInfo.State.EXITED);
    assertThat(stopped.exitCode()).isEqualTo(137);
  }

  @Test
  void aContainerThatExitsReportsItsExitCode() {
    ContainerInfo info = create(spec("exit3").command("/bin/sh", "-c", "exit 3"));
    runtime.start(info.id());

    ContainerInfo exited =
        awaitState(info.id(), i -> i.state() == ContainerInfo.State.EXITED, Duration.ofSeconds(5));

    assertThat(exited.exitCode()).isEqualTo(3);
    assertThat(exited.oomKilled()).isFalse();
    assertThat(exited.error()).isNull();
    assertThat(exited.startedAt()).isNotNull();
    // not compared with startedAt: the engine and containerd stamp the two, and they can disagree
    assertThat(exited.finishedAt()).isNotNull();
  }

  @Test
  void execRunsACommandInTheContainerAndReportsItsExitCodeAndOutput() {
    ContainerInfo info = create(spec("exec"));
    runtime.start(info.id());

    ContainerRuntime.ExecResult ok =
        runtime.exec(info.id(), List.of("cat", "/www/healthz"), Duration.ofSeconds(5));
    ContainerRuntime.ExecResult failed =
        runtime.exec(
            info.id(), List.of("/bin/sh", "-c", "echo nope >&2; exit 4"), Duration.ofSeconds(5));

    assertThat(ok.exitCode()).isZero();
    assertThat(ok.output()).isEqualTo("ok\n");
    assertThat(ok.succeeded()).isTrue();
    assertThat(failed.exitCode()).isEqualTo(4);
    assertThat(failed.output()).isEqualTo("nope\n");
    assertThat(failed.succeeded()).isFalse();
  }

  @Test
  void anExecThatOutlivesItsTimeoutHasNoExitCode() {
    ContainerInfo info = create(spec("exec-slow"));
    runtime.start(info.id());

    ContainerRuntime.ExecResult slow =
        runtime.exec(info.id(), List.of("sleep", "30"), Duration.ofMillis(500));

    assertThat(slow.exitCode()).isNull();
    assertThat(slow.succeeded()).isFalse();
  }

  @Test
  void execInAStoppedContainerFails() {
    ContainerInfo info = create(spec("exec-stopped").command("/bin/sh", "-c", "exit 0"));
    runtime.start(info.id());
    awaitState(info.id(), i -> i.state() == ContainerInfo.State.EXITED, Duration.ofSeconds(5));

    assertThatThrownBy(() -> runtime.exec(info.id(), List.of("true"), Duration.ofSeconds(5)))
        .isInstanceOf(RuntimeFailure.class)
        .hasMessageContaining("is not running");
  }

  /** Collects a log and waits for its end. */
  private static final class CollectedLog implements ContainerRuntime.LogSink {
    final StringBuilder text = new StringBuilder();
    final java.util.concurrent.CompletableFuture<RuntimeFailure> ended =
        new java.util.concurrent.CompletableFuture<>();
    final int acceptAtMost;
    int accepted;

    CollectedLog(int acceptAtMost) {
      this.acceptAtMost = acceptAtMost;
    }

    @Override
    public synchronized boolean accept(byte[] chunk) {
      text.append(new String(chunk, java.nio.charset.StandardCharsets.UTF_8));
      return ++accepted < acceptAtMost;
    }

    @Override
    public void end(RuntimeFailure failure) {
      ended.complete(failure);
    }

    synchronized String text() {
      return text.toString();
    }

    RuntimeFailure awaitEnd() throws Exception {
      return ended.get(20, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  private static final ContainerRuntime.LogQuery ALL =
      new ContainerRuntime.LogQuery(false, null, null, false);

  @Test
  void theLogHoldsStdoutAndStderrAndItsTailTheLastLines() throws Exception {
    ContainerInfo info =
        create(
            spec("log")
                .command(
                    "/bin/sh", "-c", "echo one; sleep 0.1; echo two >&2; sleep 0.1; echo three"));
    runtime.start(info.id());
    awaitState(info.id(), i -> i.state() == ContainerInfo.State.EXITED, Duration.ofSeconds(5));

    CollectedLog all = new CollectedLog(Integer.MAX_VALUE);
    runtime.logs(info.id(), ALL, all);
    CollectedLog tail = new CollectedLog(Integer.MAX_VALUE);
    runtime.logs(info.id(), new ContainerRuntime.LogQuery(false, 1, null, true), tail);

    assertThat(all.awaitEnd()).isNull();
    assertThat(all.text()).isEqualTo("one\ntwo\nthree\n");
    assertThat(tail.awaitEnd()).isNull();
    assertThat(tail.text()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z three\n");
  }

  @Test
  void aFollowedLogStreamsWhileTheContainerRunsAndEndsWithIt() throws Exception {
    ContainerInfo info =
        create(spec("log-follow").command("/bin/sh", "-c", "echo first; sleep 2; echo last"));
    runtime.start(info.id());

    CollectedLog followed = new CollectedLog(Integer.MAX_VALUE);
    runtime.logs(info.id(), new ContainerRuntime.LogQuery(true, null, null, false), followed);
    String early = null;
    for (int i = 0; i < 50 && (early == null || early.isEmpty()); i++) {
      Thread.sleep(20);
      early = followed.text();
    }

    assertThat(early).isEqualTo("first\n");
    assertThat(followed.awaitEnd()).isNull();
    assertThat(followed.text()).isEqualTo("first\nlast\n");
  }

  @Test
  void aSinkThatDeclinesEndsTheLogAndClosingTheHandleEndsAFollow() throws Exception {
    ContainerInfo info = create(spec("log-decline").command("/bin/sh", "-c", "echo a; sleep 1000"));
    runtime.start(info.id());
    Thread.sleep(500);

    CollectedLog once = new CollectedLog(1);
    runtime.logs(info.id(), new ContainerRuntime.LogQuery(true, null, null, false), once);
    CollectedLog closed = new CollectedLog(Integer.MAX_VALUE);
    java.io.Closeable handle =
        runtime.logs(info.id(), new ContainerRuntime.LogQuery(true, null, null, false), closed);
    handle.close();

    assertThat(once.awaitEnd()).isNull();
    assertThat(once.text()).isEqualTo("a\n");
    assertThat(closed.awaitEnd()).isNull();
  }

  @Test
  void theLogOfAContainerThatDoesNotExistEndsWithNotFound() throws Exception {
    CollectedLog missing = new CollectedLog(Integer.MAX_VALUE);

    runtime.logs("troupe-no-such-container-" + RUN, ALL, missing);

    assertThat(missing.awaitEnd())
        .isNotNull()
        .extracting(RuntimeFailure::reason)
        .isEqualTo("NotFound");
  }

  @Test
  void argsEnvAndWorkingDirReachTheProcess() throws Exception {
    ContainerInfo info =
        create(
            spec("args")
                .args(
                    "/bin/sh",
                    "-c",
                    "pwd > /www/index.html; echo \"$GREETING\" >> /www/index.html;"
                        + " exec httpd -f -p 8080 -h /www")
                .env("GREETING", "hi there")
                .workingDir("/tmp")
                .port(8080));
    runtime.start(info.id());

    int hostPort = runtime.inspect(info.id()).orElseThrow().ports().get(0).hostPort();
    assertThat(getWithin(hostPort, "/", Duration.ofSeconds(5))).isEqualTo("/tmp\nhi there\n");
  }

  @Test
  void removeMakesAContainerGone() {
    ContainerInfo info = create(spec("removed"));
    runtime.start(info.id());

    runtime.remove(info.id());

    assertThat(runtime.inspect(info.id())).isEmpty();
    assertThat(runtime.listByLabel(TEST_LABEL, RUN)).isEmpty();
    // removing again is fine
    runtime.remove(info.id());
  }

  @Test
  void listByLabelFindsStoppedContainersToo() {
    ContainerInfo running = create(spec("listed-running"));
    ContainerInfo stopped = create(spec("listed-created"));
    runtime.start(running.id());

    assertThat(runtime.listByLabel(TEST_LABEL, RUN))
        .extracting(ContainerInfo::id, ContainerInfo::state)
        .containsExactlyInAnyOrder(
            tuple(running.id(), ContainerInfo.State.RUNNING),
            tuple(stopped.id(), ContainerInfo.State.CREATED));
    assertThat(runtime.listByLabel(TEST_LABEL, RUN + "-other")).isEmpty();
  }

  @Test
  void limitsLandInTheHostConfig() {
    ContainerInfo info = create(spec("limits").memory(64L << 20).nanoCpus(500_000_000L));

    HostConfig host = raw.inspectContainerCmd(info.id()).exec().getHostConfig();

    assertThat(host.getMemory()).isEqualTo(64L << 20);
    assertThat(host.getMemorySwap()).isEqualTo(64L << 20);
    assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
    assertThat(host.getRestartPolicy().getName()).isIn("no", "");
  }

  @Test
  void aContainerGoingPastItsMemoryLimitIsReportedOomKilled() {
    // tail keeps a line that never ends: it grows until the kernel kills it
    ContainerInfo info =
        create(
            spec("oom")
                .command("/bin/sh", "-c", "head -c 200m /dev/zero | tail")
                .memory(16L << 20));
    runtime.start(info.id());

    ContainerInfo killed =
        awaitState(info.id(), i -> i.state() == ContainerInfo.State.EXITED, Duration.ofSeconds(20));

    assertThat(killed.oomKilled()).isTrue();
    assertThat(killed.exitCode()).isEqualTo(137);
  }

  @Test
  void anAbsentImageWithPullPolicyNeverFails() {
    String image = "troupe/absent-" + RUN + ":1";

    assertThatThrownBy(() -> runtime.ensureImage(image, "Never"))
        .isInstanceOfSatisfying(
            RuntimeFailure.class, f -> assertThat(f.reason()).isEqualTo("ErrImageNeverPull"))
        .hasMessage("Container image \"" + image + "\" is not present with pull policy of Never");
  }

  @Test
  void aPresentImageNeedsNoPull() {
    // no registry is reachable from here: a pull would fail, so passing proves there was none
    runtime.ensureImage(IMAGE, "IfNotPresent");
    runtime.ensureImage(IMAGE, "Never");
  }

  @Test
  void aFailedPullReportsErrImagePullWithDockersMessage() {
    // a registry on a closed loopback port: the engine fails fast, and nothing leaves the machine
    String image = "127.0.0.1:1/troupe/absent-" + RUN + ":1";

    assertThatThrownBy(() -> runtime.ensureImage(image, "IfNotPresent"))
        .isInstanceOfSatisfying(
            RuntimeFailure.class,
            f -> {
              assertThat(f.reason()).isEqualTo("ErrImagePull");
              assertThat(f.getMessage()).contains("127.0.0.1:1").doesNotStartWith("Status ");
            });
  }

  @Test
  void creatingFromAnAbsentImageFailsWithCreateContainerError() {
    Spec spec = spec("no-image");
    spec.image = "troupe/absent-" + RUN + ":1";

    assertThatThrownBy(() -> create(spec))
        .isInstanceOfSatisfying(
            RuntimeFailure.class, f -> assertThat(f.reason()).isEqualTo("CreateContainerError"))
        .hasMessageContaining("No such image");
  }

  @Test
  void connectingToAMissingSocketFailsFastSayingWhatToStart() {
    String host = "unix:///tmp/troupe-no-such-docker-" + RUN + ".sock";
    long t0 = System.nanoTime();

    assertThatThrownBy(() -> DockerRuntime.connect(host, NODE_ADDRESS))
        .isInstanceOf(RuntimeUnavailable.class)
        .hasMessageStartingWith("Cannot reach the Docker engine at " + host + ": ")
        .hasMessageContaining("Start it (for example `dockerd`, or run scripts/setup-machine)")
        .hasMessageEndingWith("or pass --docker-host.");

    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void connectingToAnEngineThatNeverAnswersFailsWithinTheProbeTimeout() throws Exception {
    // a unix socket that accepts connections and then says nothing, as a wedged engine does
    Path socket = Path.of("/tmp/troupe-silent-docker-" + RUN + ".sock");
    Files.deleteIfExists(socket);
    List<SocketChannel> accepted = Collections.synchronizedList(new ArrayList<>());
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    accepted.add(server.accept());
                  }
                } catch (IOException e) {
                  // the server closed: the test is over
                }
              },
              "silent-engine");
      acceptor.setDaemon(true);
      acceptor.start();
      long t0 = System.nanoTime();

      assertThatThrownBy(() -> DockerRuntime.connect("unix://" + socket, NODE_ADDRESS))
          .isInstanceOf(RuntimeUnavailable.class)
          .hasMessageContaining("no answer to ping within 3 s")
          .hasMessageContaining("Start it");

      assertThat(Duration.ofNanos(System.nanoTime() - t0))
          .isGreaterThanOrEqualTo(DockerRuntime.PROBE_TIMEOUT)
          .isLessThan(Duration.ofSeconds(5));
    } finally {
      synchronized (accepted) {
        for (SocketChannel c : accepted) {
          c.close();
        }
      }
      Files.deleteIfExists(socket);
    }
  }

  @Test
  void imageReferencesSplitIntoRepositoryAndTag() {
    assertThat(ImageRef.parse("busybox")).isEqualTo(new ImageRef("busybox", null, null));
    assertThat(ImageRef.parse("busybox").pullTag()).isEqualTo("latest");
    assertThat(ImageRef.parse("troupe/hello:1").pullTag()).isEqualTo("1");
    assertThat(ImageRef.parse("registry:5000/repo"))
        .isEqualTo(new ImageRef("registry:5000/repo", null, null));
    assertThat(ImageRef.parse("registry:5000/team/repo:v2"))
        .isEqualTo(new ImageRef("registry:5000/team/repo", "v2", null));
    String digest = "sha256:" + "ab".repeat(32);
    assertThat(ImageRef.parse("registry:5000/repo@" + digest))
        .isEqualTo(new ImageRef("registry:5000/repo", null, digest));
    assertThat(ImageRef.parse("repo:tag@" + digest).pullTag()).isEqualTo(digest);
  }

  @Test
  void graceRoundsUpToWholeSecondsAndDockersZeroTimeMeansNever() {
    assertThat(DockerRuntime.graceSeconds(Duration.ZERO)).isZero();
    assertThat(DockerRuntime.graceSeconds(Duration.ofMillis(-5))).isZero();
    assertThat(DockerRuntime.graceSeconds(Duration.ofMillis(1))).isEqualTo(1);
    assertThat(DockerRuntime.graceSeconds(Duration.ofMillis(1500))).isEqualTo(2);
    assertThat(DockerRuntime.graceSeconds(Duration.ofSeconds(30))).isEqualTo(30);
    assertThat(ContainerInfoMapper.timestamp("0001-01-01T00:00:00Z")).isNull();
    assertThat(ContainerInfoMapper.timestamp("2024-05-01T10:11:12.123456789Z"))
        .isEqualTo(Instant.parse("2024-05-01T10:11:12.123456789Z"));
  }

  // --- helpers
  // ------------------------------------------------------------------------------------

  private static ContainerInfo create(Spec spec) {
    ContainerInfo info = runtime.create(spec.build());
    created.add(info.id());
    return info;
  }

  private static Spec spec(String suffix) {
    return new Spec("troupe-test-" + RUN + "-" + suffix);
  }

  /** GETs a path on the loopback port until it answers 200 or the time is up. */
  private static String getWithin(int hostPort, String path, Duration within) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + hostPort + path);
    long deadline = System.nanoTime() + within.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return response.body();
        }
        last = new IOException("HTTP " + response.statusCode());
      } catch (IOException e) {
        last = e;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(uri + " did not answer within " + within, last);
  }

  private static ContainerInfo awaitState(
      String id, Predicate<ContainerInfo> condition, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    ContainerInfo info = runtime.inspect(id).orElseThrow();
    while (!condition.test(info) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      info = runtime.inspect(id).orElseThrow();
    }
    assertThat(condition.test(info)).as("state of %s within %s: %s", id, within, info).isTrue();
    return info;
  }

  /** A small builder, so each test names only what it cares about. */
  private static final class Spec {
    final String name;
    String image = IMAGE;
    List<String> command;
    List<String> args;
    String workingDir;
    final Map<String, String> env = new LinkedHashMap<>();
    final List<ContainerSpec.PortSpec> ports = new ArrayList<>();
    String hostname;
    Long memory;
    Long nanoCpus;

    Spec(String name) {
      this.name = name;
    }

    Spec command(String... command) {
      this.command = List.of(command);
      return this;
    }

    Spec args(String... args) {
      this.args = List.of(args);
      return this;
    }

    Spec workingDir(String dir) {
      this.workingDir = dir;
      return this;
    }

    Spec env(String key, String value) {
      env.put(key, value);
      return this;
    }

    Spec port(int containerPort) {
      // no host IP: the runtime binds to the node address, 127.0.0.1 here
      ports.add(new ContainerSpec.PortSpec(containerPort, "TCP", null, null));
      return this;
    }

    Spec hostname(String hostname) {
      this.hostname = hostname;
      return this;
    }

    Spec memory(long bytes) {
      this.memory = bytes;
      return this;
    }

    Spec nanoCpus(long nanoCpus) {
      this.nanoCpus = nanoCpus;
      return this;
    }

    ContainerSpec build() {
      return new ContainerSpec(
          name,
          image,
          command,
          args,
          workingDir,
          env,
          ports,
          hostname,
          Map.of(TEST_LABEL, RUN),
          memory,
          nanoCpus);
    }
  }
}
