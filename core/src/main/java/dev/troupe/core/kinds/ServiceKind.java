package dev.troupe.core.kinds;

import static dev.troupe.core.kinds.JsonFields.NODES;
import static dev.troupe.core.kinds.JsonFields.isAbsent;
import static dev.troupe.core.kinds.JsonFields.setIfAbsent;
import static dev.troupe.core.kinds.JsonFields.setIfEmpty;
import static dev.troupe.core.kinds.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.api.ResourceType;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Service;
import dev.troupe.core.pod.PodDefaults;
import dev.troupe.core.printing.ServicePrinter;
import dev.troupe.core.printing.TablePrinter;
import dev.troupe.core.selection.LabelSelector;
import dev.troupe.core.validation.FieldError;
import dev.troupe.core.validation.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * core/v1 Services: Kubernetes' defaults ({@code SetDefaults_Service}, plus the IP-family fields
 * the API server fills in) and {@code ValidateService}. The cluster IP is not allocated here; once
 * set, it may not change.
 */
public final class ServiceKind implements StoredKind {

  public static final ServiceKind INSTANCE = new ServiceKind();

  public static final String CLUSTER_IP = "ClusterIP";
  public static final String NODE_PORT = "NodePort";
  public static final String LOAD_BALANCER = "LoadBalancer";
  public static final String EXTERNAL_NAME = "ExternalName";

  /** The {@code clusterIP} of a headless service. */
  public static final String HEADLESS = "None";

  /** How long ClientIP affinity lasts unless told: three hours. */
  public static final int DEFAULT_AFFINITY_TIMEOUT_SECONDS = 10800;

  static final int MAX_AFFINITY_TIMEOUT_SECONDS = 86400;
  static final int NODE_PORT_MIN = 30000;
  static final int NODE_PORT_MAX = 32767;

  private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  static final String DNS1035_RULE =
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an"
          + " alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or"
          + " 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

  private static final ServicePrinter PRINTER = new ServicePrinter();

  private ServiceKind() {}

  @Override
  public ResourceType type() {
    return ResourceTypes.SERVICES;
  }

  @Override
  public Class<? extends Record> model() {
    return Service.class;
  }

  @Override
  public KubeObject withDefaults(KubeObject service) {
    ObjectNode spec = JsonFields.specOf(service);
    if (spec == null) {
      return service;
    }
    defaultSessionAffinity(spec);
    setIfEmpty(spec, "type", CLUSTER_IP);
    String type = text(spec.get("type"));
    JsonFields.eachObject(
        spec.path("ports"),
        port -> {
          setIfEmpty(port, "protocol", PodDefaults.DEFAULT_PROTOCOL);
          JsonNode target = port.get("targetPort");
          boolean unset =
              isAbsent(target)
                  || (target.isNumber() && target.asLong() == 0)
                  || (target.isTextual() && target.asText().isEmpty());
          if (unset) {
            port.set("targetPort", port.path("port").deepCopy());
          }
        });
    boolean externallyAccessible =
        type.equals(NODE_PORT)
            || type.equals(LOAD_BALANCER)
            || (type.equals(CLUSTER_IP) && !spec.path("externalIPs").isEmpty());
    if (externallyAccessible) {
      setIfEmpty(spec, "externalTrafficPolicy", "Cluster");
    }
    if (List.of(CLUSTER_IP, NODE_PORT, LOAD_BALANCER).contains(type)) {
      setIfAbsent(spec, "internalTrafficPolicy", NODES.textNode("Cluster"));
    }
    if (type.equals(LOAD_BALANCER)) {
      setIfAbsent(spec, "allocateLoadBalancerNodePorts", NODES.booleanNode(true));
    }
    if (!type.equals(EXTERNAL_NAME)) {
      defaultAddressFields(spec);
    }
    return service.with("spec", spec);
  }

  private static void defaultSessionAffinity(ObjectNode spec) {
    setIfEmpty(spec, "sessionAffinity", "None");
    String affinity = text(spec.get("sessionAffinity"));
    if (affinity.equals("None")) {
      spec.remove("sessionAffinityConfig");
    } else if (affinity.equals("ClientIP")
        && isAbsent(spec.at("/sessionAffinityConfig/clientIP/timeoutSeconds"))) {
      ObjectNode config = spec.putObject("sessionAffinityConfig");
      config.putObject("clientIP").put("timeoutSeconds", DEFAULT_AFFINITY_TIMEOUT_SECONDS);
    }
  }

