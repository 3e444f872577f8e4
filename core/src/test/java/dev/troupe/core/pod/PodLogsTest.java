package dev.troupe.core.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerState;
import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.model.PodStatus;
import dev.troupe.core.validation.FieldError;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which log a request reads, and Kubernetes' refusals, for the pod log endpoint. */
class PodLogsTest {

  private static final Instant T0 = Instant.parse("2026-11-29T19:00:00Z");

  private static PodLogs.Options options(String container, boolean previous) {
    return new PodLogs.Options(container, false, previous, null, null, null, false, null);
  }

  private static Pod pod(String node, ContainerStatus... statuses) {
    return pod(List.of(Container.of("app", "troupe/hello:1")), node, statuses);
  }

  private static Pod pod(List<Container> containers, String node, ContainerStatus... statuses) {
    Pod pod =
        Pod.of(
            ObjectMeta.named("default", "web"),
            new PodSpec(containers, "Always", null, node, null));
    if (statuses.length == 0) {
      return pod;
    }
    return pod.withStatus(
        new PodStatus(
            "Running",
            List.of(),
            null,
            null,
            null,
            null,
            null,
            Arrays.asList(statuses),
            null,
            null));
  }

  private static ContainerStatus running(String id, ContainerState last) {
    return new ContainerStatus(
        "app", ContainerState.running(T0), last, true, 1, "troupe/hello:1", null, id, true);
  }

  private static ContainerStatus waiting(String reason, ContainerState last, String id) {
    return new ContainerStatus(
        "app",
        ContainerState.waiting(reason, null),
        last,
        false,
        0,
        "troupe/hello:1",
        null,
        id,
        false);
  }

  private static ContainerState exited(String id) {
    return ContainerState.terminated(
        new ContainerState.Terminated(1, null, "Error", null, T0, T0.plusSeconds(5), id));
  }

  @Test
  void theRunningRunIsReadAndWithPreviousTheOneBefore() {
    Pod pod = pod("node-1", running("docker://new", exited("docker://old")));

    PodLogs.Target current = PodLogs.target(pod, options(null, false));
    PodLogs.Target previous = PodLogs.target(pod, options("app", true));

    assertThat(current).isEqualTo(new PodLogs.Target("app", "node-1", "docker://new", null));
    assertThat(previous.containerId()).isEqualTo("docker://old");
  }

  @Test
  void aContainerBackingOffShowsTheLogOfItsLastRun() {
    Pod pod = pod("node-1", waiting("CrashLoopBackOff", exited("docker://old"), "docker://old"));

    assertThat(PodLogs.target(pod, options(null, false)).containerId()).isEqualTo("docker://old");
  }

  @Test
  void withoutAPreviousRunPreviousIsRefusedAsKubernetesWordsIt() {
    Pod pod = pod("node-1", running("docker://only", null));

    assertThat(PodLogs.target(pod, options(null, true)).refusal())
        .isEqualTo("previous terminated container \"app\" in pod \"web\" not found");
  }

  @Test
  void aContainerThatNeverStartedIsWaitingToStartWithItsReason() {
    assertThat(
            PodLogs.target(
                    pod("node-1", waiting("ContainerCreating", null, null)), options(null, false))
                .refusal())
        .isEqualTo("container \"app\" in pod \"web\" is waiting to start: ContainerCreating");
    assertThat(
            PodLogs.target(pod("node-1", waiting("ErrImagePull", null, null)), options(null, false))
                .refusal())
        .isEqualTo("container \"app\" in pod \"web\" is waiting to start: image can't be pulled");
    assertThat(
            PodLogs.target(
                    pod("node-1", waiting("ImagePullBackOff", null, null)), options(null, false))
                .refusal())
        .isEqualTo(
            "container \"app\" in pod \"web\" is waiting to start: trying and failing to pull image");
    assertThat(PodLogs.target(pod("node-1"), options(null, false)).refusal())
        .isEqualTo("container \"app\" in pod \"web\" is waiting to start: ContainerCreating");
  }

  @Test
  void anUnscheduledPodHasNoHostToAsk() {
    assertThat(PodLogs.target(pod(null), options(null, false)).refusal())
        .isEqualTo("pod web does not have a host assigned");
  }

  @Test
  void anUnknownContainerIsNotValidForThePod() {
    assertThat(PodLogs.target(pod("node-1"), options("db", false)).refusal())
        .isEqualTo("container db is not valid for pod web");
  }

  @Test
  void aPodOfSeveralContainersNeedsOneNamed() {
    Pod two =
        pod(
            List.of(Container.of("app", "troupe/hello:1"), Container.of("side", "troupe/hello:1")),
            "node-1");

    assertThat(PodLogs.target(two, options(null, false)).refusal())
        .isEqualTo("a container name must be specified for pod web, choose one of: [app side]");
  }

  @Test
  void theOptionsAreCheckedAsKubernetesChecksThem() {
    PodLogs.Options bad = new PodLogs.Options(null, false, false, -1L, 0L, T0, false, 0L);

    assertThat(PodLogs.validate(bad).stream().map(FieldError::toString))
        .containsExactly(
            "sinceSeconds: Forbidden: at most one of sinceTime or sinceSeconds may be specified",
            "sinceSeconds: Invalid value: 0: must be greater than 0",
            "tailLines: Invalid value: -1: must be greater than or equal to 0",
            "limitBytes: Invalid value: 0: must be greater than 0");
    assertThat(PodLogs.validate(new PodLogs.Options(null, true, true, 0L, 5L, null, true, 1L)))
        .isEmpty();
  }

  @Test
  void sinceSecondsCountsBackFromNow() {
    PodLogs.Options options = new PodLogs.Options(null, false, false, null, 30L, null, false, null);

    assertThat(options.since(T0)).isEqualTo(T0.minusSeconds(30));
    assertThat(options(null, false).since(T0)).isNull();
  }
}
