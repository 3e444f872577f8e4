package dev.troupe.node.agent;

import static dev.troupe.node.agent.DockerNodeFixture.first;
import static dev.troupe.node.agent.DockerNodeFixture.isReady;
import static dev.troupe.node.agent.DockerNodeFixture.messages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Liveness, readiness and startup probes of pods run by a node agent on the real Docker engine with
 * the local image {@code troupe/hello:1}, whose {@code /healthz} a test removes and restores inside
 * the container.
 */
class ProbesOnDockerTest extends OnDockerNode {

  @Test
  void aContainerFailingItsLivenessProbeIsKilledAndRestartedWithUnhealthyAndKillingEvents() {
    Pod pod =
        node.create(
            "live",
            """
            {"name":"web","image":"troupe/hello:1",
             "livenessProbe":{"httpGet":{"path":"/healthz","port":8080},
                              "periodSeconds":1,"failureThreshold":2}}
            """);
    node.awaitPod("live", p -> isReady(p) && first(p).restartCount() == 0);

    node.shell(pod, "rm /www/healthz");

    Pod restarted = node.awaitPod("live", p -> first(p).restartCount() >= 1 && isReady(p));
    assertThat(first(restarted).lastState().terminated()).isNotNull();
    List<KubeObject> events =
        node.awaitEvents(
            "live", e -> !messages(e, "Killing").isEmpty() && !messages(e, "Unhealthy").isEmpty());
    assertThat(messages(events, "Unhealthy"))
        .contains("Liveness probe failed: HTTP probe failed with statuscode: 404");
    assertThat(messages(events, "Killing"))
        .contains("Container web failed liveness probe, will be restarted");
  }

  @Test
  void aFailingReadinessProbeMakesThePodNotReadyWithoutRestartingItAndReadyAgainOnceItPasses() {
    Pod pod =
        node.create(
            "ready",
            """
            {"name":"web","image":"troupe/hello:1",
             "readinessProbe":{"httpGet":{"path":"/healthz","port":8080},
                               "periodSeconds":1,"failureThreshold":1}}
            """);
    node.awaitPod("ready", DockerNodeFixture::isReady);

    node.shell(pod, "rm /www/healthz");
    Pod notReady = node.awaitPod("ready", p -> !isReady(p));
    node.shell(pod, "echo ok > /www/healthz");
    Pod readyAgain = node.awaitPod("ready", DockerNodeFixture::isReady);

    assertThat(notReady.status().phase()).isEqualTo("Running");
    assertThat(first(notReady).ready()).isFalse();
    assertThat(first(notReady).restartCount()).isZero();
    assertThat(first(readyAgain).restartCount()).isZero();
    assertThat(
            messages(
                node.awaitEvents("ready", e -> !messages(e, "Unhealthy").isEmpty()), "Unhealthy"))
        .contains("Readiness probe failed: HTTP probe failed with statuscode: 404");
  }

  @Test
  void aStartupProbeHoldsBackReadinessUntilItPasses() throws InterruptedException {
    Pod pod =
        node.create(
            "slow",
            """
            {"name":"web","image":"troupe/hello:1",
             "startupProbe":{"exec":{"command":["cat","/tmp/started"]},
                             "periodSeconds":1,"failureThreshold":60},
             "readinessProbe":{"tcpSocket":{"port":8080},"periodSeconds":1}}
            """);
    node.awaitPod("slow", p -> "Running".equals(p.status().phase()));
    Thread.sleep(3000);
    Pod waiting = node.get("slow");

    node.shell(pod, "touch /tmp/started");
    Pod started = node.awaitPod("slow", DockerNodeFixture::isReady);

    assertThat(first(waiting).started()).isFalse();
    assertThat(first(waiting).ready()).isFalse();
    assertThat(first(started).started()).isTrue();
    assertThat(first(started).restartCount()).isZero();
  }

  @Test
  void aTcpProbeOfAPortNothingListensOnFailsThoughDockerPublishesIt() throws InterruptedException {
    node.create(
        "deaf",
        """
        {"name":"web","image":"troupe/hello:1",
         "readinessProbe":{"tcpSocket":{"port":9999},"periodSeconds":1}}
        """);
    node.awaitPod("deaf", p -> "Running".equals(p.status().phase()));

    List<KubeObject> events = node.awaitEvents("deaf", e -> !messages(e, "Unhealthy").isEmpty());

    assertThat(messages(events, "Unhealthy"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .matches(
                        "Readiness probe failed: dial tcp 127\\.0\\.0\\.1:\\d+: connect:"
                            + " connection refused"));
    assertThat(isReady(node.get("deaf"))).isFalse();
  }
}
