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

/**
 * Endpoints as Kubernetes prints them ({@code printEndpoints}): the first three {@code ip:port}
 * pairs, then how many more there are.
 */
public final class EndpointsPrinter extends KubeObjectPrinter {

  public static final List<TableColumnDefinition> COLUMN_DEFINITIONS =
      List.of(
          Columns.NAME,
          Columns.string(
              "Endpoints",
              "The set of all endpoints is the union of all subsets. Addresses are placed into"
                  + " subsets according to the IPs they share."),
          Columns.AGE);

  /** How many endpoints are shown before {@code + N more...}. */
  static final int SHOWN = 3;

  public EndpointsPrinter() {
    super(ResourceTypes.ENDPOINTS, COLUMN_DEFINITIONS);
  }

  @Override
  public List<Object> cells(KubeObject endpoints, Instant now) {
    return List.of(name(endpoints), format(endpoints.field("subsets")), age(endpoints, now));
  }

  /**
   * Upstream's {@code formatEndpoints}: each address with each port of its subset (a subset without
   * ports, as a headless service has, lists bare addresses), e.g. {@code
   * 10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...}; {@code <none>} without subsets.
   */
  static String format(JsonNode subsets) {
    if (subsets.isEmpty()) {
      return NONE;
    }
    List<String> shown = new ArrayList<>();
    int count = 0;
    for (JsonNode subset : subsets) {
      JsonNode ports = subset.path("ports");
      if (ports.isEmpty()) {
        for (JsonNode address : subset.path("addresses")) {
          count = add(shown, count, text(address.path("ip")));
        }
        continue;
      }
      for (JsonNode port : ports) {
        for (JsonNode address : subset.path("addresses")) {
          count = add(shown, count, hostPort(text(address.path("ip")), number(port.path("port"))));
        }
      }
    }
    String joined = String.join(",", shown);
    return count > SHOWN ? joined + " + " + (count - SHOWN) + " more..." : joined;
  }

  private static int add(List<String> shown, int count, String endpoint) {
    if (shown.size() < SHOWN) {
      shown.add(endpoint);
    }
    return count + 1;
  }

  /** Go's {@code net.JoinHostPort}: an IPv6 address goes in brackets. */
  private static String hostPort(String ip, long port) {
    return ip.contains(":") ? "[" + ip + "]:" + port : ip + ":" + port;
  }
}
