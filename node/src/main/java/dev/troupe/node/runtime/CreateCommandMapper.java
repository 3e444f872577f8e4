package dev.troupe.node.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns a {@link ContainerSpec} into the engine's create command. */
final class CreateCommandMapper {

  private CreateCommandMapper() {}

  /**
   * The create command for {@code spec}; ports without a host IP are published on {@code
   * nodeAddress}.
   */
  static CreateContainerCmd buildCreate(
      DockerClient client, ContainerSpec spec, String nodeAddress) {
    HostConfig host = HostConfig.newHostConfig().withRestartPolicy(RestartPolicy.noRestart());
    if (spec.memoryLimitBytes() != null) {
      host.withMemory(spec.memoryLimitBytes());
      // as the kubelet: no swap beyond the limit, so going past it is an OOM kill
      host.withMemorySwap(spec.memoryLimitBytes());
    }
    if (spec.nanoCpus() != null) {
      host.withNanoCPUs(spec.nanoCpus());
    }
    if (spec.networkMode() != null) {
      // a container joining another's network: that one holds the ports and the host name
      host.withNetworkMode(spec.networkMode());
    }
    List<ExposedPort> exposed = new ArrayList<>();
    Ports bindings = new Ports();
    if (spec.ports() != null && spec.networkMode() == null) {
      for (ContainerSpec.PortSpec port : spec.ports()) {
        ExposedPort exposedPort = new ExposedPort(port.containerPort(), protocol(port.protocol()));
        exposed.add(exposedPort);
        String hostIp =
            port.hostIP() == null || port.hostIP().isBlank() ? nodeAddress : port.hostIP();
        bindings.bind(
            exposedPort,
            port.hostPort() == null || port.hostPort() == 0
                ? Ports.Binding.bindIp(hostIp)
                : Ports.Binding.bindIpAndPort(hostIp, port.hostPort()));
      }
      host.withPortBindings(bindings);
    }
    CreateContainerCmd cmd =
        client
            .createContainerCmd(spec.image())
            .withName(spec.name())
            .withHostConfig(host)
            .withExposedPorts(exposed);
    // null keeps the image's entrypoint and cmd, as in Kubernetes
    if (spec.command() != null) {
      cmd.withEntrypoint(spec.command());
    }
    if (spec.args() != null) {
      cmd.withCmd(spec.args());
    }
    if (spec.workingDir() != null) {
      cmd.withWorkingDir(spec.workingDir());
    }
    if (spec.env() != null) {
      cmd.withEnv(
          spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
    if (spec.hostname() != null && spec.networkMode() == null) {
      cmd.withHostName(spec.hostname());
    }
    if (spec.labels() != null) {
      cmd.withLabels(spec.labels());
    }
    return cmd;
  }

  private static InternetProtocol protocol(String protocol) {
    return protocol == null || protocol.isBlank()
        ? InternetProtocol.TCP
        : InternetProtocol.valueOf(protocol.toUpperCase(Locale.ROOT));
  }
}
