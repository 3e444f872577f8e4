package dev.troupe.core.pod;

import static dev.troupe.core.TestPods.T0;
import static dev.troupe.core.TestPods.container;
import static dev.troupe.core.TestPods.crashLooping;
import static dev.troupe.core.TestPods.exited;
import static dev.troupe.core.TestPods.running;
import static dev.troupe.core.TestPods.spec;
import static dev.troupe.core.TestPods.waiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.HostPort;
import dev.troupe.core.model.PodCondition;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.model.PodStatus;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodStatusesTest {

  /** A spec with containers {@code a} and {@code b} under this restart policy. */
  private static PodSpec twoContainers(String restartPolicy) {
    return spec(restartPolicy, container("a", "busybox"), container("b", "busybox"));
  }

  static Stream<Arguments> phases() {
    return Stream.of(
        arguments(
            "all containers running is Running",
            "Always",
            List.of(running("a", true), running("b", true)),
            "Running"),
        arguments(
            "one container waiting to start for the first time is Pending",
            "Always",
            List.of(running("a", true), waiting("b")),
            "Pending"),
        arguments(
            "fewer statuses than containers is Pending",
            "Always",
            List.of(running("a", true)),
            "Pending"),
        arguments("no statuses at all is Pending", "Never", List.<ContainerStatus>of(), "Pending"),
        arguments(
            "all exited 0 under Never is Succeeded",
            "Never",
            List.of(exited("a", 0), exited("b", 0)),
            "Succeeded"),
        arguments(
            "all exited 0 under OnFailure is Succeeded",
            "OnFailure",
            List.of(exited("a", 0), exited("b", 0)),
            "Succeeded"),
        arguments(
            "all exited 0 under Always is Running, as they will be restarted",
            "Always",
            List.of(exited("a", 0), exited("b", 0)),
            "Running"),
        arguments(
            "one exited 1 under Never is Failed",
            "Never",
            List.of(exited("a", 0), exited("b", 1)),
            "Failed"),
        arguments(
            "one exited 1 under OnFailure is Running, as it will be restarted",
            "OnFailure",
            List.of(exited("a", 0), exited("b", 1)),
            "Running"),
        arguments(
            "one exited 1 under Always is Running",
            "Always",
            List.of(exited("a", 1), exited("b", 1)),
            "Running"),
        arguments(
            "one running beside one failed under Never is Running",
            "Never",
            List.of(running("a", true), exited("b", 1)),
            "Running"),
        arguments(
            "one waiting beside one failed under Never is Pending",
            "Never",
            List.of(waiting("a"), exited("b", 1)),
            "Pending"),
        arguments(
            "a crash-looping container under Always is Running, not Pending",
            "Always",
            List.of(running("a", true), crashLooping("b", 1)),
            "Running"),
        arguments(
            "a crash-looping container under OnFailure with the other done is Running",
            "OnFailure",
            List.of(exited("a", 0), crashLooping("b", 2)),
            "Running"),
        arguments(
            "a missing restart policy counts as Always",
            null,
            List.of(exited("a", 0), exited("b", 0)),
            "Running"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("phases")
  void computePhase(
      String sentence, String restartPolicy, List<ContainerStatus> statuses, String expected) {
    assertThat(PodStatuses.computePhase(twoContainers(restartPolicy), statuses))
        .isEqualTo(expected);
  }

  private static PodObservation observation(ContainerStatus... statuses) {
    return new PodObservation(
        "uid",
        "10.0.0.5",
        "172.17.0.2",
        T0,
        List.of(statuses),
        List.of(new HostPort("a", 80, "TCP", "10.0.0.5", 30080)));
  }

  private static String conditionsOf(PodStatus status) {
    return status.conditions().stream()
        .map(c -> c.type() + "=" + c.status() + (c.reason() == null ? "" : "(" + c.reason() + ")"))
        .toList()
        .toString();
  }

  @Test
  void allContainersReadyMakesThePodReady() {
    PodStatus status =
        PodStatuses.observed(
            PodStatus.pending("BestEffort"),
            twoContainers("Always"),
            observation(running("a", true), running("b", true)),
            T0);

    assertThat(status.phase()).isEqualTo("Running");
    assertThat(conditionsOf(status))
        .isEqualTo("[PodScheduled=True, Initialized=True, ContainersReady=True, Ready=True]");
    assertThat(status.hostIP()).isEqualTo("10.0.0.5");
    assertThat(status.podIP()).isEqualTo("172.17.0.2");
    assertThat(status.startTime()).isEqualTo(T0);
    assertThat(status.qosClass()).isEqualTo("BestEffort");
    assertThat(status.hostPorts()).containsExactly(new HostPort("a", 80, "TCP", "10.0.0.5", 30080));
    assertThat(status.containerStatuses()).hasSize(2);
  }

  @Test
  void oneContainerNotReadyMakesThePodNotReady() {
    PodStatus status =
        PodStatuses.observed(
            PodStatus.pending("BestEffort"),
            twoContainers("Always"),
            observation(running("a", true), running("b", false)),
            T0);

    assertThat(conditionsOf(status))
        .isEqualTo(
            "[PodScheduled=True, Initialized=True, ContainersReady=False(ContainersNotReady),"
                + " Ready=False(ContainersNotReady)]");
  }

  @Test
  void aMissingContainerStatusMakesThePodNotReadyEvenIfTheOthersAre() {
    PodStatus status =
        PodStatuses.observed(
            PodStatus.pending("BestEffort"),
            twoContainers("Always"),
            observation(running("a", true)),
            T0);

    assertThat(status.phase()).isEqualTo("Pending");
    assertThat(status.conditions())
        .filteredOn(c -> c.type().equals("Ready"))
        .extracting(PodCondition::status)
        .containsExactly("False");
  }

  @Test
  void unchangedConditionsKeepTheirTransitionTimeAndChangedOnesTakeTheNewOne() {
    Instant later = T0.plusSeconds(30);
    PodStatus first =
        PodStatuses.observed(
            PodStatus.pending("BestEffort"),
            twoContainers("Always"),
            observation(running("a", true), running("b", false)),
            T0);

    PodStatus second =
        PodStatuses.observed(
            first,
            twoContainers("Always"),
            observation(running("a", true), running("b", true)),
            later);

    assertThat(second.conditions())
        .extracting(c -> c.type() + "@" + c.lastTransitionTime())
        .containsExactly(
            "PodScheduled@" + T0,
            "Initialized@" + T0,
            "ContainersReady@" + later,
            "Ready@" + later);
  }

  @Test
  void theFirstStartTimeAndQosClassAreKept() {
    PodStatus previous =
        new PodStatus("Running", null, null, null, null, null, T0, null, "Guaranteed", null);

    PodStatus status =
        PodStatuses.observed(
            previous,
            twoContainers("Always"),
            new PodObservation(
                "uid", "h", "p", T0.plusSeconds(99), List.of(running("a", true)), null),
            T0.plusSeconds(100));

    assertThat(status.startTime()).isEqualTo(T0);
    assertThat(status.qosClass()).isEqualTo("Guaranteed");
  }

  @Test
  void schedulingAddsAPodScheduledConditionOnce() {
    PodStatus scheduled = PodStatuses.scheduled(PodStatus.pending("BestEffort"), T0);
    PodStatus again = PodStatuses.scheduled(scheduled, T0.plusSeconds(5));

    assertThat(again.conditions())
        .containsExactly(new PodCondition("PodScheduled", "True", null, T0, null, null));
    assertThat(again.phase()).isEqualTo("Pending");
  }

  @Test
  void onlySucceededAndFailedAreFinished() {
    assertThat(PodStatuses.isFinished("Succeeded")).isTrue();
    assertThat(PodStatuses.isFinished("Failed")).isTrue();
    assertThat(PodStatuses.isFinished("Running")).isFalse();
    assertThat(PodStatuses.isFinished("Pending")).isFalse();
    assertThat(PodStatuses.isFinished(null)).isFalse();
  }

  // --- init containers -------------------------------------------------------------------------

  private static PodSpec withInits(String restartPolicy) {
    return twoContainers(restartPolicy)
        .withInitContainers(
            List.of(container("setup", "busybox"), container("migrate", "busybox")));
  }

  static Stream<Arguments> initPhases() {
    return Stream.of(
        arguments("no init status yet is Pending", "Always", List.<ContainerStatus>of(), "Pending"),
        arguments(
            "an init container running is Pending",
            "Always",
            List.of(exited("setup", 0), running("migrate", false)),
            "Pending"),
        arguments(
            "an init container that failed under Never fails the pod",
            "Never",
            List.of(exited("setup", 0), exited("migrate", 1)),
            "Failed"),
        arguments(
            "an init container that failed under OnFailure leaves the pod Pending",
            "OnFailure",
            List.of(exited("setup", 1)),
            "Pending"),
        arguments(
            "an init container backing off after a failure leaves the pod Pending",
            "Always",
            List.of(exited("setup", 0), crashLooping("migrate", 1)),
            "Pending"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("initPhases")
  void initContainersKeepThePodPendingOrFailItAsKubernetesDoes(
      String sentence, String restartPolicy, List<ContainerStatus> inits, String expected) {
    assertThat(PodStatuses.computePhase(withInits(restartPolicy), inits, List.of()))
        .isEqualTo(expected);
  }

  @Test
  void onceEveryInitContainerCompletedTheAppContainersDecideThePhase() {
    List<ContainerStatus> done = List.of(exited("setup", 0), exited("migrate", 0));

    assertThat(
            PodStatuses.computePhase(
                withInits("Always"), done, List.of(running("a", true), running("b", true))))
        .isEqualTo("Running");
  }

  @Test
  void theInitializedConditionNamesTheInitContainersNotYetComplete() {
    PodSpec spec = withInits("Always");
    PodObservation initializing =
        new PodObservation(
            "uid",
            "10.0.0.5",
            "172.17.0.2",
            T0,
            List.of(exited("setup", 0), running("migrate", false)),
            List.of(waiting("a"), waiting("b")),
            List.of());

    PodStatus status = PodStatuses.observed(PodStatus.pending(null), spec, initializing, T0);

    var initialized =
        status.conditions().stream()
            .filter(c -> c.type().equals("Initialized"))
            .findFirst()
            .orElseThrow();
    assertThat(initialized.status()).isEqualTo("False");
    assertThat(initialized.reason()).isEqualTo("ContainersNotInitialized");
    assertThat(initialized.message()).isEqualTo("containers with incomplete status: [migrate]");
    assertThat(status.initContainerStatuses()).hasSize(2);
    assertThat(status.phase()).isEqualTo("Pending");
  }
}
