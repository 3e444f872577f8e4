package dev.troupe.core;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerPort;
import dev.troupe.core.model.ContainerState;
import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.model.ResourceRequirements;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small named builders for pods, containers and container statuses, shared by the tests. */
public final class TestPods {

  /** A fixed moment, so timestamps in assertions are exact. */
  public static final Instant T0 = Instant.parse("2026-11-29T14:15:00Z");

  private TestPods() {}

  /** A pod named {@code web} in {@code default} with one {@code app} container. */
  public static Pod pod() {
    return pod(container("app", "busybox:1.36"));
  }

  /** A pod named {@code web} in {@code default} with these containers and nothing defaulted. */
  public static Pod pod(Container... containers) {
    return Pod.of(ObjectMeta.named("default", "web"), spec(null, containers));
  }

  public static PodSpec spec(String restartPolicy, Container... containers) {
    return new PodSpec(List.of(containers), restartPolicy, null, null, null);
  }

  /** Metadata with only a name and a generateName (either may be null). */
  public static ObjectMeta meta(String name, String generateName) {
    return new ObjectMeta(
        name, generateName, null, null, null, null, null, null, null, null, null, null, null);
  }

  public static Container container(String name, String image) {
    return Container.of(name, image);
  }

  /** A container port with no protocol, as a client usually sends it. */
  public static ContainerPort port(Integer containerPort) {
    return new ContainerPort(null, containerPort, null, null, null);
  }

  public static ContainerPort port(String name, Integer containerPort, String protocol) {
    return new ContainerPort(name, containerPort, null, null, protocol);
  }

  /** A container named {@code app} with these ports. */
  public static Container withPorts(ContainerPort... ports) {
    return container("app", "busybox:1.36").withPorts(List.of(ports));
  }

  /** A container named {@code app} with these resources. */
  public static Container withResources(ResourceRequirements resources) {
    return container("app", "busybox:1.36").withResources(resources);
  }

  public static ResourceRequirements limits(String cpu, String memory) {
    return new ResourceRequirements(cpuMemory(cpu, memory), null);
  }

  public static ResourceRequirements requests(String cpu, String memory) {
    return new ResourceRequirements(null, cpuMemory(cpu, memory));
  }

  public static ResourceRequirements resources(
      Map<String, String> limits, Map<String, String> requests) {
    return new ResourceRequirements(limits, requests);
  }

  /** A map of {@code cpu} and {@code memory}, leaving out whichever is null, in that order. */
  public static Map<String, String> cpuMemory(String cpu, String memory) {
    Map<String, String> m = new LinkedHashMap<>();
    if (cpu != null) {
      m.put("cpu", cpu);
    }
    if (memory != null) {
      m.put("memory", memory);
    }
    return m;
  }

  public static ContainerStatus running(String name, boolean ready) {
    return status(name, ContainerState.running(T0), null, ready);
  }

  /** A container that has not started yet (for example its image is being pulled). */
  public static ContainerStatus waiting(String name) {
    return status(name, ContainerState.waiting("ContainerCreating", null), null, false);
  }

  public static ContainerStatus exited(String name, int exitCode) {
    return status(name, ContainerState.terminated(terminated(exitCode)), null, false);
  }

  /** A container waiting to be restarted after a run that exited with {@code exitCode}. */
  public static ContainerStatus crashLooping(String name, int exitCode) {
    return status(
        name,
        ContainerState.waiting("CrashLoopBackOff", "back-off 10s restarting failed container"),
        ContainerState.terminated(terminated(exitCode)),
        false);
  }

  public static ContainerState.Terminated terminated(int exitCode) {
    return new ContainerState.Terminated(
        exitCode,
        null,
        exitCode == 0 ? "Completed" : "Error",
        null,
        T0,
        T0.plusSeconds(5),
        "docker://0123");
  }

  private static ContainerStatus status(
      String name, ContainerState state, ContainerState lastState, boolean ready) {
    return new ContainerStatus(
        name, state, lastState, ready, lastState == null ? 0 : 1, "busybox:1.36", null, null, null);
  }
}
