package dev.troupe.core.printing;

import static dev.troupe.core.printing.PrintingObjects.NOW;
import static dev.troupe.core.printing.PrintingObjects.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServicePrinterTest {

  private final ServicePrinter printer = new ServicePrinter();

  static Stream<Arguments> rows() {
    return Stream.of(
        arguments(
            "a ClusterIP service shows its address, ports and selector",
            """
            "spec":{"type":"ClusterIP","clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10"],
                    "selector":{"tier":"front","app":"web"},
                    "ports":[{"port":80,"protocol":"TCP"},{"port":53,"protocol":"UDP"}]}
            """,
            List.of(
                "web",
                "ClusterIP",
                "10.96.0.10",
                "<none>",
                "80/TCP,53/UDP",
                "5m",
                "app=web,tier=front")),
        arguments(
            "a service not given an address yet has none, and a selectorless one selects none",
            """
            "spec":{"type":"ClusterIP","ports":[{"port":80,"protocol":"TCP"}]}
            """,
            List.of("web", "ClusterIP", "<none>", "<none>", "80/TCP", "5m", "<none>")),
        arguments(
            "a headless service shows None",
            """
            "spec":{"type":"ClusterIP","clusterIP":"None","selector":{"app":"db"}}
            """,
            List.of("web", "ClusterIP", "None", "<none>", "<none>", "5m", "app=db")),
        arguments(
            "node ports follow the port",
            """
            "spec":{"type":"NodePort","clusterIP":"10.96.0.11",
                    "ports":[{"port":80,"nodePort":30080,"protocol":"TCP"},
                             {"port":443,"nodePort":30443,"protocol":"TCP"}]}
            """,
            List.of(
                "web",
                "NodePort",
                "10.96.0.11",
                "<none>",
                "80:30080/TCP,443:30443/TCP",
                "5m",
                "<none>")),
        arguments(
            "external IPs of a ClusterIP service are shown",
            """
            "spec":{"type":"ClusterIP","clusterIP":"10.96.0.12","externalIPs":["192.0.2.1","192.0.2.2"],
                    "ports":[{"port":80,"protocol":"TCP"}]}
            """,
            List.of(
                "web", "ClusterIP", "10.96.0.12", "192.0.2.1,192.0.2.2", "80/TCP", "5m", "<none>")),
        arguments(
            "a load balancer not provisioned yet is pending",
            """
            "spec":{"type":"LoadBalancer","clusterIP":"10.96.0.13",
                    "ports":[{"port":443,"nodePort":31443,"protocol":"TCP"}]},
            "status":{"loadBalancer":{}}
            """,
            List.of(
                "web", "LoadBalancer", "10.96.0.13", "<pending>", "443:31443/TCP", "5m", "<none>")),
        arguments(
            "a provisioned load balancer shows its ingress points, sorted, then external IPs",
            """
            "spec":{"type":"LoadBalancer","clusterIP":"10.96.0.13","externalIPs":["192.0.2.9"],
                    "ports":[{"port":443,"nodePort":31443,"protocol":"TCP"}]},
            "status":{"loadBalancer":{"ingress":[{"hostname":"lb.example.com"},{"ip":"203.0.113.7"}]}}
            """,
            List.of(
                "web",
                "LoadBalancer",
                "10.96.0.13",
                "203.0.113.7,lb.example.com,192.0.2.9",
                "443:31443/TCP",
                "5m",
                "<none>")),
        arguments(
            "an ExternalName service shows the name it stands for",
            """
            "spec":{"type":"ExternalName","externalName":"db.example.com"}
            """,
            List.of("web", "ExternalName", "<none>", "db.example.com", "<none>", "5m", "<none>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void cellsAreTheOnesKubectlShows(String description, String fields, List<Object> expected) {
    assertThat(printer.cells(object("web", fields), NOW)).isEqualTo(expected);
  }

  @Test
  void theSelectorIsTheOnlyWideColumn() {
    assertThat(printer.columnDefinitions().stream().map(c -> c.name() + "/" + c.priority()))
        .containsExactly(
            "Name/0",
            "Type/0",
            "Cluster-IP/0",
            "External-IP/0",
            "Port(s)/0",
            "Age/0",
            "Selector/1");
  }
}
