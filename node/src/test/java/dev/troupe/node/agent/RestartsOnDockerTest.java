package dev.troupe.node.agent;

import static dev.troupe.node.agent.DockerNodeFixture.first;
import static dev.troupe.node.agent.DockerNodeFixture.messages;
import static dev.troupe.node.agent.DockerNodeFixture.waitingReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.troupe.core.events.ContainerHistory;
import dev.troupe.core.model.ContainerState;
import dev.troupe.core.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Restart policies, the crash back-off curve a pod sets for itself, and termination (grace,
 * pre-stop hooks) of pods run by a node agent on the real Docker engine.
 */
class RestartsOnDockerTest extends OnDockerNode {

  private static String exiting(int code) {
    return """
        {"name":"main","image":"troupe/hello:1","command":["/bin/sh","-c","sleep 1; exit %d"]}
        """
        .formatted(code);
  }

  static Stream<Arguments> policies() {
    return Stream.of(
        Arguments.of("Never", 1, "Failed", false),
        Arguments.of("Never", 0, "Succeeded", false),
        Arguments.of("OnFailure", 0, "Succeeded", false),
        Arguments.of("OnFailure", 3, "Running", true),
        Arguments.of("Always", 0, "Running", true),
        Arguments.of("Always", 2, "Running", true));
  }

  @ParameterizedTest(name = "restartPolicy {0}, exit {1}: {2}, restarted {3}")
  @MethodSource("policies")
  void aContainerThatExitsIsRestartedOnlyAsItsPolicySays(
      String policy, int exitCode, String phase, boolean restarted) throws InterruptedException {
    String name = "exit-" + policy.toLowerCase() + "-" + exitCode;

    node.create(
        name,
        "{}",
        "\"terminationGracePeriodSeconds\":1,\"restartPolicy\":\"%s\"".formatted(policy),
        exiting(exitCode));

    Pod pod =
        node.awaitPod(
            name, p -> restarted ? first(p).restartCount() >= 1 : p.status().phase().equals(phase));
    if (!restarted) {
      Thread.sleep(2500);
      pod = node.get(name);
      assertThat(first(pod).restartCount()).isZero();
      assertThat(first(pod).state().terminated().exitCode()).isEqualTo(exitCode);
      assertThat(first(pod).state().terminated().reason())
          .isEqualTo(exitCode == 0 ? "Completed" : "Error");
    } else {
      ContainerState.Terminated last = first(pod).lastState().terminated();
      assertThat(last.exitCode()).isEqualTo(exitCode);
      assertThat(last.reason()).isEqualTo(exitCode == 0 ? "Completed" : "Error");
    }
    assertThat(pod.status().phase()).isEqualTo(phase);
  }

  @Test
  void aPodsOwnBackOffCurveSpacesItsRestartsAndCapsThem() {
    node.create(
        "crashy",
        "{\"troupe.dev/restart-backoff\":\"initial=1s,cap=2s\"}",
        "\"terminationGracePeriodSeconds\":1",
        """
        {"name":"main","image":"troupe/hello:1","command":["/bin/sh","-c","exit 1"]}
        """);

    node.awaitPod("crashy", p -> first(p).restartCount() >= 4);

    // every back-off step is on record in the pod's journal, however briefly it lasted
    List<String> backOffs =
        ContainerHistory.of(node.journal("crashy")).stream()
            .filter(e -> e.kind() == ContainerHistory.Kind.BACK_OFF)
            .map(ContainerHistory.Entry::message)
            .toList();
    assertThat(backOffs)
        .allSatisfy(m -> assertThat(m).startsWith("back-off "))
        .anySatisfy(m -> assertThat(m).startsWith("back-off 1s restarting failed container=main"))
        .anySatisfy(m -> assertThat(m).startsWith("back-off 2s restarting failed container=main"))
        .noneSatisfy(m -> assertThat(m).startsWith("back-off 4s"))
        .noneSatisfy(m -> assertThat(m).startsWith("back-off 10s"));
    assertThat(waitingReason(node.get("crashy"))).isIn("CrashLoopBackOff", null);
  }

