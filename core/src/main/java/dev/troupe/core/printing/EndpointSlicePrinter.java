package dev.troupe.core.printing;

import static dev.troupe.core.printing.ObjectCells.age;
import static dev.troupe.core.printing.ObjectCells.name;
import static dev.troupe.core.printing.ObjectCells.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.model.KubeObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * EndpointSlices as Kubernetes prints them ({@code printEndpointSlice}): the address type, the
 * first three ports and the first three addresses, each list followed by how many more there are.
 */
public final class EndpointSlicePrinter extends KubeObjectPrinter {

  public static final List<TableColumnDefinition> COLUMN_DEFINITIONS =
      List.of(
          Columns.NAME,
          Columns.string(
              "AddressType",
              "addressType specifies the type of address carried by this EndpointSlice."),
          Columns.string(
              "Ports",
              "ports specifies the list of network ports exposed by each endpoint in this slice."),
          Columns.string("Endpoints", "endpoints is a list of unique endpoints in this slice."),
          Columns.AGE);

  /** How many ports, and how many addresses, are shown before {@code + N more...}. */
  static final int SHOWN = 3;

  static final String UNSET = "<unset>";

  public EndpointSlicePrinter() {
    super(ResourceTypes.ENDPOINT_SLICES, COLUMN_DEFINITIONS);
  }

  @Override
  public List<Object> cells(KubeObject slice, Instant now) {
    return List.of(
        name(slice),
        text(slice.field("addressType")),
        ports(slice.field("ports")),
        addresses(slice.field("endpoints")),
        age(slice, now));
  }

  /** Each port's number, else its name, else {@code *} (every port). */
  static String ports(JsonNode ports) {
    List<String> all = new ArrayList<>();
    for (JsonNode port : ports) {
      if (port.path("port").isNumber()) {
        all.add(port.path("port").asText());
      } else if (port.hasNonNull("name")) {
        all.add(port.path("name").asText());
      } else {
        all.add("*");
      }
    }
    return listWithMore(all);
  }

  static String addresses(JsonNode endpoints) {
    List<String> all = new ArrayList<>();
    for (JsonNode endpoint : endpoints) {
      endpoint.path("addresses").forEach(address -> all.add(address.asText()));
    }
    return listWithMore(all);
  }

  /** Upstream's {@code listWithMoreString}: three, then the count of the rest; none is unset. */
  private static String listWithMore(List<String> all) {
    if (all.isEmpty()) {
      return UNSET;
    }
    String shown = String.join(",", all.subList(0, Math.min(SHOWN, all.size())));
    return all.size() > SHOWN ? shown + " + " + (all.size() - SHOWN) + " more..." : shown;
  }
}
