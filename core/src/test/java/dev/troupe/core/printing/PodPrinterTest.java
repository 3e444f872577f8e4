package dev.troupe.core.printing;

import static dev.troupe.core.printing.PrintingPods.NOW;
import static dev.troupe.core.printing.PrintingPods.crashLooping;
import static dev.troupe.core.printing.PrintingPods.deleted;
import static dev.troupe.core.printing.PrintingPods.exited;
import static dev.troupe.core.printing.PrintingPods.placed;
import static dev.troupe.core.printing.PrintingPods.pod;
import static dev.troupe.core.printing.PrintingPods.restarted;
import static dev.troupe.core.printing.PrintingPods.running;
import static dev.troupe.core.printing.PrintingPods.waiting;
import static dev.troupe.core.printing.PrintingPods.withCondition;
import static dev.troupe.core.printing.PrintingPods.withReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.Pod;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodPrinterTest {

  private final PodPrinter printer = new PodPrinter();

  /** The cells of a pod on no node, five minutes old. */
  private static List<Object> unplaced(String ready, String status, String restarts) {
    return List.of("web", ready, status, restarts, "5m", "<none>", "<none>", "<none>", "<none>");
  }

  private static Pod runningOnNode1() {
    return placed(pod("Running", running("app", true)), "node-1", "10.244.7.190");
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        arguments(
            "a pending pod without a node has nothing ready and no address",
            pod("Pending"),
            unplaced("0/1", "Pending", "0")),
        arguments(
            "a pod whose image is being pulled shows ContainerCreating",
            placed(pod("Pending", waiting("app", "ContainerCreating")), "node-1", null),
            List.of(
                "web",
                "0/1",
                "ContainerCreating",
                "0",
                "5m",
                "<none>",
                "node-1",
                "<none>",
                "<none>")),
        arguments(
            "a running and ready pod is Running 1/1 with its address and node",
            runningOnNode1(),
            List.of(
                "web", "1/1", "Running", "0", "5m", "10.244.7.190", "node-1", "<none>", "<none>")),
        arguments(
            "a crash-looping container shows CrashLoopBackOff and how long ago it last restarted",
            pod("Running", crashLooping("app", 5, NOW.minusSeconds(30))),
            unplaced("0/1", "CrashLoopBackOff", "5 (30s ago)")),
        arguments(
            "an image that cannot be pulled shows ErrImagePull",
            pod("Pending", waiting("app", "ErrImagePull")),
            unplaced("0/1", "ErrImagePull", "0")),
        arguments(
            "a container that exited 0 shows Completed",
            pod("Succeeded", exited("app", 0, null, "Completed")),
            unplaced("0/1", "Completed", "0")),
        arguments(
            "a container that exited 1 shows Error",
            pod("Failed", exited("app", 1, null, "Error")),
            unplaced("0/1", "Error", "0")),
        arguments(
            "a container killed for memory shows OOMKilled",
            pod("Running", exited("app", 137, null, "OOMKilled")),
            unplaced("0/1", "OOMKilled", "0")),
        arguments(
            "a container that exited without a reason shows its exit code",
            pod("Failed", exited("app", 3, null, null)),
            unplaced("0/1", "ExitCode:3", "0")),
        arguments(
            "a container killed by a signal without a reason shows the signal",
            pod("Failed", exited("app", 137, 9, "")),
            unplaced("0/1", "Signal:9", "0")),
        arguments(
            "a running pod being deleted shows Terminating and keeps its ready count",
            deleted(pod("Running", running("app", true))),
            unplaced("1/1", "Terminating", "0")),
        arguments(
            "a finished pod being deleted still shows how it finished",
            deleted(pod("Succeeded", exited("app", 0, null, "Completed"))),
            unplaced("0/1", "Completed", "0")),
        arguments(
            "a pod on a lost node being deleted shows Unknown",
            deleted(withReason(pod("Running", running("app", true)), "NodeLost")),
            unplaced("1/1", "Unknown", "0")),
        arguments(
            "a pod reason such as Evicted replaces the phase",
            withReason(pod("Failed"), "Evicted"),
            unplaced("0/1", "Evicted", "0")),
        arguments(
            "a pod held by a scheduling gate shows SchedulingGated",
            withCondition(pod("Pending"), "PodScheduled", "False", "SchedulingGated"),
            unplaced("0/1", "SchedulingGated", "0")),
        arguments(
            "two running containers with one ready are 1/2 and Running",
            pod("Running", running("app", true), running("sidecar", false)),
            unplaced("1/2", "Running", "0")),
        arguments(
            "of two containers the first one's reason shows",
            pod("Pending", waiting("app", "ErrImagePull"), waiting("sidecar", "ContainerCreating")),
            unplaced("0/2", "ErrImagePull", "0")),
        arguments(
            "a completed container beside a running one on a ready pod shows Running",
            withCondition(
                pod("Running", exited("init", 0, null, "Completed"), running("app", true)),
                "Ready",
                "True",
                null),
            unplaced("1/2", "Running", "0")),
        arguments(
            "a completed container beside a running one on a pod not ready shows NotReady",
            pod("Running", exited("init", 0, null, "Completed"), running("app", true)),
            unplaced("1/2", "NotReady", "0")),
        arguments(
            "restarts add up over containers and show the most recent one",
            pod(
                "Running",
                restarted(running("app", true), 2, NOW.minusSeconds(3600)),
                restarted(running("sidecar", true), 1, NOW.minusSeconds(150))),
            unplaced("2/2", "Running", "3 (2m30s ago)")),
        arguments(
            "restarts whose last end is unknown show only the count",
            pod("Running", restarted(running("app", true), 2, null)),
            unplaced("1/1", "Running", "2")),
        arguments(
            "a pod without a creation timestamp has an unknown age",
            pod("Pending").withMetadata(PrintingPods.meta("web").asCreated("u", null, "1")),
            List.of(
                "web",
                "0/1",
                "Pending",
                "0",
                "<unknown>",
                "<none>",
                "<none>",
                "<none>",
                "<none>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void podRowsHaveTheCellsKubectlShows(String sentence, Pod pod, List<Object> expected) {
    assertThat(printer.cells(pod, NOW)).containsExactlyElementsOf(expected);
  }

  @Test
  void columnsAreThoseTheApiServerServesForPods() {
    assertThat(printer.columnDefinitions())
        .extracting(
            TableColumnDefinition::name,
            TableColumnDefinition::type,
            TableColumnDefinition::format,
            TableColumnDefinition::priority)
        .containsExactly(
            tuple("Name", "string", "name", 0),
            tuple("Ready", "string", "", 0),
            tuple("Status", "string", "", 0),
            tuple("Restarts", "string", "", 0),
            tuple("Age", "string", "", 0),
            tuple("IP", "string", "", 1),
            tuple("Node", "string", "", 1),
            tuple("Nominated Node", "string", "", 1),
            tuple("Readiness Gates", "string", "", 1));
    assertThat(printer.columnDefinitions())
        .allSatisfy(column -> assertThat(column.description()).isNotBlank());
  }

  @Test
  void everyRowHasOneCellPerColumn() {
    assertThat(printer.cells(runningOnNode1(), NOW)).hasSameSizeAs(printer.columnDefinitions());
  }

  @Test
  void finishedPodsAreMarkedCompletedAndOthersAreNot() {
    assertThat(printer.conditions(pod("Succeeded", exited("app", 0, null, "Completed"))))
        .containsExactly(
            new TableRowCondition(
                "Completed", "True", "Succeeded", "The pod has completed successfully."));
    assertThat(printer.conditions(pod("Failed", exited("app", 1, null, "Error"))))
        .containsExactly(new TableRowCondition("Completed", "True", "Failed", "The pod failed."));
    assertThat(printer.conditions(runningOnNode1())).isEmpty();
  }

  @Test
  void theStatusCellCanBeComputedOnItsOwn() {
    assertThat(PodPrinter.computeStatus(deleted(runningOnNode1()))).isEqualTo("Terminating");
  }

  private static Pod initializing(ContainerStatus... inits) {
    Pod pod = pod("Pending", waiting("app", "PodInitializing"));
    return pod.withSpec(
            pod.spec()
                .withInitContainers(
                    List.of(
                        dev.troupe.core.model.Container.of("setup", "busybox"),
                        dev.troupe.core.model.Container.of("migrate", "busybox"))))
        .withStatus(pod.status().withInitContainerStatuses(List.of(inits)));
  }

  @Test
  void podsStillInitializingShowWhichInitContainerTheyAreAtOrWhyItFails() {
    assertThat(
            PodPrinter.computeStatus(
                initializing(running("setup", false), waiting("migrate", "PodInitializing"))))
        .isEqualTo("Init:0/2");
    assertThat(
            PodPrinter.computeStatus(
                initializing(exited("setup", 0, null, "Completed"), running("migrate", false))))
        .isEqualTo("Init:1/2");
    assertThat(
            PodPrinter.computeStatus(
                initializing(
                    exited("setup", 0, null, "Completed"), exited("migrate", 1, null, "Error"))))
        .isEqualTo("Init:Error");
    assertThat(
            PodPrinter.computeStatus(
                initializing(
                    exited("setup", 0, null, "Completed"),
                    crashLooping("migrate", 3, NOW.minusSeconds(5)))))
        .isEqualTo("Init:CrashLoopBackOff");
    assertThat(
            PodPrinter.computeStatus(
                initializing(
                    exited("setup", 0, null, "Completed"),
                    exited("migrate", 0, null, "Completed"))))
        .isEqualTo("PodInitializing");
  }
}
