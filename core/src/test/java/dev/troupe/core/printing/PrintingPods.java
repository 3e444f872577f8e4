package dev.troupe.core.printing;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerState;
import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodCondition;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.model.PodStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small named builders for the pods the printing tests print. */
final class PrintingPods {

  static final Instant CREATED = Instant.parse("2026-11-29T14:15:00Z");

  /** Five minutes after {@link #CREATED}, so every pod's AGE is "5m". */
  static final Instant NOW = CREATED.plusSeconds(300);

  private PrintingPods() {}

  static ObjectMeta meta(String name) {
    return new ObjectMeta(
        name,
        null,
        "default",
        "0b6c4bd5-2a8e-4a35-9d9d-3f0c2f1b7a10",
        "1032",
        null,
        CREATED,
        null,
        null,
        Map.of("app", "web"),
        null,
        null,
        null);
  }

  /** A pod named {@code web} with one container per status given (at least one), on no node. */
  static Pod pod(String phase, ContainerStatus... statuses) {
    List<Container> containers = new ArrayList<>();
    for (int i = 0; i < Math.max(1, statuses.length); i++) {
      containers.add(Container.of(statuses.length == 0 ? "app" : statuses[i].name(), "nginx"));
    }
    PodStatus status =
        new PodStatus(phase, null, null, null, null, null, null, List.of(statuses), null, null);
    return Pod.of(meta("web"), new PodSpec(containers, "Always", null, null, null))
        .withStatus(status);
  }

  /** The same pod placed on {@code node} with address {@code podIP}. */
  static Pod placed(Pod pod, String node, String podIP) {
    PodStatus s = pod.status();
    return pod.withSpec(pod.spec().withNodeName(node))
        .withStatus(
            new PodStatus(
                s.phase(),
                s.conditions(),
                s.message(),
                s.reason(),
                "192.168.1.10",
                podIP,
                s.startTime(),
                s.containerStatuses(),
                s.qosClass(),
                s.hostPorts()));
  }

  static Pod withReason(Pod pod, String reason) {
    PodStatus s = pod.status();
    return pod.withStatus(
        new PodStatus(
            s.phase(),
            s.conditions(),
            s.message(),
            reason,
            s.hostIP(),
            s.podIP(),
            s.startTime(),
            s.containerStatuses(),
            s.qosClass(),
            s.hostPorts()));
  }

  static Pod withCondition(Pod pod, String type, String status, String reason) {
    return pod.withStatus(
        pod.status()
            .withConditions(List.of(new PodCondition(type, status, null, CREATED, reason, null))));
  }

  static Pod deleted(Pod pod) {
    return pod.withMetadata(pod.metadata().withDeletion(NOW.minusSeconds(10), 30));
  }

  static ContainerStatus running(String name, boolean ready) {
    return status(name, ContainerState.running(CREATED), null, ready, 0);
  }

  static ContainerStatus waiting(String name, String reason) {
    return status(name, ContainerState.waiting(reason, null), null, false, 0);
  }

  static ContainerStatus exited(String name, int exitCode, Integer signal, String reason) {
    return status(
        name, ContainerState.terminated(terminated(exitCode, signal, reason, NOW)), null, false, 0);
  }

  /** Waiting in back-off after {@code restarts} restarts, the last of which ended at {@code at}. */
  static ContainerStatus crashLooping(String name, int restarts, Instant at) {
    return status(
        name,
        ContainerState.waiting("CrashLoopBackOff", "back-off 40s restarting failed container"),
        ContainerState.terminated(terminated(1, null, "Error", at)),
        false,
        restarts);
  }

  static ContainerStatus restarted(ContainerStatus status, int restarts, Instant lastFinishedAt) {
    ContainerState last =
        lastFinishedAt == null
            ? null
            : ContainerState.terminated(terminated(1, null, "Error", lastFinishedAt));
    return status(status.name(), status.state(), last, status.ready(), restarts);
  }

  private static ContainerState.Terminated terminated(
      int exitCode, Integer signal, String reason, Instant finishedAt) {
    return new ContainerState.Terminated(
        exitCode, signal, reason, null, CREATED, finishedAt, "containerd://0123");
  }

  private static ContainerStatus status(
      String name, ContainerState state, ContainerState lastState, boolean ready, int restarts) {
    return new ContainerStatus(
        name, state, lastState, ready, restarts, "nginx", null, null, state.running() != null);
  }
}
