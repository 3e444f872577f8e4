package dev.troupe.node.agent;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.LifecycleHandler;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.Probe;
import dev.troupe.core.pod.NodeNote;
import dev.troupe.core.pod.ProbeState;
import dev.troupe.node.runtime.ContainerInfo;
import dev.troupe.node.runtime.ContainerRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Containers' lifecycle hooks, as the kubelet runs them: {@code postStart} right after a container
 * starts, {@code preStop} before it is stopped; each an exec in the container, an HTTP GET of one
 * of its published ports, or a sleep. A failed hook is noted for the pod's events. Blocking: runs
 * on a runtime thread.
 */
final class LifecycleHooks {

  private static final Logger log = LoggerFactory.getLogger(LifecycleHooks.class);

  private final ContainerRuntime runtime;
  private final Prober hooks;
  private final Clock clock;

  LifecycleHooks(ContainerRuntime runtime, Clock clock) {
    this.runtime = runtime;
    this.hooks = new Prober(runtime);
    this.clock = clock;
  }

  /** The grace a container still gets after its pre-stop hook used up the pod's. */
  static final Duration MIN_GRACE_AFTER_HOOK = Duration.ofSeconds(2);

  /**
   * Runs the container's pre-stop hook within what is left of the grace period: a command in the
   * container, an HTTP GET of one of its ports, or a sleep. A hook that fails is noted
   * (FailedPreStopHook) and the container is stopped all the same.
   */
  void preStop(
      Pod pod, Container container, ContainerInfo c, Instant deadline, List<NodeNote> notes) {
    LifecycleHandler hook = container.lifecycle().preStop();
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.isNegative() || left.isZero()) {
      return;
    }
    String failure = runHook(hook, container, c, left);
    if (failure != null) {
      log.debug(
          "pod {}/{}: preStop of {} failed: {}",
          pod.namespace(),
          pod.name(),
          container.name(),
          failure);
      notes.add(
          new NodeNote(
              container.name(),
              "FailedPreStopHook",
              true,
              "PreStopHook failed: " + failure,
              clock.instant()));
    }
  }

  /** How long a post-start hook may take: Kubernetes gives it no limit; Troupe gives it this. */
  static final Duration POST_START_LIMIT = Duration.ofMinutes(2);

  /**
   * Runs the container's post-start hook right after it started (exec, httpGet or sleep); a hook
   * that fails has the container killed, as the kubelet does, so the restart policy takes over, and
   * is noted (FailedPostStartHook).
   */
  void postStart(Pod pod, Container container, ContainerInfo started, List<NodeNote> notes) {
    LifecycleHandler hook = container.lifecycle().postStart();
    String failure = runHook(hook, container, started, POST_START_LIMIT);
    if (failure != null) {
      notes.add(
          new NodeNote(
              container.name(),
              "FailedPostStartHook",
              true,
              "PostStartHook failed: " + failure,
              clock.instant()));
      Long grace = pod.spec().terminationGracePeriodSeconds();
      runtime.stop(started.id(), Duration.ofSeconds(grace == null ? 30 : grace));
    }
  }

  /** Runs a lifecycle hook within {@code limit}; why it failed, or null when it did not. */
  private String runHook(
      LifecycleHandler hook, Container container, ContainerInfo c, Duration limit) {
    if (hook.sleep() != null && hook.sleep().seconds() != null) {
      Duration nap = Duration.ofSeconds(hook.sleep().seconds());
      try {
        Thread.sleep(Math.min(nap.toMillis(), limit.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }
    if (hook.exec() != null || hook.httpGet() != null) {
      long seconds = Math.max(1, limit.toSeconds());
      Probe asProbe =
          new Probe(
              hook.exec(), hook.httpGet(), null, null, 0, (int) seconds, null, null, null, null);
      ProbeState.Result result = hooks.run(asProbe, container, c);
      return result.success() ? null : result.message();
    }
    return "the hook has no handler this node runs (exec, httpGet or sleep)";
  }
}
