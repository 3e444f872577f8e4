package dev.troupe.node.agent;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.Pod;
import dev.troupe.core.pod.NodeNote;
import dev.troupe.core.pod.RestartBackoff;
import dev.troupe.node.runtime.ContainerRuntime;
import dev.troupe.node.runtime.RuntimeFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gets a container's image as its {@code imagePullPolicy} says, as the kubelet's image manager: a
 * pull that fails is {@code ErrImagePull}, and the pod's next tries wait in {@code
 * ImagePullBackOff} (10 s doubling to 300 s by default) before pulling again; each step is noted
 * for the pod's events (Pulling, Pulled, Failed, BackOff). Safe for the passes of many pods at
 * once.
 */
final class ImagePulls {

  /** Failed pulls of one container of one pod: how many in a row, and when to try again. */
  private record Failures(int count, Instant retryAt, String lastError) {}

  private final ContainerRuntime runtime;
  private final RestartBackoff backoff;
  private final Clock clock;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  ImagePulls(ContainerRuntime runtime, RestartBackoff backoff, Clock clock) {
    this.runtime = runtime;
    this.backoff = backoff;
    this.clock = clock;
  }

  /**
   * Makes sure the container's image is there, noting what happened in {@code notes}.
   *
   * @throws RuntimeFailure {@code ErrImagePull}, {@code ImagePullBackOff} or {@code
   *     ErrImageNeverPull}
   */
  void ensure(Pod pod, Container container, List<NodeNote> notes) {
    String image = container.image();
    String policy =
        container.imagePullPolicy() == null
            ? Container.PULL_IF_NOT_PRESENT
            : container.imagePullPolicy();
    String name = container.name();
    if (!Container.PULL_ALWAYS.equals(policy) && runtime.hasImage(image)) {
      notes.add(
          note(
              name,
              "Pulled",
              false,
              "Container image \"%s\" already present on machine".formatted(image)));
      return;
    }
    if (Container.PULL_NEVER.equals(policy)) {
      String message =
          "Container image \"%s\" is not present with pull policy of Never".formatted(image);
      notes.add(note(name, "ErrImageNeverPull", true, message));
      throw new RuntimeFailure("ErrImageNeverPull", message);
    }
    String key = key(pod, container);
    Failures failed = failures.get(key);
    Instant now = clock.instant();
    if (failed != null && now.isBefore(failed.retryAt())) {
      notes.add(note(name, "BackOff", false, "Back-off pulling image \"%s\"".formatted(image)));
      throw new RuntimeFailure(
          "ImagePullBackOff",
          "Back-off pulling image \"%s\": ErrImagePull: %s".formatted(image, failed.lastError()));
    }
    notes.add(note(name, "Pulling", false, "Pulling image \"%s\"".formatted(image)));
    try {
      runtime.pull(image);
    } catch (RuntimeFailure e) {
      int count = failed == null ? 1 : failed.count() + 1;
      Duration wait = backoff.computeDelay(count, Duration.ZERO);
      failures.put(key, new Failures(count, clock.instant().plus(wait), e.getMessage()));
      notes.add(
          note(
              name,
              "Failed",
              true,
              "Failed to pull image \"%s\": %s".formatted(image, e.getMessage())));
      throw new RuntimeFailure("ErrImagePull", e.getMessage(), e);
    }
    failures.remove(key);
    Duration took = Duration.between(now, clock.instant());
    String seconds = seconds(took);
    notes.add(
        note(
            name,
            "Pulled",
            false,
            "Successfully pulled image \"%s\" in %s (%s including waiting)"
                .formatted(image, seconds, seconds)));
  }

  /** Forgets the pull failures of a pod that is gone. */
  void forget(Pod pod) {
    failures.keySet().removeIf(key -> key.startsWith(pod.uid() + "/"));
  }

  /** When the next pull of a container in back-off may be tried, if one is waiting. */
  Duration retryIn(Pod pod, Container container) {
    Failures failed = failures.get(key(pod, container));
    if (failed == null) {
      return null;
    }
    Duration wait = Duration.between(clock.instant(), failed.retryAt());
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  private static String key(Pod pod, Container container) {
    return pod.uid() + "/" + container.name();
  }

  private NodeNote note(String container, String reason, boolean warning, String message) {
    return new NodeNote(container, reason, warning, message, clock.instant());
  }

  /** Go's form of a duration, as the kubelet prints it: {@code 1.234s}, {@code 250ms}. */
  static String seconds(Duration took) {
    long millis = took.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    return String.format(Locale.ROOT, "%.3fs", millis / 1000.0);
  }
}
