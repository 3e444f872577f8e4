package dev.troupe.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.troupe.core.events.PodEvent.PodDeletionRequested;
import dev.troupe.core.events.PodEvent.PodScheduled;
import dev.troupe.core.events.PodEvent.PodStatusObserved;
import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerState;
import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodCondition;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.model.PodStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodEventNotesTest {

  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
  private static final Cause CAUSE = Cause.of("test", "test", "test");

  private static Pod pod(String node, ContainerStatus... statuses) {
    ObjectMeta meta =
        ObjectMeta.named("default", "web").toBuilder().uid("uid-1").creationTimestamp(T0).build();
    PodSpec spec =
        new PodSpec(List.of(Container.of("app", "troupe/hello:1")), "Always", null, null, null)
            .withNodeName(node);
    PodStatus status =
        new PodStatus("Pending", null, null, null, null, null, null, List.of(statuses), null, null);
    return Pod.of(meta, spec).withStatus(status);
  }

  private static ContainerStatus running(Instant startedAt, int restarts) {
    return new ContainerStatus(
        "app", ContainerState.running(startedAt), null, true, restarts, null, null, null, true);
  }

  private static ContainerStatus crashLooping(int restarts) {
    return new ContainerStatus(
        "app",
        ContainerState.waiting("CrashLoopBackOff", "back-off 10s"),
        null,
        false,
        restarts,
        null,
        null,
        null,
        false);
  }

  private static List<String> reasons(List<EventNote> notes) {
    return notes.stream().map(EventNote::reason).toList();
  }

  @Test
  void bindingAPodIsScheduledByTheDefaultScheduler() {
    List<EventNote> notes =
        PodEventNotes.of(new PodScheduled("node-1", T0, CAUSE), pod(null), pod("node-1"));

    assertThat(notes)
        .containsExactly(
            new EventNote(
                "Scheduled",
                "Normal",
                "Successfully assigned default/web to node-1",
                "default-scheduler",
                null,
                null));
  }

  @Test
  void aContainerThatStartsIsCreatedAndStartedByTheKubelet() {
    Pod before = pod("node-1");
    Pod after = pod("node-1", running(T0, 0));

    List<EventNote> notes =
        PodEventNotes.of(new PodStatusObserved(after.status(), T0, CAUSE), before, after);

    assertThat(reasons(notes)).containsExactly("Created", "Started");
    assertThat(notes.get(1).message()).isEqualTo("Started container app");
    assertThat(notes.get(1).component()).isEqualTo("kubelet");
    assertThat(notes.get(1).host()).isEqualTo("node-1");
    assertThat(notes.get(1).fieldPath()).isEqualTo("spec.containers{app}");
  }

  private static ContainerStatus waiting(String reason, String message) {
    return new ContainerStatus(
        "app", ContainerState.waiting(reason, message), null, false, 0, null, null, null, false);
  }

  @Test
  void aContainerThatCannotStartFailsOnceForEachReasonItWaitsFor() {
    Pod creating = pod("node-1", waiting("ContainerCreating", null));
    Pod pullFailed = pod("node-1", waiting("ErrImagePull", "manifest unknown"));
    Pod backingOff = pod("node-1", waiting("ImagePullBackOff", "Back-off pulling image"));
    Pod unconfigured =
        pod("node-1", waiting("CreateContainerConfigError", "configmap \"settings\" not found"));

    assertThat(
            PodEventNotes.of(
                new PodStatusObserved(pullFailed.status(), T0, CAUSE), creating, pullFailed))
        .extracting(EventNote::reason, EventNote::type, EventNote::message)
        .containsExactly(tuple("Failed", "Warning", "Error: ErrImagePull"));
    assertThat(
            PodEventNotes.of(
                new PodStatusObserved(backingOff.status(), T0, CAUSE), pullFailed, backingOff))
        .extracting(EventNote::message)
        .containsExactly("Error: ImagePullBackOff");
    assertThat(
            PodEventNotes.of(
                new PodStatusObserved(backingOff.status(), T0, CAUSE), backingOff, backingOff))
        .isEmpty();
    assertThat(
            PodEventNotes.of(
                new PodStatusObserved(unconfigured.status(), T0, CAUSE), creating, unconfigured))
        .extracting(EventNote::message)
        .containsExactly("Error: configmap \"settings\" not found");
  }

  @Test
  void aContainerStillInTheSameRunSaysNothingNew() {
    Pod before = pod("node-1", running(T0, 0));
    Pod after = pod("node-1", running(T0, 0));

    assertThat(PodEventNotes.of(new PodStatusObserved(after.status(), T0, CAUSE), before, after))
        .isEmpty();
  }

  @Test
  void aRestartedContainerIsStartedAgain() {
    Pod before = pod("node-1", running(T0, 0));
    Pod after = pod("node-1", running(T0.plusSeconds(30), 1));

    assertThat(
            reasons(
                PodEventNotes.of(new PodStatusObserved(after.status(), T0, CAUSE), before, after)))
        .containsExactly("Created", "Started");
  }

  @Test
  void whatTheNodeNotedOfAProbeBecomesAnUnhealthyWarningAndAKillingForTheContainer() {
    Pod pod = pod("node-1", running(T0, 0));
    List<dev.troupe.core.pod.NodeNote> noted =
        List.of(
            dev.troupe.core.pod.NodeNote.probeFailed(
                "app",
                dev.troupe.core.pod.ProbeState.Kind.LIVENESS,
                "HTTP probe failed with statuscode: 500",
                T0),
            dev.troupe.core.pod.NodeNote.killedForProbe(
                "app", dev.troupe.core.pod.ProbeState.Kind.LIVENESS, T0));

    List<EventNote> notes = PodEventNotes.of(new PodEvent.PodNodeNoted(noted, T0, CAUSE), pod, pod);

    assertThat(notes)
        .extracting(EventNote::reason, EventNote::type, EventNote::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Unhealthy",
                "Warning",
                "Liveness probe failed: HTTP probe failed with statuscode: 500"),
            org.assertj.core.groups.Tuple.tuple(
                "Killing", "Normal", "Container app failed liveness probe, will be restarted"));
    assertThat(notes.get(0).fieldPath()).isEqualTo("spec.containers{app}");
  }

  @Test
  void enteringCrashLoopBackOffIsAWarningNamingThePod() {
    Pod before = pod("node-1", running(T0, 0));
    Pod after = pod("node-1", crashLooping(1));

    List<EventNote> notes =
        PodEventNotes.of(new PodStatusObserved(after.status(), T0, CAUSE), before, after);

    assertThat(notes).hasSize(1);
    assertThat(notes.get(0).reason()).isEqualTo("BackOff");
    assertThat(notes.get(0).type()).isEqualTo("Warning");
    assertThat(notes.get(0).message())
        .isEqualTo("Back-off restarting failed container app in pod web_default(uid-1)");
  }

  @Test
  void anUnschedulablePodIsAFailedSchedulingWarningOncePerMessage() {
    Pod before = pod(null);
    PodCondition unschedulable =
        new PodCondition("PodScheduled", "False", null, T0, "Unschedulable", "0/0 nodes");
    Pod after = before.withStatus(before.status().withConditions(List.of(unschedulable)));

    List<EventNote> first =
        PodEventNotes.of(new PodStatusObserved(after.status(), T0, CAUSE), before, after);
    List<EventNote> again =
        PodEventNotes.of(new PodStatusObserved(after.status(), T0, CAUSE), after, after);

    assertThat(reasons(first)).containsExactly("FailedScheduling");
    assertThat(first.get(0).type()).isEqualTo("Warning");
    assertThat(first.get(0).message()).isEqualTo("0/0 nodes");
    assertThat(again).isEmpty();
  }

  @Test
  void deletingAPodKillsEachRunningContainer() {
    Pod running = pod("node-1", running(T0, 0));
    Pod terminating = running.withMetadata(running.metadata().withDeletion(T0.plusSeconds(60), 30));

    List<EventNote> notes =
        PodEventNotes.of(new PodDeletionRequested(30, T0, CAUSE), running, terminating);

    assertThat(notes).hasSize(1);
    assertThat(notes.get(0).reason()).isEqualTo("Killing");
    assertThat(notes.get(0).message()).isEqualTo("Stopping container app");
  }

  @Test
  void repeatsOfOneNoteLandOnOneEventThatCounts() {
    KubeEvents.Involved involved = new KubeEvents.Involved("Pod", "v1", "default", "web", "uid-1");
    EventNote note = new EventNote("BackOff", "Warning", "m", "kubelet", "node-1", null);
    EventNote other = new EventNote("Started", "Normal", "m", "kubelet", "node-1", null);

    KubeObject first = KubeEvents.first(involved, note, T0);
    KubeObject second = KubeEvents.repeated(first, T0.plusSeconds(90));

    assertThat(KubeEvents.name(involved, note)).startsWith("web.");
    assertThat(KubeEvents.name(involved, note)).isEqualTo(first.name());
    assertThat(KubeEvents.name(involved, other)).isNotEqualTo(first.name());
    assertThat(first.text("/involvedObject/uid")).isEqualTo("uid-1");
    assertThat(first.text("/source/component")).isEqualTo("kubelet");
    assertThat(first.at("/count").asInt()).isEqualTo(1);
    assertThat(second.at("/count").asInt()).isEqualTo(2);
    assertThat(second.text("/firstTimestamp")).isEqualTo("2026-11-29T10:00:00Z");
    assertThat(second.text("/lastTimestamp")).isEqualTo("2026-11-29T10:01:30Z");
  }
}
