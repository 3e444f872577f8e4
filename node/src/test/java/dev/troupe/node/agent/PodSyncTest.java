package dev.troupe.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerPort;
import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.pod.PodAdmission;
import dev.troupe.core.pod.RestartBackoff;
import dev.troupe.node.runtime.ContainerInfo;
import dev.troupe.node.runtime.SimulatedRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PodSyncTest {

  private static final String CRASHING = "troupe/crash:1";
  private static final String DONE = "troupe/done:1";
  private static final String MISSING = "troupe/missing:1";

  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T12:00:00Z"));
  private final SimulatedRuntime runtime =
      new SimulatedRuntime(
          "127.0.0.1",
          clock,
          SimulatedRuntime.Behaviour.defaults()
              .withExitCode(CRASHING, 1)
              .withExitCode(DONE, 0)
              .withMissingImage(MISSING));
  private final PodSync sync =
      new PodSync(
          runtime,
          "node-a",
          RestartBackoff.KUBERNETES,
          new ImagePulls(runtime, NodeAgent.Settings.KUBERNETES_PULL_BACKOFF, clock),
          NodeAgent.Settings.SANDBOX_IMAGE,
          clock);

  @Test
  void aNewPodGetsOneRunningContainerWithItsPortPublished() {
    Pod pod = pod("web", "troupe/hello:1", PodSpec.RESTART_ALWAYS);

    PodSync.Result result = sync.syncRunning(pod, PodProbes.View.NONE);

    ContainerStatus status = result.observation().containerStatuses().get(0);
    assertThat(status.state().running()).isNotNull();
    assertThat(status.ready()).isTrue();
    assertThat(status.restartCount()).isZero();
    assertThat(status.containerID()).startsWith("simulated://");
    assertThat(result.observation().hostPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.containerPort()).isEqualTo(8080);
              assertThat(p.hostIP()).isEqualTo("127.0.0.1");
              assertThat(p.hostPort()).isPositive();
            });
    assertThat(containersOf(pod))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.labels()).containsEntry("troupe.node", "node-a");
              assertThat(c.labels()).containsEntry("troupe.pod.uid", pod.uid());
              assertThat(c.labels()).containsEntry("troupe.attempt", "0");
            });
  }

  @Test
  void aSecondPassAndARestartedAgentAdoptTheContainerInsteadOfStartingAnother() {
    Pod pod = pod("web", "troupe/hello:1", PodSpec.RESTART_ALWAYS);
    sync.syncRunning(pod, PodProbes.View.NONE);
    String first = containersOf(pod).get(0).id();

    sync.syncRunning(pod, PodProbes.View.NONE);
    new PodSync(
            runtime,
            "node-a",
            RestartBackoff.KUBERNETES,
            new ImagePulls(runtime, NodeAgent.Settings.KUBERNETES_PULL_BACKOFF, clock),
            NodeAgent.Settings.SANDBOX_IMAGE,
            clock)
        .syncRunning(pod, PodProbes.View.NONE);

    assertThat(containersOf(pod)).extracting(ContainerInfo::id).containsExactly(first);
  }

  @Test
  void anUpdatedImageReplacesTheContainerAndCountsARestart() {
    Pod pod = pod("web", "troupe/hello:1", PodSpec.RESTART_ALWAYS);
    sync.syncRunning(pod, PodProbes.View.NONE);
    String first = containersOf(pod).get(0).id();
    Container updated = pod.spec().containers().get(0).withImage("troupe/hello:2");
    Pod withNewImage = pod.withSpec(pod.spec().withContainers(List.of(updated)));

    PodSync.Result result = sync.syncRunning(withNewImage, PodProbes.View.NONE);

    ContainerStatus status = result.observation().containerStatuses().get(0);
    assertThat(status.image()).isEqualTo("troupe/hello:2");
    assertThat(status.restartCount()).isEqualTo(1);
    assertThat(status.state().running()).isNotNull();
    assertThat(runtime.inspect(first))
        .hasValueSatisfying(old -> assertThat(old.isRunning()).isFalse());
  }

  @Test
  void aVanishedContainerIsStartedAgain() {
    Pod pod = pod("web", "troupe/hello:1", PodSpec.RESTART_ALWAYS);
    sync.syncRunning(pod, PodProbes.View.NONE);
    String first = containersOf(pod).get(0).id();
    runtime.remove(first);

    PodSync.Result result = sync.syncRunning(pod, PodProbes.View.NONE);

    assertThat(containersOf(pod))
        .singleElement()
        .satisfies(c -> assertThat(c.id()).isNotEqualTo(first));
    assertThat(result.observation().containerStatuses().get(0).state().running()).isNotNull();
  }

  @Test
  void aCrashingContainerRestartsAtOnceThenBacksOffTenSecondsThenTwenty() {
    Pod pod = pod("app", CRASHING, PodSpec.RESTART_ALWAYS);

    sync.syncRunning(pod, PodProbes.View.NONE); // attempt 0 exits
    PodSync.Result second =
        sync.syncRunning(pod, PodProbes.View.NONE); // restarted at once: attempt 1 exits
    assertThat(second.observation().containerStatuses().get(0).restartCount()).isEqualTo(1);

    PodSync.Result waiting = sync.syncRunning(pod, PodProbes.View.NONE);
    ContainerStatus status = waiting.observation().containerStatuses().get(0);
    assertThat(status.state().waiting().reason()).isEqualTo("CrashLoopBackOff");
    assertThat(status.state().waiting().message())
        .isEqualTo(
            "back-off 10s restarting failed container=app pod=app_default(%s)"
                .formatted(pod.uid()));
    assertThat(status.lastState().terminated().exitCode()).isEqualTo(1);
    assertThat(status.lastState().terminated().reason()).isEqualTo("Error");
    assertThat(waiting.nextPassWithin()).isEqualTo(Duration.ofSeconds(10));

    clock.advance(Duration.ofSeconds(10));
    assertThat(
            sync.syncRunning(pod, PodProbes.View.NONE)
                .observation()
                .containerStatuses()
                .get(0)
                .restartCount())
        .isEqualTo(2);
    PodSync.Result backOff20 = sync.syncRunning(pod, PodProbes.View.NONE);
    assertThat(backOff20.observation().containerStatuses().get(0).state().waiting().message())
        .startsWith("back-off 20s restarting failed container=app");
    assertThat(containersOf(pod)).as("the current and the previous run are kept").hasSize(2);
  }

  @Test
  void aContainerThatCompletesUnderNeverOrOnFailureIsNotRestarted() {
    for (String policy : List.of(PodSpec.RESTART_NEVER, PodSpec.RESTART_ON_FAILURE)) {
      Pod pod = pod("job-" + policy.toLowerCase(java.util.Locale.ROOT), DONE, policy);

      sync.syncRunning(pod, PodProbes.View.NONE);
      PodSync.Result result = sync.syncRunning(pod, PodProbes.View.NONE);

      ContainerStatus status = result.observation().containerStatuses().get(0);
      assertThat(status.state().terminated().reason()).as(policy).isEqualTo("Completed");
      assertThat(status.restartCount()).as(policy).isZero();
      assertThat(containersOf(pod)).as(policy).hasSize(1);
    }
  }

  @Test
  void anImageThatCannotBePulledLeavesTheContainerWaitingWithTheReason() {
    Pod pod = pod("broken", MISSING, PodSpec.RESTART_ALWAYS);

    PodSync.Result result = sync.syncRunning(pod, PodProbes.View.NONE);

    ContainerStatus status = result.observation().containerStatuses().get(0);
    assertThat(status.state().waiting().reason()).isIn("ErrImagePull", "ErrImageNeverPull");
    assertThat(containersOf(pod)).isEmpty();
  }

  @Test
  void terminatingStopsAndRemovesEveryContainerOfThePod() {
    Pod pod = pod("web", "troupe/hello:1", PodSpec.RESTART_ALWAYS);
    sync.syncRunning(pod, PodProbes.View.NONE);
    Pod terminating = pod.withMetadata(pod.metadata().withDeletion(clock.instant(), 5));

    PodSync.Result result = sync.terminate(terminating);

    assertThat(result.allGone()).isTrue();
    assertThat(containersOf(pod)).isEmpty();
    assertThat(result.observation().containerStatuses().get(0).state().terminated()).isNotNull();
  }

  @Test
  void aReplacedSandboxRunsTheInitContainersAgainBeforeTheContainersAsTheKubeletDoes() {
    Pod plain = pod("web", "troupe/hello:1", PodSpec.RESTART_ALWAYS);
    Pod pod = plain.withSpec(plain.spec().withInitContainers(List.of(Container.of("setup", DONE))));
    sync.syncRunning(pod, PodProbes.View.NONE); // setup runs and completes
    sync.syncRunning(pod, PodProbes.View.NONE); // web starts
    ContainerInfo firstWeb = runsOf(pod, "web").get(0);
    assertThat(firstWeb.isRunning()).isTrue();

    runtime.stop(sandboxesOf(pod).get(0).id(), Duration.ZERO);
    PodSync.Result rerun = sync.syncRunning(pod, PodProbes.View.NONE);

    assertThat(runsOf(pod, "setup")).hasSize(2);
    assertThat(rerun.observation().initContainerStatuses().get(0).restartCount()).isEqualTo(1);
    assertThat(runtime.inspect(firstWeb.id()).orElseThrow().isRunning())
        .as("the container of the gone sandbox waits for the init containers, stopped")
        .isFalse();
    PodSync.Result after = sync.syncRunning(pod, PodProbes.View.NONE);
    assertThat(after.observation().containerStatuses().get(0).state().running()).isNotNull();
    assertThat(after.observation().containerStatuses().get(0).restartCount()).isEqualTo(1);
  }

  @Test
  void aPodThatNeverRestartsDoesNotRunItsCompletedInitContainersAgain() {
    Pod plain = pod("job", "troupe/hello:1", PodSpec.RESTART_NEVER);
    Pod pod = plain.withSpec(plain.spec().withInitContainers(List.of(Container.of("setup", DONE))));
    sync.syncRunning(pod, PodProbes.View.NONE);
    sync.syncRunning(pod, PodProbes.View.NONE);

    runtime.stop(sandboxesOf(pod).get(0).id(), Duration.ZERO);
    sync.syncRunning(pod, PodProbes.View.NONE);

    assertThat(runsOf(pod, "setup")).hasSize(1);
  }

  @Test
  void anOrphanIsStoppedAndRemoved() {
    Pod pod = pod("web", "troupe/hello:1", PodSpec.RESTART_ALWAYS);
    sync.syncRunning(pod, PodProbes.View.NONE);

    sync.removeOrphan(containersOf(pod).get(0), Duration.ofSeconds(1));

    assertThat(containersOf(pod)).isEmpty();
  }

  /** The pod's containers, its sandbox aside. */
  private List<ContainerInfo> containersOf(Pod pod) {
    return runtime.listByLabel("troupe.pod.uid", pod.uid()).stream()
        .filter(c -> !ContainerLabels.isSandbox(c))
        .toList();
  }

  /** The runs of one container of the pod, oldest first. */
  private List<ContainerInfo> runsOf(Pod pod, String container) {
    return containersOf(pod).stream()
        .filter(c -> container.equals(c.labels().get(ContainerLabels.CONTAINER)))
        .sorted(java.util.Comparator.comparingInt(PodSync::attemptOf))
        .toList();
  }

  private List<ContainerInfo> sandboxesOf(Pod pod) {
    return runtime.listByLabel("troupe.pod.uid", pod.uid()).stream()
        .filter(ContainerLabels::isSandbox)
        .toList();
  }

  private Pod pod(String name, String image, String restartPolicy) {
    Container container =
        Container.of(name, image)
            .withPorts(List.of(new ContainerPort(null, 8080, null, null, null)));
    Pod sent =
        Pod.of(
            ObjectMeta.named("default", name),
            new PodSpec(List.of(container), restartPolicy, null, null, null));
    PodAdmission.Admitted admitted = PodAdmission.prepare(sent, "default", new Random(1));
    assertThat(admitted.errors()).isEmpty();
    Pod stamped = PodAdmission.stamp(admitted.pod(), UUID.randomUUID().toString(), clock.instant());
    return stamped.withSpec(stamped.spec().withNodeName("node-a"));
  }

  /** A clock the test moves by hand. */
  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
