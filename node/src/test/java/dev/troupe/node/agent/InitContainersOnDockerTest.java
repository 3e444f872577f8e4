package dev.troupe.node.agent;

import static dev.troupe.node.agent.DockerNodeFixture.first;
import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.core.model.ContainerState;
import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodCondition;
import dev.troupe.core.printing.PodPrinter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Init containers run in order, each to completion, before a pod's containers, on Docker. */
class InitContainersOnDockerTest extends OnDockerNode {

  private static String init(String name, String script) {
    return """
        {"name":"%s","image":"troupe/hello:1","command":["/bin/sh","-c","%s"]}
        """
        .formatted(name, script);
  }

  private Pod createWithInits(String name, String policy, String... inits) {
    return node.create(
        name,
        "{}",
        "\"terminationGracePeriodSeconds\":1,\"restartPolicy\":\"%s\",\"initContainers\":[%s]"
            .formatted(policy, String.join(",", inits)),
        """
        {"name":"web","image":"troupe/hello:1"}
        """);
  }

  @Test
  void initContainersRunOneAfterTheOtherToCompletionBeforeTheContainers() {
    createWithInits("ordered", "Always", init("first", "sleep 4"), init("second", "sleep 1"));

    Pod initializing =
        node.awaitPod(
            "ordered",
            p ->
                p.status().initContainerStatuses() != null
                    && p.status().initContainerStatuses().get(0).state().running() != null);
    Pod running = node.awaitPod("ordered", p -> "Running".equals(p.status().phase()));

    assertThat(initializing.status().phase()).isEqualTo("Pending");
    assertThat(PodPrinter.computeStatus(initializing)).isEqualTo("Init:0/2");
    assertThat(initializing.status().initContainerStatuses().get(1).state().waiting().reason())
        .isEqualTo("PodInitializing");
    assertThat(first(initializing).state().waiting().reason()).isEqualTo("PodInitializing");
    List<ContainerStatus> inits = running.status().initContainerStatuses();
    ContainerState.Terminated firstDone = inits.get(0).state().terminated();
    ContainerState.Terminated secondDone = inits.get(1).state().terminated();
    assertThat(firstDone.reason()).isEqualTo("Completed");
    assertThat(secondDone.reason()).isEqualTo("Completed");
    assertThat(secondDone.startedAt()).isAfterOrEqualTo(firstDone.finishedAt());
    assertThat(first(running).state().running().startedAt())
        .isAfterOrEqualTo(secondDone.finishedAt());
    assertThat(running.status().conditionsOrEmpty())
        .filteredOn(c -> PodCondition.INITIALIZED.equals(c.type()))
        .singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo("True"));
  }

  @Test
  void aFailedInitContainerFailsAPodThatNeverRestartsAndNoContainerStarts()
      throws InterruptedException {
    createWithInits("doomed", "Never", init("check", "exit 3"));

    Pod failed = node.awaitPod("doomed", p -> "Failed".equals(p.status().phase()));
    Thread.sleep(1500);
    Pod later = node.get("doomed");

    assertThat(failed.status().initContainerStatuses().get(0).state().terminated().exitCode())
        .isEqualTo(3);
    assertThat(PodPrinter.computeStatus(failed)).isEqualTo("Init:Error");
    assertThat(first(later).state().waiting().reason()).isEqualTo("PodInitializing");
    assertThat(first(later).restartCount()).isZero();
  }

  @Test
  void aFailedInitContainerIsRestartedAndThePodStaysPendingUnderOtherPolicies() {
    createWithInits("retrying", "Always", init("check", "exit 1"));

    Pod retried =
        node.awaitPod(
            "retrying",
            p ->
                p.status().initContainerStatuses() != null
                    && p.status().initContainerStatuses().get(0).restartCount() >= 1
                    // between its runs: the first restart is at once, so a run may be caught
                    && p.status().initContainerStatuses().get(0).state().running() == null);

    assertThat(retried.status().phase()).isEqualTo("Pending");
    assertThat(PodPrinter.computeStatus(retried)).isIn("Init:Error", "Init:CrashLoopBackOff");
    assertThat(first(retried).state().waiting().reason()).isEqualTo("PodInitializing");
  }
}
