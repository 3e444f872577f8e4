package dev.troupe.core.events;

import dev.troupe.core.model.ContainerState;
import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.PodStatus;
import dev.troupe.core.pod.NodeNote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The whole history of a pod's containers, read back from its journal: every start, every exit with
 * its code, reason and signal, every back-off step, and what the node noted (failed probes, kills,
 * pulls) — where Kubernetes keeps only the last state. Pure: the same journal gives the same
 * history.
 */
public final class ContainerHistory {

  private ContainerHistory() {}

  /** What happened to a container. */
  public enum Kind {
    STARTED,
    EXITED,
    BACK_OFF,
    NOTED
  }

  /**
   * One step of a container's history: when, which container and run ({@code restarts} before it),
   * and, as the kind has them, the exit code, reason, signal and message.
   */
  public record Entry(
      Instant at,
      String container,
      Kind kind,
      int restarts,
      Integer exitCode,
      String reason,
      Integer signal,
      String message) {}

  /** The history the journaled {@code events} of one pod tell, in journal order. */
  public static List<Entry> of(List<PodEvent> events) {
    List<Entry> history = new ArrayList<>();
    Map<String, ContainerStatus> last = new HashMap<>();
    Set<String> exits = new HashSet<>();
    for (PodEvent event : events) {
      if (event instanceof PodEvent.PodNodeNoted noted) {
        for (NodeNote note : noted.notes()) {
          ContainerStatus known = last.get(note.container());
          history.add(
              new Entry(
                  note.at(),
                  note.container(),
                  Kind.NOTED,
                  known == null ? 0 : known.restartCount(),
                  null,
                  note.reason(),
                  null,
                  note.message()));
        }
      } else if (event instanceof PodEvent.PodStatusObserved observed) {
        PodStatus status = observed.status();
        List<ContainerStatus> all = new ArrayList<>(status.initContainerStatusesOrEmpty());
        all.addAll(status.containerStatusesOrEmpty());
        for (ContainerStatus now : all) {
          steps(observed.at(), last.get(now.name()), now, exits, history);
          last.put(now.name(), now);
        }
      }
    }
    return List.copyOf(history);
  }

  /** The steps between what was last seen of a container and what is seen now. */
  private static void steps(
      Instant at, ContainerStatus before, ContainerStatus now, Set<String> exits, List<Entry> out) {
    // an exit shows as the state (not restarted yet) or, once restarted, as the last state
    for (ContainerState state : new ContainerState[] {now.lastState(), now.state()}) {
      ContainerState.Terminated t = state == null ? null : state.terminated();
      if (t != null && exits.add(now.name() + "|" + t.startedAt() + "|" + t.finishedAt())) {
        // the last state of a running container is the run before it; of a waiting one (backing
        // off), the run that just ended, which the restart count still counts
        boolean runningAgain = now.state() != null && now.state().running() != null;
        int restarts =
            state != now.state() && runningAgain ? now.restartCount() - 1 : now.restartCount();
        out.add(
            new Entry(
                t.finishedAt() != null ? t.finishedAt() : at,
                now.name(),
                Kind.EXITED,
                Math.max(0, restarts),
                t.exitCode(),
                t.reason(),
                t.signal(),
                t.message()));
      }
    }
    ContainerState.Running running = now.state() == null ? null : now.state().running();
    ContainerState.Running wasRunning =
        before == null || before.state() == null ? null : before.state().running();
    if (running != null
        && (wasRunning == null
            || !Objects.equals(wasRunning.startedAt(), running.startedAt())
            || before.restartCount() != now.restartCount())) {
      out.add(
          new Entry(
              running.startedAt() != null ? running.startedAt() : at,
              now.name(),
              Kind.STARTED,
              now.restartCount(),
              null,
              null,
              null,
              null));
    }
    ContainerState.Waiting waiting = now.state() == null ? null : now.state().waiting();
    ContainerState.Waiting wasWaiting =
        before == null || before.state() == null ? null : before.state().waiting();
    if (waiting != null
        && "CrashLoopBackOff".equals(waiting.reason())
        && (wasWaiting == null
            || !Objects.equals(wasWaiting.message(), waiting.message())
            || before.restartCount() != now.restartCount())) {
      out.add(
          new Entry(
              at,
              now.name(),
              Kind.BACK_OFF,
              now.restartCount(),
              null,
              waiting.reason(),
              null,
              waiting.message()));
    }
  }
}
