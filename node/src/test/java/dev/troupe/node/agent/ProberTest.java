package dev.troupe.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerPort;
import dev.troupe.core.model.IntOrString;
import dev.troupe.node.runtime.ContainerInfo;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the prober reaches a probed port: by number or by the name of a container port. */
class ProberTest {

  private static final Container WEB =
      Container.of("web", "troupe/hello:1")
          .withPorts(
              List.of(
                  new ContainerPort("http", 8080, null, null, null),
                  new ContainerPort("admin", 9090, null, null, null)));

  private static ContainerInfo publishing(ContainerInfo.PublishedPort... ports) {
    return new ContainerInfo(
        "id",
        "web",
        "troupe/hello:1",
        null,
        Map.of(),
        ContainerInfo.State.RUNNING,
        null,
        false,
        null,
        null,
        null,
        List.of(ports));
  }

  @Test
  void aPortIsNamedByNumberOrByTheNameOfAContainerPort() {
    assertThat(Prober.containerPort(IntOrString.of(7070), WEB)).isEqualTo(7070);
    assertThat(Prober.containerPort(IntOrString.of("admin"), WEB)).isEqualTo(9090);
    assertThat(Prober.containerPort(IntOrString.of("8081"), WEB)).isEqualTo(8081);
    assertThat(Prober.containerPort(IntOrString.of("metrics"), WEB)).isNull();
  }

  @Test
  void aProbedPortIsReachedWhereItIsPublishedOnTheNode() {
    ContainerInfo info =
        publishing(
            new ContainerInfo.PublishedPort(8080, "tcp", "127.0.0.1", 32801),
            new ContainerInfo.PublishedPort(9090, "tcp", "0.0.0.0", 32802));

    assertThat(Prober.published(IntOrString.of("http"), WEB, info))
        .contains(new InetSocketAddress("127.0.0.1", 32801));
    assertThat(Prober.published(IntOrString.of(9090), WEB, info))
        .contains(new InetSocketAddress("127.0.0.1", 32802));
    assertThat(Prober.published(IntOrString.of(7070), WEB, info)).isEqualTo(Optional.empty());
  }
}
