package dev.troupe.core.events;

import dev.troupe.core.events.PodEvent.PodDeletionRequested;
import dev.troupe.core.events.PodEvent.PodScheduled;
import dev.troupe.core.events.PodEvent.PodStatusObserved;
import dev.troupe.core.model.ContainerState;
import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodCondition;
import dev.troupe.core.model.PodStatus;
import dev.troupe.core.pod.NodeNote;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The core/v1 Events a pod's journaled event stands for, worded as the Kubernetes scheduler and
 * kubelet word theirs: Scheduled and FailedScheduling, then per container Created, Started, Failed
 * (a container that cannot start), BackOff, and Killing on deletion; and what the node noted itself
 * (Pulling, Pulled, Unhealthy, Killing for a failed probe). Pure: the same event on the same pod
 * gives the same notes.
 */
public final class PodEventNotes {

  static final String SCHEDULER = "default-scheduler";
  static final String KUBELET = "kubelet";

  private PodEventNotes() {}

  /** The notes for {@code event}, which turned {@code before} into {@code after}. */
  public static List<EventNote> of(PodEvent event, Pod before, Pod after) {
    List<EventNote> notes = new ArrayList<>();
    if (event instanceof PodScheduled e) {
      notes.add(
          new EventNote(
              "Scheduled",
              EventNote.NORMAL,
              "Successfully assigned %s/%s to %s"
                  .formatted(after.namespace(), after.name(), e.nodeName()),
              SCHEDULER,
              null,
              null));
    } else if (event instanceof PodStatusObserved) {
      unschedulable(before, after).ifPresent(notes::add);
      containers(before, after, notes);
    } else if (event instanceof PodEvent.PodNodeNoted e) {
      for (NodeNote note : e.notes()) {
        notes.add(
            kubelet(
                after,
                note.container(),
                note.reason(),
                note.warning() ? EventNote.WARNING : EventNote.NORMAL,
                note.message()));
      }
    } else if (event instanceof PodDeletionRequested && after.spec().nodeName() != null) {
      for (ContainerStatus status : statuses(after)) {
        if (status.state() != null && status.state().running() != null) {
          notes.add(
              kubelet(
                  after,
                  status.name(),
                  "Killing",
                  EventNote.NORMAL,
                  "Stopping container " + status.name()));
        }
      }
    }
    return List.copyOf(notes);
  }

  private static java.util.Optional<EventNote> unschedulable(Pod before, Pod after) {
    PodCondition now = scheduledCondition(after);
    if (now == null || !"False".equals(now.status())) {
      return java.util.Optional.empty();
    }
    PodCondition then = before == null ? null : scheduledCondition(before);
    if (then != null
        && "False".equals(then.status())
        && Objects.equals(then.message(), now.message())) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new EventNote("FailedScheduling", EventNote.WARNING, now.message(), SCHEDULER, null, null));
  }

  private static void containers(Pod before, Pod after, List<EventNote> notes) {
    for (ContainerStatus status : statuses(after)) {
      ContainerStatus previous = find(before, status.name());
      ContainerState state = status.state();
      if (state == null) {
        continue;
      }
      if (state.running() != null && !sameRun(previous, status)) {
        // Pulled (or Pulling and Failed) the node notes itself: it alone knows whether it pulled
        notes.add(
            kubelet(
                after,
                status.name(),
                "Created",
                EventNote.NORMAL,
                "Created container " + status.name()));
        notes.add(
            kubelet(
                after,
                status.name(),
                "Started",
                EventNote.NORMAL,
                "Started container " + status.name()));
      }
      if (state.waiting() != null
          && FAILED_TO_START.contains(state.waiting().reason())
          && !sameWaiting(previous, status)) {
        String reason = state.waiting().reason();
        notes.add(
            kubelet(
                after,
                status.name(),
                "Failed",
                EventNote.WARNING,
                "Error: "
                    + (CONFIG_ERRORS.contains(reason) && state.waiting().message() != null
                        ? state.waiting().message()
                        : reason)));
      }
      if (state.waiting() != null
          && "CrashLoopBackOff".equals(state.waiting().reason())
          && !(previous != null
              && previous.state() != null
              && previous.state().waiting() != null
              && "CrashLoopBackOff".equals(previous.state().waiting().reason())
              && previous.restartCount() == status.restartCount())) {
        notes.add(
            kubelet(
                after,
                status.name(),
                "BackOff",
                EventNote.WARNING,
                "Back-off restarting failed container %s in pod %s_%s(%s)"
                    .formatted(status.name(), after.name(), after.namespace(), after.uid())));
      }
    }
  }

  /** Waiting reasons for which the kubelet records {@code Failed: Error: …}. */
  private static final java.util.Set<String> FAILED_TO_START =
      java.util.Set.of(
          "ErrImagePull",
          "ImagePullBackOff",
          "ErrImageNeverPull",
          "InvalidImageName",
          "CreateContainerConfigError",
          "CreateContainerError",
          "RunContainerError");

  /** Reasons whose event says the error itself rather than its name. */
  private static final java.util.Set<String> CONFIG_ERRORS =
      java.util.Set.of("CreateContainerConfigError", "CreateContainerError", "RunContainerError");

  /** Whether the container already waited for the same reason before. */
  private static boolean sameWaiting(ContainerStatus previous, ContainerStatus now) {
    return previous != null
        && previous.state() != null
        && previous.state().waiting() != null
        && Objects.equals(previous.state().waiting().reason(), now.state().waiting().reason());
  }

  /** Whether the container was already running this same run before. */
  private static boolean sameRun(ContainerStatus previous, ContainerStatus now) {
    return previous != null
        && previous.state() != null
        && previous.state().running() != null
        && previous.restartCount() == now.restartCount()
        && Objects.equals(
            previous.state().running().startedAt(), now.state().running().startedAt());
  }

  private static EventNote kubelet(
      Pod pod, String container, String reason, String type, String message) {
    return new EventNote(
        reason,
        type,
        message,
        KUBELET,
        pod.spec().nodeName(),
        "spec.containers{" + container + "}");
  }

  private static List<ContainerStatus> statuses(Pod pod) {
    PodStatus status = pod == null ? null : pod.status();
    return status == null ? List.of() : status.containerStatusesOrEmpty();
  }

  private static ContainerStatus find(Pod pod, String name) {
    for (ContainerStatus status : statuses(pod)) {
      if (status.name().equals(name)) {
        return status;
      }
    }
    return null;
  }

  private static PodCondition scheduledCondition(Pod pod) {
    PodStatus status = pod.status();
    if (status == null) {
      return null;
    }
    for (PodCondition condition : status.conditionsOrEmpty()) {
      if (PodCondition.POD_SCHEDULED.equals(condition.type())) {
        return condition;
      }
    }
    return null;
  }
}