  @Test
  void theJournalKeepsEveryExitAndBackOffStepOfACrashingContainer() {
    node.create(
        "history",
        "{\"troupe.dev/restart-backoff\":\"initial=1s,cap=1s\"}",
        "\"terminationGracePeriodSeconds\":1",
        """
        {"name":"main","image":"troupe/hello:1","command":["/bin/sh","-c","sleep 0.5; exit 4"]}
        """);
    node.awaitPod("history", p -> first(p).restartCount() >= 3);

    List<ContainerHistory.Entry> history = ContainerHistory.of(node.journal("history"));

    List<ContainerHistory.Entry> exits =
        history.stream().filter(e -> e.kind() == ContainerHistory.Kind.EXITED).toList();
    assertThat(exits).hasSizeGreaterThanOrEqualTo(3);
    assertThat(exits.subList(0, 3))
        .extracting(
            ContainerHistory.Entry::restarts,
            ContainerHistory.Entry::exitCode,
            ContainerHistory.Entry::reason)
        .containsExactly(tuple(0, 4, "Error"), tuple(1, 4, "Error"), tuple(2, 4, "Error"));
    assertThat(history)
        .filteredOn(e -> e.kind() == ContainerHistory.Kind.STARTED)
        .extracting(ContainerHistory.Entry::restarts)
        .startsWith(0, 1, 2);
    assertThat(history)
        .filteredOn(e -> e.kind() == ContainerHistory.Kind.BACK_OFF)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.message()).startsWith("back-off 1s restarting failed"));
  }

  @Test
  void aContainerGoingPastItsMemoryLimitEndsOomKilled() {
    node.create(
        "hungry",
        "{}",
        "\"terminationGracePeriodSeconds\":1,\"restartPolicy\":\"Never\"",
        """
        {"name":"main","image":"troupe/hello:1",
         "command":["/bin/sh","-c","head -c 200m /dev/zero | tail"],
         "resources":{"limits":{"memory":"16Mi"}}}
        """);

    // Docker may report the exit before the cgroup's OOM event, so a first observation can say
    // Error; the node observes again and the pod's status follows.
    Pod killed =
        node.awaitPod(
            "hungry",
            p ->
                "Failed".equals(p.status().phase())
                    && "OOMKilled".equals(first(p).state().terminated().reason()));

    ContainerState.Terminated end = first(killed).state().terminated();
    assertThat(end.reason()).isEqualTo("OOMKilled");
    assertThat(end.exitCode()).isEqualTo(137);
    assertThat(end.signal()).isEqualTo(9);
    assertThat(killed.status().qosClass()).isEqualTo("Burstable");
  }

  @Test
  void aPostStartHookRunsInTheStartedContainerAndOneThatFailsHasItRestarted() {
    node.create(
        "started",
        "{}",
        "\"terminationGracePeriodSeconds\":1",
        """
        {"name":"main","image":"troupe/hello:1",
         "lifecycle":{"postStart":{"exec":{"command":["/bin/sh","-c","echo hooked > /www/hook"]}}}}
        """);
    node.create(
        "refused",
        "{}",
        "\"terminationGracePeriodSeconds\":1",
        """
        {"name":"main","image":"troupe/hello:1",
         "lifecycle":{"postStart":{"exec":{"command":["/bin/sh","-c","exit 2"]}}}}
        """);

    Pod started = node.awaitPod("started", p -> "Running".equals(p.status().phase()));
    node.shell(started, "grep -q hooked /www/hook");
    node.awaitPod("refused", p -> first(p).restartCount() >= 1);
    assertThat(
            messages(
                node.awaitEvents("refused", e -> !messages(e, "FailedPostStartHook").isEmpty()),
                "FailedPostStartHook"))
        .contains("PostStartHook failed: command \"/bin/sh -c exit 2\" exited with 2");
  }

  @Test
  void aContainerIgnoringTermIsKilledAfterItsGraceAndNotBefore() {
    node.create(
        "stubborn",
        "{}",
        "\"terminationGracePeriodSeconds\":3",
        """
        {"name":"main","image":"troupe/hello:1","command":["/bin/sh","-c","trap '' TERM; while :; do sleep 1; done"]}
        """);
    node.awaitPod("stubborn", p -> "Running".equals(p.status().phase()));

    Instant asked = Instant.now();
    node.delete("stubborn");
    node.awaitGone("stubborn");

    assertThat(Duration.between(asked, Instant.now()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aContainerThatHonoursTermGoesWithoutWaitingForItsGrace() {
    node.create(
        "polite",
        "{}",
        "\"terminationGracePeriodSeconds\":30",
        """
        {"name":"main","image":"troupe/hello:1"}
        """);
    node.awaitPod("polite", p -> "Running".equals(p.status().phase()));

    Instant asked = Instant.now();
    node.delete("polite");
    node.awaitGone("polite");

    assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void aPreStopHookRunsBeforeTheStopSignalAndAFailingOneIsReported() {
    node.create(
        "hooked",
        "{}",
        "\"terminationGracePeriodSeconds\":30",
        """
        {"name":"main","image":"troupe/hello:1",
         "lifecycle":{"preStop":{"exec":{"command":["/bin/sh","-c","sleep 2"]}}}}
        """);
    node.create(
        "badhook",
        "{}",
        "\"terminationGracePeriodSeconds\":30",
        """
        {"name":"main","image":"troupe/hello:1",
         "lifecycle":{"preStop":{"exec":{"command":["/bin/sh","-c","echo no >&2; exit 7"]}}}}
        """);
    node.awaitPod("hooked", p -> "Running".equals(p.status().phase()));
    node.awaitPod("badhook", p -> "Running".equals(p.status().phase()));

    Instant asked = Instant.now();
    node.delete("hooked");
    node.awaitGone("hooked");
    Duration took = Duration.between(asked, Instant.now());
    node.delete("badhook");

    assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(
            messages(
                node.awaitEvents("badhook", e -> !messages(e, "FailedPreStopHook").isEmpty()),
                "FailedPreStopHook"))
        .containsExactly("PreStopHook failed: no");
    node.awaitGone("badhook");
  }
}
