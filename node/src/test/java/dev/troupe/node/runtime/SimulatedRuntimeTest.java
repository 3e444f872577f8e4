package dev.troupe.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Unit tests of {@link SimulatedRuntime}: the same contract as the Docker runtime, in memory. */
class SimulatedRuntimeTest {

  private static final String NODE_ADDRESS = "127.0.0.1";

  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private SimulatedRuntime runtime =
      new SimulatedRuntime(NODE_ADDRESS, clock, SimulatedRuntime.Behaviour.defaults());

  @Test
  void itNamesItselfSimulated() {
    assertThat(runtime.version()).isEqualTo("simulated://1");
    assertThat(runtime.nodeAddress()).isEqualTo(NODE_ADDRESS);
  }

  @Test
  void aCreatedContainerIsCreatedWithARandomHexId() {
    ContainerInfo a = runtime.create(spec("a", "img:1"));
    ContainerInfo b = runtime.create(spec("b", "img:1"));

    assertThat(a.id()).matches("[0-9a-f]{64}").isNotEqualTo(b.id());
    assertThat(a.name()).isEqualTo("a");
    assertThat(a.image()).isEqualTo("img:1");
    assertThat(a.imageId()).isEqualTo(b.imageId()).startsWith("sha256:");
    assertThat(a.state()).isEqualTo(ContainerInfo.State.CREATED);
    assertThat(a.labels()).containsEntry("app", "test");
    assertThat(a.startedAt()).isNull();
    assertThat(a.finishedAt()).isNull();
    assertThat(a.ports()).isEmpty();
  }

  @Test
  void aRetriedCreateReturnsTheSameContainer() {
    ContainerInfo first = runtime.create(spec("web", "img:1"));

    ContainerInfo second = runtime.create(spec("web", "img:1"));

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(runtime.listByLabel("app", "test")).hasSize(1);
  }

