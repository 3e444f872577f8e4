package dev.troupe.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.troupe.core.events.ContainerHistory.Kind;
import dev.troupe.core.model.ContainerState;
import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.PodStatus;
import dev.troupe.core.pod.NodeNote;
import dev.troupe.core.pod.ProbeState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A container's whole history, read back from a pod's journal. */
class ContainerHistoryTest {

  private static final Instant T0 = Instant.parse("2026-11-29T20:00:00Z");
  private static final Cause CAUSE = Cause.of("node/n", "observation", "test");

  private static ContainerState.Terminated ended(
      int exitCode, String reason, long start, long end) {
    return new ContainerState.Terminated(
        exitCode,
        exitCode > 128 ? exitCode - 128 : null,
        reason,
        null,
        T0.plusSeconds(start),
        T0.plusSeconds(end),
        "docker://x");
  }

  private static PodEvent observed(
      long at, ContainerState state, ContainerState last, int restarts) {
    ContainerStatus status =
        new ContainerStatus("app", state, last, false, restarts, "img", null, null, false);
    return new PodEvent.PodStatusObserved(
        new PodStatus("Running", null, null, null, null, null, null, List.of(status), null, null),
        T0.plusSeconds(at),
        CAUSE);
  }

  @Test
  void everyStartExitAndBackOffStepIsKeptNotJustTheLast() {
    List<PodEvent> journal =
        List.of(
            observed(1, ContainerState.running(T0.plusSeconds(1)), null, 0),
            // exited 137 (OOM), restarted at once
            observed(
                3,
                ContainerState.running(T0.plusSeconds(3)),
                ContainerState.terminated(ended(137, "OOMKilled", 1, 2)),
                1),
            // exited 1, backing off
            observed(
                5,
                ContainerState.waiting("CrashLoopBackOff", "back-off 10s restarting failed"),
                ContainerState.terminated(ended(1, "Error", 3, 4)),
                1),
            observed(
                15,
                ContainerState.running(T0.plusSeconds(15)),
                ContainerState.terminated(ended(1, "Error", 3, 4)),
                2),
            new PodEvent.PodNodeNoted(
                List.of(
                    NodeNote.probeFailed(
                        "app", ProbeState.Kind.LIVENESS, "HTTP probe failed", T0.plusSeconds(20))),
                T0.plusSeconds(20),
                CAUSE));

    List<ContainerHistory.Entry> history = ContainerHistory.of(journal);

    assertThat(history)
        .extracting(
            ContainerHistory.Entry::kind,
            ContainerHistory.Entry::restarts,
            ContainerHistory.Entry::exitCode,
            ContainerHistory.Entry::reason,
            ContainerHistory.Entry::signal)
        .containsExactly(
            tuple(Kind.STARTED, 0, null, null, null),
            tuple(Kind.EXITED, 0, 137, "OOMKilled", 9),
            tuple(Kind.STARTED, 1, null, null, null),
            tuple(Kind.EXITED, 1, 1, "Error", null),
            tuple(Kind.BACK_OFF, 1, null, "CrashLoopBackOff", null),
            tuple(Kind.STARTED, 2, null, null, null),
            tuple(Kind.NOTED, 2, null, "Unhealthy", null));
    assertThat(history.get(4).message()).isEqualTo("back-off 10s restarting failed");
    assertThat(history.get(1).at()).isEqualTo(T0.plusSeconds(2));
    assertThat(history.get(6).message()).isEqualTo("Liveness probe failed: HTTP probe failed");
  }
}
