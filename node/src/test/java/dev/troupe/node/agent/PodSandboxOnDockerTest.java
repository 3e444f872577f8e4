package dev.troupe.node.agent;

import static dev.troupe.node.agent.DockerNodeFixture.isReady;
import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.Pod;
import dev.troupe.node.runtime.ContainerInfo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pod's containers share its network through its sandbox (a pause container), on the real Docker
 * engine: they reach each other on localhost, see the pod's name as their host name, and a sandbox
 * that dies is replaced with its containers.
 */
class PodSandboxOnDockerTest extends OnDockerNode {

  private static final String TWO_CONTAINERS =
      """
      {"name":"web","image":"troupe/hello:1","ports":[{"containerPort":8080}]},
      {"name":"side","image":"troupe/hello:1",
       "command":["/bin/sh","-c","while :; do wget -qO- http://127.0.0.1:8080/ > /tmp/seen; hostname > /tmp/me; sleep 1; done"]}
      """;

  @Test
  void theContainersOfAPodReachEachOtherOnLocalhostAndCarryThePodsHostName() {
    Pod pod = node.create("pair", TWO_CONTAINERS);

    Pod running = node.awaitPod("pair", p -> isReady(p));

    assertThat(running.status().containerStatuses())
        .extracting(ContainerStatus::name)
        .containsExactly("web", "side");
    assertThat(running.status().hostPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.container()).isEqualTo("web");
              assertThat(p.containerPort()).isEqualTo(8080);
            });
    List<ContainerInfo> containers = node.runtime.listByLabel(ContainerLabels.POD_UID, pod.uid());
    assertThat(containers).filteredOn(ContainerLabels::isSandbox).hasSize(1);
    ContainerInfo side =
        containers.stream()
            .filter(c -> "side".equals(c.labels().get(ContainerLabels.CONTAINER)))
            .findFirst()
            .orElseThrow();
    node.awaitTrue(
        () ->
            node.runtime
                .exec(side.id(), List.of("cat", "/tmp/seen"), Duration.ofSeconds(5))
                .output()
                .equals("Hello from pair\n"),
        "the side container to fetch the web container's page on localhost");
    assertThat(
            node.runtime.exec(side.id(), List.of("cat", "/tmp/me"), Duration.ofSeconds(5)).output())
        .isEqualTo("pair\n");
  }

  @Test
  void aSandboxThatDiesIsReplacedAndTheInitContainersRunAgainBeforeTheContainers() {
    Pod pod =
        node.create(
            "prepared",
            "{}",
            "{}",
            "\"terminationGracePeriodSeconds\":1,\"initContainers\":[{\"name\":\"setup\",\"image\":\"troupe/hello:1\","
                + "\"command\":[\"/bin/sh\",\"-c\",\"true\"]}]",
            "{\"name\":\"web\",\"image\":\"troupe/hello:1\",\"ports\":[{\"containerPort\":8080}]}");
    node.awaitPod("prepared", p -> isReady(p));
    ContainerInfo sandbox = sandboxOf(pod);

    node.runtime.stop(sandbox.id(), Duration.ZERO);

    Pod again =
        node.awaitPod(
            "prepared",
            p ->
                isReady(p)
                    && p.status().initContainerStatuses().get(0).restartCount() >= 1
                    && p.status().containerStatuses().get(0).restartCount() >= 1);
    assertThat(again.status().initContainerStatuses().get(0).state().terminated().reason())
        .isEqualTo("Completed");
  }

  @Test
  void aSandboxThatDiesIsReplacedAndItsContainersWithIt() {
    Pod pod = node.create("fragile", TWO_CONTAINERS);
    node.awaitPod("fragile", p -> isReady(p));
    ContainerInfo sandbox = sandboxOf(pod);

    node.runtime.stop(sandbox.id(), Duration.ZERO);

    Pod again =
        node.awaitPod(
            "fragile",
            p ->
                isReady(p)
                    && p.status().containerStatuses().stream()
                        .allMatch(c -> c.restartCount() >= 1));
    assertThat(again.status().phase()).isEqualTo("Running");
    assertThat(node.runtime.listByLabel(ContainerLabels.POD_UID, pod.uid()))
        .filteredOn(ContainerLabels::isSandbox)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.id()).isNotEqualTo(sandbox.id());
              assertThat(c.isRunning()).isTrue();
            });
  }

  /** The pod's running sandbox container. */
  private ContainerInfo sandboxOf(Pod pod) {
    return node.runtime.listByLabel(ContainerLabels.POD_UID, pod.uid()).stream()
        .filter(ContainerLabels::isSandbox)
        .findFirst()
        .orElseThrow();
  }
}
