package dev.troupe.node.agent;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerPort;
import dev.troupe.core.model.HostPort;
import dev.troupe.core.model.LifecycleHandler;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.Probe;
import dev.troupe.core.pod.NodeNote;
import dev.troupe.node.runtime.ContainerInfo;
import dev.troupe.node.runtime.ContainerRuntime;
import dev.troupe.node.runtime.ContainerSpec;
import dev.troupe.node.runtime.RuntimeFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pods' sandboxes, as the kubelet kept them with dockershim: one pause container per pod that holds
 * the pod's network, host name and published ports, and whose network the pod's containers join.
 * Runs on runtime threads; holds no state of its own (the sandboxes are found by their labels).
 */
final class PodSandboxes {

  private final ContainerRuntime runtime;
  private final String nodeName;
  private final String sandboxImage;
  private final Clock clock;

  PodSandboxes(ContainerRuntime runtime, String nodeName, String sandboxImage, Clock clock) {
    this.runtime = runtime;
    this.nodeName = nodeName;
    this.sandboxImage = sandboxImage;
    this.clock = clock;
  }

  /** The pod's sandbox after a pass: running, or why it could not be made, or none needed. */
  record Sandbox(ContainerInfo running, String failure) {}

  /**
   * The pod's sandbox (the kubelet's pause container), which holds the pod's network: every port of
   * the pod is published on it and the containers join it. Made when missing; when it stopped, a
   * new one is made and the containers of the old one are replaced. A pod none of whose containers
   * will run again needs none, and its sandbox is stopped.
   */
  Sandbox sandbox(Pod pod, List<ContainerInfo> existing, boolean needed, List<NodeNote> notes) {
    List<ContainerInfo> sandboxes =
        existing.stream()
            .filter(ContainerLabels::isSandbox)
            .sorted(Comparator.comparingInt(PodSync::attemptOf))
            .toList();
    ContainerInfo current = sandboxes.isEmpty() ? null : sandboxes.get(sandboxes.size() - 1);
    if (!needed) {
      for (ContainerInfo c : sandboxes) {
        if (c.isRunning()) {
          runtime.stop(c.id(), Duration.ZERO);
        }
      }
      return new Sandbox(null, null);
    }
    try {
      if (current != null && current.isRunning()) {
        return new Sandbox(current, null);
      }
      if (current != null && current.state() == ContainerInfo.State.CREATED) {
        runtime.start(current.id());
        return new Sandbox(runtime.inspect(current.id()).orElse(current), null);
      }
      int attempt = current == null ? 0 : PodSync.attemptOf(current) + 1;
      for (ContainerInfo old : sandboxes) {
        runtime.remove(old.id());
      }
      runtime.ensureImage(sandboxImage, Container.PULL_IF_NOT_PRESENT);
      ContainerInfo made = runtime.create(sandboxSpec(pod, attempt));
      runtime.start(made.id());
      return new Sandbox(runtime.inspect(made.id()).orElse(made), null);
    } catch (RuntimeFailure failure) {
      notes.add(
          new NodeNote(
              "",
              "FailedCreatePodSandBox",
              true,
              "Failed to create pod sandbox: " + failure.getMessage(),
              clock.instant()));
      return new Sandbox(null, failure.getMessage());
    }
  }

  private ContainerSpec sandboxSpec(Pod pod, int attempt) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ContainerLabels.NODE, nodeName);
    labels.put(ContainerLabels.POD_UID, pod.uid());
    labels.put(ContainerLabels.POD_NAME, pod.name());
    labels.put(ContainerLabels.POD_NAMESPACE, pod.namespace());
    labels.put(ContainerLabels.SANDBOX, "true");
    labels.put(ContainerLabels.ATTEMPT, Integer.toString(attempt));
    String hostname = pod.spec().hostname() != null ? pod.spec().hostname() : pod.name();
    return new ContainerSpec(
        ContainerLabels.sandboxName(pod, attempt),
        sandboxImage,
        null,
        null,
        null,
        Map.of(),
        podPorts(pod),
        hostname.length() > 63 ? hostname.substring(0, 63) : hostname,
        labels,
        null,
        null);
  }

  /**
   * Every port the pod publishes, on its sandbox: its containers' ports, and the ports its probes
   * reach (the node reaches containers only through published ports).
   */
  private List<ContainerSpec.PortSpec> podPorts(Pod pod) {
    List<ContainerSpec.PortSpec> ports = new ArrayList<>();
    for (Container container : pod.spec().containersOrEmpty()) {
      for (ContainerPort p : container.portsOrEmpty()) {
        ports.add(
            new ContainerSpec.PortSpec(
                p.containerPort(),
                p.protocol() == null ? "TCP" : p.protocol(),
                p.hostIP() == null || p.hostIP().isEmpty() ? runtime.nodeAddress() : p.hostIP(),
                p.hostPort()));
      }
    }
    for (Container container : pod.spec().containersOrEmpty()) {
      for (Integer probed : probedPorts(container)) {
        if (ports.stream().noneMatch(p -> p.containerPort() == probed)) {
          ports.add(new ContainerSpec.PortSpec(probed, "TCP", runtime.nodeAddress(), null));
        }
      }
    }
    return ports;
  }

  /** The ports of a container the node itself reaches: its probes' and its HTTP hooks'. */
  private static List<Integer> probedPorts(Container container) {
    List<Integer> ports = new ArrayList<>();
    for (Probe probe :
        new Probe[] {
          container.livenessProbe(), container.readinessProbe(), container.startupProbe()
        }) {
      Integer probed = probedPort(probe, container);
      if (probed != null) {
        ports.add(probed);
      }
    }
    if (container.lifecycle() != null) {
      for (LifecycleHandler hook :
          new LifecycleHandler[] {
            container.lifecycle().postStart(), container.lifecycle().preStop()
          }) {
        if (hook != null && hook.httpGet() != null) {
          Integer port = Prober.containerPort(hook.httpGet().port(), container);
          if (port != null) {
            ports.add(port);
          }
        }
      }
    }
    return ports;
  }

  static List<ContainerInfo.PublishedPort> portsOf(ContainerInfo sandbox) {
    return sandbox.ports() == null ? List.of() : sandbox.ports();
  }

  /**
   * The pod's published ports, each under the container that declares it (a port only probed goes
   * under the container whose probe reaches it).
   */
  static List<HostPort> hostPorts(Pod pod, List<ContainerInfo.PublishedPort> ports) {
    List<HostPort> hostPorts = new ArrayList<>();
    for (ContainerInfo.PublishedPort p : ports) {
      String owner = null;
      for (Container container : pod.spec().containersOrEmpty()) {
        boolean declares =
            container.portsOrEmpty().stream()
                .anyMatch(d -> d.containerPort() != null && d.containerPort() == p.containerPort());
        if (owner == null && declares) {
          owner = container.name();
        }
      }
      for (Container container : pod.spec().containersOrEmpty()) {
        if (owner == null && probedPorts(container).contains(p.containerPort())) {
          owner = container.name();
        }
      }
      if (owner != null) {
        hostPorts.add(
            new HostPort(owner, p.containerPort(), p.protocol(), p.hostIP(), p.hostPort()));
      }
    }
    return hostPorts;
  }

  private static Integer probedPort(Probe probe, Container container) {
    if (probe == null) {
      return null;
    }
    if (probe.httpGet() != null) {
      return Prober.containerPort(probe.httpGet().port(), container);
    }
    if (probe.tcpSocket() != null) {
      return Prober.containerPort(probe.tcpSocket().port(), container);
    }
    return null;
  }
}
