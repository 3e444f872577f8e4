package dev.troupe.actors;

import dev.troupe.core.events.Cause;
import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerState;
import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.pod.PodAdmission;
import dev.troupe.core.pod.PodObservation;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/** Small named builders for the pods, causes and observations the actor tests use. */
public final class PodFixtures {

  /** A fixed moment with whole seconds, so timestamps in assertions are exact. */
  public static final Instant T0 = Instant.parse("2026-11-29T14:15:00Z");

  public static final String NAMESPACE = "default";
  public static final String NODE_A = "node-a";
  public static final String NODE_B = "node-b";

  private PodFixtures() {}

  /** A pod as the API admits it: defaults applied and validated, one {@code app} container. */
  public static Pod admitted(String namespace, String name) {
    Pod sent =
        Pod.of(
            ObjectMeta.named(null, name),
            new PodSpec(List.of(Container.of("app", "busybox:1.36")), null, null, null, null));
    PodAdmission.Admitted admitted = PodAdmission.prepare(sent, namespace, new Random(1));
    if (!admitted.isValid()) {
      throw new IllegalStateException("fixture pod is invalid: " + admitted.errors());
    }
    return admitted.pod();
  }

  /** A pod as an entity stores it (uid, creation time, status), at {@code resourceVersion}. */
  public static Pod stored(String namespace, String name, long resourceVersion) {
    Pod pod = PodAdmission.stamp(admitted(namespace, name), "uid-" + namespace + "-" + name, T0);
    return atVersion(pod, resourceVersion);
  }

  /** A stored pod bound to {@code nodeName}. */
  public static Pod bound(String namespace, String name, String nodeName, long resourceVersion) {
    Pod pod = stored(namespace, name, resourceVersion);
    return pod.withSpec(pod.spec().withNodeName(nodeName));
  }

  /** The same pod at another resource version. */
  public static Pod atVersion(Pod pod, long resourceVersion) {
    return pod.withMetadata(pod.metadata().withResourceVersion(Long.toString(resourceVersion)));
  }

  /** What a user's request gives as the cause of a change. */
  public static Cause byUser(String reason) {
    return Cause.of("user/alice", "request", reason);
  }

  /** A node saw the {@code app} container of pod {@code uid} running and ready. */
  public static PodObservation runningAndReady(String uid) {
    return observation(
        uid,
        new ContainerStatus(
            "app",
            ContainerState.running(T0),
            null,
            true,
            0,
            "busybox:1.36",
            null,
            "docker://0123",
            true));
  }

  /** A node saw the {@code app} container of pod {@code uid} restarted once, running, ready. */
  public static PodObservation restartedOnce(String uid) {
    return observation(
        uid,
        new ContainerStatus(
            "app",
            ContainerState.running(T0.plusSeconds(30)),
            null,
            true,
            1,
            "busybox:1.36",
            null,
            "docker://4567",
            true));
  }

  private static PodObservation observation(String uid, ContainerStatus status) {
    return new PodObservation(uid, "127.0.0.1", "10.88.0.7", T0, List.of(status), List.of());
  }
}
