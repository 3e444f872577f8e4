package dev.troupe.core.printing;

import static dev.troupe.core.printing.ObjectCells.NONE;
import static dev.troupe.core.printing.ObjectCells.age;
import static dev.troupe.core.printing.ObjectCells.name;
import static dev.troupe.core.printing.ObjectCells.number;
import static dev.troupe.core.printing.ObjectCells.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.model.KubeObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Services as Kubernetes prints them ({@code printService}): the first cluster IP, the addresses
 * reachable from outside ({@code <pending>} for a load balancer not provisioned yet) and the ports
 * as {@code port[:nodePort]/protocol}. Tables are computed wide, as the API server does, so
 * load-balancer addresses are never cut short.
 */
public final class ServicePrinter extends KubeObjectPrinter {

  public static final List<TableColumnDefinition> COLUMN_DEFINITIONS =
      List.of(
          Columns.NAME,
          Columns.string(
              "Type",
              "type determines how the Service is exposed. Defaults to ClusterIP. Valid options"
                  + " are ExternalName, ClusterIP, NodePort, and LoadBalancer."),
          Columns.string(
              "Cluster-IP",
              "clusterIP is the IP address of the service and is usually assigned randomly."),
          Columns.string(
              "External-IP",
              "externalIPs is a list of IP addresses for which nodes in the cluster will also"
                  + " accept traffic for this service."),
          Columns.string("Port(s)", "The list of ports that are exposed by this service."),
          Columns.AGE,
          Columns.wide(
              "Selector",
              "Route service traffic to pods with label keys and values matching this selector."));

  public ServicePrinter() {
    super(ResourceTypes.SERVICES, COLUMN_DEFINITIONS);
  }

  @Override
  public List<Object> cells(KubeObject service, Instant now) {
    JsonNode spec = service.field("spec");
    String ports = ports(spec.path("ports"));
    return List.of(
        name(service),
        text(spec.path("type")),
        clusterIP(spec),
        externalIP(spec, service.at("/status/loadBalancer/ingress")),
        ports.isEmpty() ? NONE : ports,
        age(service, now),
        ObjectCells.formatLabels(spec.path("selector")));
  }

  /** The first of {@code clusterIPs}, or {@code clusterIP} while only that one is set. */
  private static String clusterIP(JsonNode spec) {
    String first = text(spec.path("clusterIPs").path(0));
    return ObjectCells.orNone(first.isEmpty() ? text(spec.path("clusterIP")) : first);
  }

  /** Upstream's {@code getServiceExternalIP}, always wide. */
  private static String externalIP(JsonNode spec, JsonNode ingress) {
    List<String> externalIPs = texts(spec.path("externalIPs"));
    String type = text(spec.path("type"));
    switch (type) {
      case "ClusterIP", "NodePort" -> {
        return externalIPs.isEmpty() ? NONE : String.join(",", externalIPs);
      }
      case "LoadBalancer" -> {
        List<String> addresses = new ArrayList<>(loadBalancerAddresses(ingress));
        addresses.addAll(externalIPs);
        return addresses.isEmpty() ? "<pending>" : String.join(",", addresses);
      }
      case "ExternalName" -> {
        return text(spec.path("externalName"));
      }
      default -> {
        return "<unknown>";
      }
    }
  }

  /** Each ingress point's IP, or its hostname when it has no IP: distinct and sorted. */
  private static TreeSet<String> loadBalancerAddresses(JsonNode ingress) {
    TreeSet<String> addresses = new TreeSet<>();
    for (JsonNode point : ingress) {
      String ip = text(point.path("ip"));
      String hostname = text(point.path("hostname"));
      if (!ip.isEmpty()) {
        addresses.add(ip);
      } else if (!hostname.isEmpty()) {
        addresses.add(hostname);
      }
    }
    return addresses;
  }

  /** {@code 80/TCP}, or {@code 80:30080/TCP} with a node port, joined by commas. */
  private static String ports(JsonNode ports) {
    List<String> pieces = new ArrayList<>();
    for (JsonNode port : ports) {
      long nodePort = number(port.path("nodePort"));
      String protocol = text(port.path("protocol"));
      long number = number(port.path("port"));
      pieces.add(nodePort > 0 ? number + ":" + nodePort + "/" + protocol : number + "/" + protocol);
    }
    return String.join(",", pieces);
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    for (JsonNode value : array) {
      values.add(text(value));
    }
    return values;
  }
}
