package dev.troupe.core.kinds;

import static dev.troupe.core.kinds.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.troupe.core.api.ResourceType;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.model.Endpoints;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.pod.PodDefaults;
import dev.troupe.core.printing.EndpointsPrinter;
import dev.troupe.core.printing.TablePrinter;
import dev.troupe.core.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * core/v1 Endpoints: the addresses and ports behind a service. Checked lightly, as Kubernetes'
 * {@code validateEndpointSubsets}: every subset has an address, every address an IP, every port a
 * number and a protocol (TCP by default).
 */
public final class EndpointsKind implements StoredKind {

  public static final EndpointsKind INSTANCE = new EndpointsKind();

  static final String NOT_AN_IP = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private static final EndpointsPrinter PRINTER = new EndpointsPrinter();

  private EndpointsKind() {}

  @Override
  public ResourceType type() {
    return ResourceTypes.ENDPOINTS;
  }

  @Override
  public Class<? extends Record> model() {
    return Endpoints.class;
  }

  @Override
  public KubeObject withDefaults(KubeObject endpoints) {
    if (!(endpoints.field("subsets") instanceof ArrayNode sent)) {
      return endpoints;
    }
    ArrayNode subsets = sent.deepCopy();
    JsonFields.eachObject(
        subsets,
        subset ->
            JsonFields.eachObject(
                subset.path("ports"),
                port -> JsonFields.setIfEmpty(port, "protocol", PodDefaults.DEFAULT_PROTOCOL)));
    return endpoints.with("subsets", subsets);
  }

  @Override
  public List<FieldError> validate(KubeObject endpoints) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode subsets = endpoints.field("subsets");
    for (int i = 0; i < subsets.size(); i++) {
      JsonNode subset = subsets.path(i);
      String at = "subsets[" + i + "]";
      JsonNode addresses = subset.path("addresses");
      JsonNode notReady = subset.path("notReadyAddresses");
      if (addresses.isEmpty() && notReady.isEmpty()) {
        errors.add(
            FieldError.required(at).withDetail("must specify `addresses` or `notReadyAddresses`"));
      }
      validateAddresses(addresses, at + ".addresses", errors);
      validateAddresses(notReady, at + ".notReadyAddresses", errors);
      JsonNode ports = subset.path("ports");
      for (int p = 0; p < ports.size(); p++) {
        validatePort(ports.path(p), ports.size() > 1, at + ".ports[" + p + "]", errors);
      }
    }
    return errors;
  }

  private static void validateAddresses(JsonNode addresses, String path, List<FieldError> errors) {
    for (int i = 0; i < addresses.size(); i++) {
      String at = path + "[" + i + "].ip";
      String ip = text(addresses.path(i).path("ip"));
      if (ip.isEmpty()) {
        errors.add(FieldError.required(at));
      } else if (!isIp(ip)) {
        errors.add(FieldError.invalid(at, ip, NOT_AN_IP));
      }
    }
  }

  private static void validatePort(
      JsonNode port, boolean nameRequired, String path, List<FieldError> errors) {
    String name = text(port.path("name"));
    if (nameRequired && name.isEmpty()) {
      errors.add(FieldError.required(path + ".name"));
    } else if (!name.isEmpty()) {
      FieldChecks.label(name, path + ".name", errors);
    }
    FieldChecks.portNumber(port.path("port"), path + ".port", errors);
    FieldChecks.protocol(port.path("protocol"), path + ".protocol", errors);
  }

  /** A dotted IPv4 address or something shaped like an IPv6 one. */
  static boolean isIp(String text) {
    return isIpv4(text) || isIpv6(text);
  }

  static boolean isIpv4(String text) {
    return IPV4.matcher(text).matches();
  }

  static boolean isIpv6(String text) {
    return IPV6.matcher(text).matches() && text.indexOf("::") == text.lastIndexOf("::");
  }

  @Override
  public TablePrinter<KubeObject> printer() {
    return PRINTER;
  }
}
