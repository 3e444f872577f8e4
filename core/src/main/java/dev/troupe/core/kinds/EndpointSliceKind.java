package dev.troupe.core.kinds;

import static dev.troupe.core.kinds.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.troupe.core.api.ResourceType;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.discovery.EndpointSlice;
import dev.troupe.core.pod.PodDefaults;
import dev.troupe.core.printing.EndpointSlicePrinter;
import dev.troupe.core.printing.TablePrinter;
import dev.troupe.core.validation.FieldError;
import dev.troupe.core.validation.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * discovery.k8s.io/v1 EndpointSlices, checked as Kubernetes' {@code ValidateEndpointSlice} checks
 * them: an address type of IPv4, IPv6 or FQDN that never changes, at most 1000 endpoints of 1 to
 * 100 addresses of that type, at most 100 ports with unique names and a protocol (TCP by default,
 * the name "" by default, as {@code SetDefaults_EndpointPort}).
 *
 * <p>One departure: Kubernetes refuses loopback addresses in endpoints; Troupe's endpoints are the
 * loopback addresses pods publish their ports on, so they are accepted.
 */
public final class EndpointSliceKind implements StoredKind {

  public static final EndpointSliceKind INSTANCE = new EndpointSliceKind();

  static final int MAX_ENDPOINTS = 1000;
  static final int MAX_ADDRESSES = 100;
  static final int MAX_PORTS = 100;

  private static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");
  private static final Pattern QUALIFIED_NAME =
      Pattern.compile(
          "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
              + "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

  private static final EndpointSlicePrinter PRINTER = new EndpointSlicePrinter();

  private EndpointSliceKind() {}

  @Override
  public ResourceType type() {
    return ResourceTypes.ENDPOINT_SLICES;
  }

  @Override
  public Class<? extends Record> model() {
    return EndpointSlice.class;
  }

  @Override
  public KubeObject withDefaults(KubeObject slice) {
    if (!(slice.field("ports") instanceof ArrayNode sent)) {
      return slice;
    }
    ArrayNode ports = sent.deepCopy();
    JsonFields.eachObject(
        ports,
        port -> {
          if (!port.has("name") || port.get("name").isNull()) {
            port.put("name", "");
          }
          JsonFields.setIfEmpty(port, "protocol", PodDefaults.DEFAULT_PROTOCOL);
        });
    return slice.with("ports", ports);
  }

  @Override
  public List<FieldError> validate(KubeObject slice) {
    List<FieldError> errors = new ArrayList<>();
    String addressType = text(slice.field("addressType"));
    if (addressType.isEmpty()) {
      errors.add(FieldError.required("addressType"));
    } else if (!ADDRESS_TYPES.contains(addressType)) {
      errors.add(
          FieldError.notSupported(
              "addressType", addressType, ADDRESS_TYPES.toArray(String[]::new)));
    }
    validateEndpoints(slice.field("endpoints"), addressType, errors);
    validatePorts(slice.field("ports"), errors);
    return errors;
  }

  @Override
  public List<FieldError> validateUpdate(KubeObject current, KubeObject updated) {
    String before = text(current.field("addressType"));
    String after = text(updated.field("addressType"));
    if (before.equals(after)) {
      return List.of();
    }
    return List.of(FieldError.invalid("addressType", after, FieldChecks.IMMUTABLE));
  }

  private static void validateEndpoints(
      JsonNode endpoints, String addressType, List<FieldError> errors) {
    if (endpoints.size() > MAX_ENDPOINTS) {
      errors.add(FieldError.tooMany("endpoints", endpoints.size(), MAX_ENDPOINTS));
      return;
    }
    for (int i = 0; i < endpoints.size(); i++) {
      JsonNode endpoint = endpoints.path(i);
      String at = "endpoints[" + i + "]";
      JsonNode addresses = endpoint.path("addresses");
      if (addresses.isEmpty()) {
        errors.add(
            FieldError.required(at + ".addresses").withDetail("must contain at least 1 address"));
      } else if (addresses.size() > MAX_ADDRESSES) {
        errors.add(FieldError.tooMany(at + ".addresses", addresses.size(), MAX_ADDRESSES));
      }
      for (int a = 0; a < addresses.size(); a++) {
        checkAddress(text(addresses.path(a)), addressType, at + ".addresses[" + a + "]", errors);
      }
      String hostname = text(endpoint.path("hostname"));
      if (!hostname.isEmpty()) {
        FieldChecks.label(hostname, at + ".hostname", errors);
      }
    }
  }

  private static void checkAddress(
      String address, String addressType, String path, List<FieldError> errors) {
    switch (addressType) {
      case "IPv4" -> {
        if (!EndpointsKind.isIpv4(address)) {
          errors.add(FieldError.invalid(path, address, "must be a valid IPv4 address"));
        }
      }
      case "IPv6" -> {
        if (!EndpointsKind.isIpv6(address)) {
          errors.add(FieldError.invalid(path, address, "must be a valid IPv6 address"));
        }
      }
      case "FQDN" -> {
        if (!address.contains(".")) {
          errors.add(
              FieldError.invalid(
                  path,
                  address,
                  "should be a domain with at least two segments separated by dots"));
        } else {
          Names.checkSubdomain(address)
              .ifPresent(why -> errors.add(FieldError.invalid(path, address, why)));
        }
      }
      default -> {
        // An unknown address type is reported once, on addressType.
      }
    }
  }

  private static void validatePorts(JsonNode ports, List<FieldError> errors) {
    if (ports.size() > MAX_PORTS) {
      errors.add(FieldError.tooMany("ports", ports.size(), MAX_PORTS));
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.path(i);
      String at = "ports[" + i + "]";
      String name = text(port.path("name"));
      if (!name.isEmpty()) {
        FieldChecks.label(name, at + ".name", errors);
      }
      if (!names.add(name)) {
        errors.add(FieldError.duplicate(at + ".name", name));
      }
      if (!JsonFields.isAbsent(port.path("port"))) {
        FieldChecks.portNumber(port.path("port"), at + ".port", errors);
      }
      FieldChecks.protocol(port.path("protocol"), at + ".protocol", errors);
      String appProtocol = text(port.path("appProtocol"));
      if (!appProtocol.isEmpty() && !QUALIFIED_NAME.matcher(appProtocol).matches()) {
        errors.add(
            FieldError.invalid(
                at + ".appProtocol",
                appProtocol,
                "name part must consist of alphanumeric characters, '-', '_' or '.', and must"
                    + " start and end with an alphanumeric character"));
      }
    }
  }

  @Override
  public TablePrinter<KubeObject> printer() {
    return PRINTER;
  }
}