  @Test
  void concurrentCreatesOfOneNameMakeOneContainer() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> ids = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        ids.add(
            pool.submit(
                () -> {
                  go.await();
                  return runtime.create(spec("race", "img:1")).id();
                }));
      }
      go.countDown();
      Set<String> distinct = new HashSet<>();
      for (Future<String> id : ids) {
        distinct.add(id.get(5, TimeUnit.SECONDS));
      }

      assertThat(distinct).hasSize(1);
      assertThat(runtime.listByLabel("app", "test")).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void startRunsAndPublishesFakePortsOnTheNodeAddress() {
    ContainerInfo c = runtime.create(spec("web", "img:1", port(8080, null), port(9090, 9999)));
    clock.advance(Duration.ofSeconds(3));

    runtime.start(c.id());

    ContainerInfo running = runtime.inspect(c.id()).orElseThrow();
    assertThat(running.state()).isEqualTo(ContainerInfo.State.RUNNING);
    assertThat(running.startedAt()).isEqualTo(clock.instant());
    assertThat(running.finishedAt()).isNull();
    assertThat(running.exitCode()).isZero();
    assertThat(running.ports())
        .containsExactly(
            new ContainerInfo.PublishedPort(8080, "TCP", NODE_ADDRESS, 40000),
            new ContainerInfo.PublishedPort(9090, "TCP", NODE_ADDRESS, 9999));
  }

  @Test
  void everyEphemeralPortGetsItsOwnHostPort() {
    ContainerInfo a = runtime.create(spec("a", "img:1", port(8080, null)));
    ContainerInfo b = runtime.create(spec("b", "img:1", port(8080, null)));
    runtime.start(a.id());
    runtime.start(b.id());

    assertThat(runtime.inspect(a.id()).orElseThrow().ports().get(0).hostPort()).isEqualTo(40000);
    assertThat(runtime.inspect(b.id()).orElseThrow().ports().get(0).hostPort()).isEqualTo(40001);
  }

  @Test
  void startingARunningContainerDoesNothing() {
    ContainerInfo c = runtime.create(spec("web", "img:1", port(8080, null)));
    runtime.start(c.id());
    ContainerInfo before = runtime.inspect(c.id()).orElseThrow();
    clock.advance(Duration.ofSeconds(5));

    runtime.start(c.id());

    assertThat(runtime.inspect(c.id()).orElseThrow()).isEqualTo(before);
  }

  @Test
  void startingAMissingContainerFails() {
    assertThatThrownBy(() -> runtime.start("nope"))
        .isInstanceOfSatisfying(
            RuntimeFailure.class, f -> assertThat(f.reason()).isEqualTo("RunContainerError"));
  }

  @Test
  void stopExitsTheContainerAndUnpublishesItsPorts() {
    ContainerInfo c = runtime.create(spec("web", "img:1", port(8080, null)));
    runtime.start(c.id());
    Instant startedAt = clock.instant();
    clock.advance(Duration.ofSeconds(7));

    runtime.stop(c.id(), Duration.ofSeconds(30));

    ContainerInfo stopped = runtime.inspect(c.id()).orElseThrow();
    assertThat(stopped.state()).isEqualTo(ContainerInfo.State.EXITED);
    assertThat(stopped.exitCode()).isZero();
    assertThat(stopped.startedAt()).isEqualTo(startedAt);
    assertThat(stopped.finishedAt()).isEqualTo(clock.instant());
    assertThat(stopped.ports()).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    runtime.stop(c.id(), Duration.ofSeconds(30));
    runtime.stop("missing", Duration.ZERO);
    assertThat(runtime.inspect(c.id()).orElseThrow()).isEqualTo(stopped);
  }

  @Test
  void aStoppedContainerCanStartAgain() {
    ContainerInfo c = runtime.create(spec("web", "img:1"));
    runtime.start(c.id());
    runtime.stop(c.id(), Duration.ZERO);
    Instant finishedAt = runtime.inspect(c.id()).orElseThrow().finishedAt();
    clock.advance(Duration.ofSeconds(2));

    runtime.start(c.id());

    ContainerInfo again = runtime.inspect(c.id()).orElseThrow();
    assertThat(again.state()).isEqualTo(ContainerInfo.State.RUNNING);
    assertThat(again.startedAt()).isEqualTo(clock.instant());
    assertThat(again.finishedAt()).isEqualTo(finishedAt);
  }

  @Test
  void removeMakesAContainerGoneAndFreesItsName() {
    ContainerInfo c = runtime.create(spec("web", "img:1"));
    runtime.start(c.id());

    runtime.remove(c.id());

    assertThat(runtime.inspect(c.id())).isEmpty();
    assertThat(runtime.listByLabel("app", "test")).isEmpty();
    runtime.remove(c.id());
    assertThat(runtime.create(spec("web", "img:1")).id()).isNotEqualTo(c.id());
  }

  @Test
  void namesWorkWhereIdsDo() {
    ContainerInfo c = runtime.create(spec("web", "img:1"));

    runtime.start("web");

    assertThat(runtime.inspect("web").orElseThrow().id()).isEqualTo(c.id());
    assertThat(runtime.inspect("web").orElseThrow().state()).isEqualTo(ContainerInfo.State.RUNNING);
    runtime.remove("web");
    assertThat(runtime.inspect(c.id())).isEmpty();
  }

  @Test
  void listByLabelFindsEveryStateAndOnlyThatLabel() {
    ContainerInfo created = runtime.create(spec("a", "img:1"));
    ContainerInfo running = runtime.create(spec("b", "img:1"));
    ContainerInfo exited = runtime.create(spec("c", "img:1"));
    runtime.start(running.id());
    runtime.start(exited.id());
    runtime.stop(exited.id(), Duration.ZERO);
    runtime.create(
        new ContainerSpec(
            "other",
            "img:1",
            null,
            null,
            null,
            null,
            null,
            null,
            Map.of("app", "other"),
            null,
            null));

    assertThat(runtime.listByLabel("app", "test"))
        .extracting(ContainerInfo::id)
        .containsExactlyInAnyOrder(created.id(), running.id(), exited.id());
    assertThat(runtime.listByLabel("app", "none")).isEmpty();
    assertThat(runtime.listByLabel("missing", "test")).isEmpty();
  }

  @Test
  void everyImageIsPresentByDefault() {
    runtime.ensureImage("anything:1", "Never");
    runtime.ensureImage("registry:5000/repo@sha256:" + "0".repeat(64), "Always");
  }

  @Test
  void aMissingImageFailsLikeDocker() {
    runtime =
        new SimulatedRuntime(
            NODE_ADDRESS, clock, SimulatedRuntime.Behaviour.defaults().withMissingImage("gone:1"));

    assertThatThrownBy(() -> runtime.ensureImage("gone:1", "Never"))
        .isInstanceOfSatisfying(
            RuntimeFailure.class, f -> assertThat(f.reason()).isEqualTo("ErrImageNeverPull"))
        .hasMessage("Container image \"gone:1\" is not present with pull policy of Never");
    assertThatThrownBy(() -> runtime.ensureImage("gone:1", "IfNotPresent"))
        .isInstanceOfSatisfying(
            RuntimeFailure.class, f -> assertThat(f.reason()).isEqualTo("ErrImagePull"));
    assertThatThrownBy(() -> runtime.create(spec("web", "gone:1")))
        .isInstanceOfSatisfying(
            RuntimeFailure.class, f -> assertThat(f.reason()).isEqualTo("CreateContainerError"));
    runtime.ensureImage("there:1", "Never");
  }

  @Test
  void aContainerOfAnExitingImageExitsRightAfterStart() {
    runtime =
        new SimulatedRuntime(
            NODE_ADDRESS, clock, SimulatedRuntime.Behaviour.defaults().withExitCode("crash:1", 3));
    ContainerInfo c = runtime.create(spec("crash", "crash:1", port(8080, null)));

    runtime.start(c.id());

    ContainerInfo exited = runtime.inspect(c.id()).orElseThrow();
    assertThat(exited.state()).isEqualTo(ContainerInfo.State.EXITED);
    assertThat(exited.exitCode()).isEqualTo(3);
    assertThat(exited.startedAt()).isEqualTo(clock.instant());
    assertThat(exited.finishedAt()).isEqualTo(clock.instant());
    assertThat(exited.ports()).isEmpty();
  }

  @Test
  void startTakesTheConfiguredLatency() {
    runtime =
        new SimulatedRuntime(
            NODE_ADDRESS,
            clock,
            SimulatedRuntime.Behaviour.defaults().withStartLatency(Duration.ofMillis(100)));
    ContainerInfo c = runtime.create(spec("slow", "img:1"));

    long t0 = System.nanoTime();
    runtime.start(c.id());

    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(100));
    assertThat(runtime.inspect(c.id()).orElseThrow().isRunning()).isTrue();
  }

  @Test
  void behaviourDefaultsItsMissingParts() {
    SimulatedRuntime.Behaviour b = new SimulatedRuntime.Behaviour(null, null, null);

    assertThat(b).isEqualTo(SimulatedRuntime.Behaviour.defaults());
  }

  // --- helpers
  // ------------------------------------------------------------------------------------

  private static ContainerSpec spec(String name, String image, ContainerSpec.PortSpec... ports) {
    return new ContainerSpec(
        name,
        image,
        null,
        null,
        null,
        Map.of(),
        List.of(ports),
        name,
        Map.of("app", "test"),
        null,
        null);
  }

  private static ContainerSpec.PortSpec port(int containerPort, Integer hostPort) {
    return new ContainerSpec.PortSpec(containerPort, "TCP", null, hostPort);
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