  /**
   * What the API server fills in besides defaults, for a single-stack IPv4 cluster: {@code
   * clusterIPs} from {@code clusterIP}, and the IP families. A headless service without a selector
   * asks for every family the cluster has.
   */
  private static void defaultAddressFields(ObjectNode spec) {
    String clusterIP = text(spec.get("clusterIP"));
    if (!clusterIP.isEmpty()) {
      setIfAbsent(spec, "clusterIPs", NODES.arrayNode().add(clusterIP));
    }
    boolean selectorless = spec.path("selector").isEmpty();
    String policy = clusterIP.equals(HEADLESS) && selectorless ? "RequireDualStack" : "SingleStack";
    setIfAbsent(spec, "ipFamilies", NODES.arrayNode().add("IPv4"));
    setIfAbsent(spec, "ipFamilyPolicy", NODES.textNode(policy));
  }

  @Override
  public List<FieldError> validate(KubeObject service) {
    List<FieldError> errors = new ArrayList<>();
    validateName(service.name(), errors);
    JsonNode spec = service.field("spec");
    String type = text(spec.path("type"));
    boolean headless = text(spec.path("clusterIP")).equals(HEADLESS);
    JsonNode ports = spec.path("ports");
    if (ports.isEmpty() && !headless && !type.equals(EXTERNAL_NAME)) {
      errors.add(FieldError.required("spec.ports"));
    }
    if (type.equals(EXTERNAL_NAME)) {
      validateExternalName(text(spec.path("externalName")), errors);
    }
    Set<String> portNames = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      validatePort(ports.path(i), ports.size() > 1, portNames, "spec.ports[" + i + "]", errors);
    }
    validateSelector(spec.path("selector"), errors);
    validateSessionAffinity(spec, errors);
    if (type.isEmpty()) {
      errors.add(FieldError.required("spec.type"));
    } else if (!List.of(CLUSTER_IP, EXTERNAL_NAME, LOAD_BALANCER, NODE_PORT).contains(type)) {
      errors.add(
          FieldError.notSupported(
              "spec.type", type, CLUSTER_IP, EXTERNAL_NAME, LOAD_BALANCER, NODE_PORT));
    }
    validateNodePorts(ports, type, errors);
    return errors;
  }

  /**
   * Service names are DNS-1035 labels, as they become DNS names and environment variables. Names
   * that are not even DNS subdomains are already reported by the generic metadata check.
   */
  private static void validateName(String name, List<FieldError> errors) {
    if (name == null || name.isEmpty() || Names.checkSubdomain(name).isPresent()) {
      return;
    }
    if (name.length() > 63) {
      errors.add(FieldError.invalid("metadata.name", name, "must be no more than 63 characters"));
    }
    if (!DNS1035_LABEL.matcher(name).matches()) {
      errors.add(FieldError.invalid("metadata.name", name, DNS1035_RULE));
    }
  }

  private static void validateExternalName(String externalName, List<FieldError> errors) {
    String clean =
        externalName.endsWith(".")
            ? externalName.substring(0, externalName.length() - 1)
            : externalName;
    if (clean.isEmpty()) {
      errors.add(FieldError.required("spec.externalName"));
    } else {
      Names.checkSubdomain(clean)
          .ifPresent(why -> errors.add(FieldError.invalid("spec.externalName", externalName, why)));
    }
  }

  private static void validatePort(
      JsonNode port,
      boolean nameRequired,
      Set<String> names,
      String path,
      List<FieldError> errors) {
    String name = text(port.path("name"));
    if (nameRequired && name.isEmpty()) {
      errors.add(FieldError.required(path + ".name"));
    } else if (!name.isEmpty()) {
      FieldChecks.label(name, path + ".name", errors);
      if (!names.add(name)) {
        errors.add(FieldError.duplicate(path + ".name", name));
      }
    }
    FieldChecks.portNumber(port.path("port"), path + ".port", errors);
    FieldChecks.protocol(port.path("protocol"), path + ".protocol", errors);
    FieldChecks.portNumberOrName(port.path("targetPort"), path + ".targetPort", errors);
  }

  /** The selector's labels, checked as labels are: errors name {@code spec.selector}. */
  private static void validateSelector(JsonNode selector, List<FieldError> errors) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> label : selector.properties()) {
      labels.put(label.getKey(), text(label.getValue()));
    }
    LabelSelector.fromMatch(labels, List.of(), "spec.selector")
        .errors()
        .forEach(e -> errors.add(new FieldError(e.type(), "spec.selector", e.value(), e.detail())));
  }

  private static void validateSessionAffinity(JsonNode spec, List<FieldError> errors) {
    String affinity = text(spec.path("sessionAffinity"));
    if (!List.of("ClientIP", "None").contains(affinity)) {
      errors.add(FieldError.notSupported("spec.sessionAffinity", affinity, "ClientIP", "None"));
      return;
    }
    if (affinity.equals("ClientIP")) {
      String path = "spec.sessionAffinityConfig.clientIP.timeoutSeconds";
      Long timeout =
          FieldChecks.integer(
              spec.at("/sessionAffinityConfig/clientIP/timeoutSeconds"), path, errors);
      if (timeout != null && (timeout <= 0 || timeout > MAX_AFFINITY_TIMEOUT_SECONDS)) {
        errors.add(
            FieldError.invalid(
                path,
                timeout,
                "must be greater than 0 and less than " + MAX_AFFINITY_TIMEOUT_SECONDS));
      }
    } else if (!isAbsent(spec.path("sessionAffinityConfig"))) {
      errors.add(
          FieldError.forbidden(
              "spec.sessionAffinityConfig", "must not be set when session affinity is None"));
    }
  }

  /**
   * Node ports: not on a ClusterIP service, in the node-port range (where the allocator would
   * refuse them), and each (protocol, node port) once.
   */
  private static void validateNodePorts(JsonNode ports, String type, List<FieldError> errors) {
    Set<String> used = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.path(i);
      String path = "spec.ports[" + i + "].nodePort";
      Long nodePort = FieldChecks.integer(port.path("nodePort"), path, errors);
      if (nodePort == null || nodePort == 0) {
        continue;
      }
      if (type.equals(CLUSTER_IP)) {
        errors.add(FieldError.forbidden(path, "may not be used when `type` is 'ClusterIP'"));
        continue;
      }
      if (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX) {
        errors.add(
            FieldError.invalid(
                path,
                nodePort,
                "provided port is not in the valid range. The range of valid ports is "
                    + NODE_PORT_MIN
                    + "-"
                    + NODE_PORT_MAX));
      }
      if (!used.add(text(port.path("protocol")) + "/" + nodePort)) {
        errors.add(FieldError.duplicate(path, nodePort));
      }
    }
  }

  /**
   * An update that names no cluster IP keeps the allocated ones, as Kubernetes does since 1.20 (so
   * {@code kubectl replace} of a manifest without them works).
   */
  @Override
  public KubeObject carryOver(KubeObject current, KubeObject updated) {
    if (!updated.text("/spec/clusterIP").isEmpty()
        || current.text("/spec/clusterIP").isEmpty()
        || !updated.field("spec").isObject()) {
      return updated;
    }
    ObjectNode spec = ((ObjectNode) updated.field("spec")).deepCopy();
    spec.set("clusterIP", current.at("/spec/clusterIP").deepCopy());
    if (!current.at("/spec/clusterIPs").isMissingNode() && isAbsent(spec.get("clusterIPs"))) {
      spec.set("clusterIPs", current.at("/spec/clusterIPs").deepCopy());
    }
    return updated.with("spec", spec);
  }

  /** Once set, the cluster IP stays, unless the service is or becomes an ExternalName one. */
  @Override
  public List<FieldError> validateUpdate(KubeObject current, KubeObject updated) {
    String oldIP = current.text("/spec/clusterIP");
    String newIP = updated.text("/spec/clusterIP");
    boolean externalName =
        current.text("/spec/type").equals(EXTERNAL_NAME)
            || updated.text("/spec/type").equals(EXTERNAL_NAME);
    if (externalName || oldIP.isEmpty() || oldIP.equals(newIP)) {
      return List.of();
    }
    return List.of(FieldError.invalid("spec.clusterIP", newIP, FieldChecks.IMMUTABLE));
  }

  /** Kubernetes writes {@code status: {loadBalancer: {}}} on every service. */
  @Override
  public JsonNode initialStatus(KubeObject created) {
    ObjectNode status = NODES.objectNode();
    status.putObject("loadBalancer");
    return status;
  }

  @Override
  public TablePrinter<KubeObject> printer() {
    return PRINTER;
  }
}
