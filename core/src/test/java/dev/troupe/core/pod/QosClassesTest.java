package dev.troupe.core.pod;

import static dev.troupe.core.TestPods.container;
import static dev.troupe.core.TestPods.cpuMemory;
import static dev.troupe.core.TestPods.limits;
import static dev.troupe.core.TestPods.requests;
import static dev.troupe.core.TestPods.resources;
import static dev.troupe.core.TestPods.spec;
import static dev.troupe.core.TestPods.withResources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.ResourceRequirements;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QosClassesTest {

  private static Container named(String name, ResourceRequirements r) {
    return container(name, "busybox:1.36").withResources(r);
  }

  static Stream<Arguments> pods() {
    return Stream.of(
        arguments(
            "a pod without requests or limits is BestEffort",
            new Container[] {container("app", "busybox")},
            "BestEffort"),
        arguments(
            "empty requests and limits are BestEffort",
            new Container[] {withResources(resources(cpuMemory(null, null), null))},
            "BestEffort"),
        arguments(
            "requests without limits are Burstable",
            new Container[] {withResources(requests("100m", "64Mi"))},
            "Burstable"),
        arguments(
            "limits on cpu and memory alone are Guaranteed, requests defaulting to them",
            new Container[] {withResources(limits("1", "1Gi"))},
            "Guaranteed"),
        arguments(
            "requests equal to limits written differently are Guaranteed",
            new Container[] {
              withResources(resources(cpuMemory("1", "1Gi"), cpuMemory("1000m", "1024Mi")))
            },
            "Guaranteed"),
        arguments(
            "requests below limits are Burstable",
            new Container[] {
              withResources(resources(cpuMemory("1", "1Gi"), cpuMemory("500m", "1Gi")))
            },
            "Burstable"),
        arguments(
            "a cpu limit without a memory limit is Burstable",
            new Container[] {withResources(limits("1", null))},
            "Burstable"),
        arguments(
            "a guaranteed container beside a container without resources is Burstable",
            new Container[] {named("a", limits("1", "1Gi")), named("b", null)},
            "Burstable"),
        arguments(
            "two guaranteed containers make a Guaranteed pod",
            new Container[] {named("a", limits("1", "1Gi")), named("b", limits("250m", "64Mi"))},
            "Guaranteed"),
        arguments(
            "zero limits and requests count as none, so the pod is BestEffort",
            new Container[] {withResources(resources(cpuMemory("0", "0"), cpuMemory("0", "0")))},
            "BestEffort"),
        arguments(
            "a zero cpu limit beside a memory limit is Burstable",
            new Container[] {withResources(limits("0", "1Gi"))},
            "Burstable"),
        arguments(
            "a zero request below a limit is Burstable, not defaulted to the limit",
            new Container[] {
              withResources(resources(cpuMemory("1", "1Gi"), cpuMemory("0", "1Gi")))
            },
            "Burstable"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pods")
  void computesTheClass(String sentence, Container[] containers, String expected) {
    assertThat(QosClasses.compute(spec(null, containers))).isEqualTo(expected);
  }
}
