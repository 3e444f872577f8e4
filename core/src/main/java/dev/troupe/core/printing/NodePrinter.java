package dev.troupe.core.printing;

import static dev.troupe.core.printing.ObjectCells.NONE;
import static dev.troupe.core.printing.ObjectCells.age;
import static dev.troupe.core.printing.ObjectCells.name;
import static dev.troupe.core.printing.ObjectCells.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.model.KubeObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Nodes as Kubernetes prints them ({@code printNode}): STATUS from the Ready condition plus {@code
 * SchedulingDisabled} when cordoned, ROLES from the role labels, and the kubelet's system info.
 */
public final class NodePrinter extends KubeObjectPrinter {

  public static final List<TableColumnDefinition> COLUMN_DEFINITIONS =
      List.of(
          Columns.NAME,
          Columns.string("Status", "The status of the node"),
          Columns.string("Roles", "The roles of the node"),
          Columns.AGE,
          Columns.string("Version", "Kubelet Version reported by the node."),
          Columns.wide("Internal-IP", "List of addresses reachable to the node."),
          Columns.wide("External-IP", "List of addresses reachable to the node."),
          Columns.wide(
              "OS-Image",
              "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7"
                  + " (wheezy))."),
          Columns.wide(
              "Kernel-Version",
              "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
          Columns.wide(
              "Container-Runtime",
              "ContainerRuntime Version reported by the node through runtime remote API (e.g."
                  + " containerd://1.4.2)."));

  /** {@code node-role.kubernetes.io/<role>}, the label that gives a node a role. */
  static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";

  /** The older {@code kubernetes.io/role=<role>} label, still read. */
  static final String LEGACY_ROLE_LABEL = "kubernetes.io/role";

  private static final String UNKNOWN = "<unknown>";

  public NodePrinter() {
    super(ResourceTypes.NODES, COLUMN_DEFINITIONS);
  }

  @Override
  public List<Object> cells(KubeObject node, Instant now) {
    JsonNode info = node.at("/status/nodeInfo");
    JsonNode addresses = node.at("/status/addresses");
    String roles = String.join(",", roles(node.metadata().labelsOrEmpty()));
    return List.of(
        name(node),
        status(node),
        roles.isEmpty() ? NONE : roles,
        age(node, now),
        text(info.path("kubeletVersion")),
        address(addresses, "InternalIP"),
        address(addresses, "ExternalIP"),
        orUnknown(text(info.path("osImage"))),
        orUnknown(text(info.path("kernelVersion"))),
        orUnknown(text(info.path("containerRuntimeVersion"))));
  }

  /** {@code Ready}, {@code NotReady} or {@code Unknown}, then {@code ,SchedulingDisabled}. */
  static String status(KubeObject node) {
    List<String> status = new ArrayList<>();
    // The last Ready condition counts, as upstream keeps the last one of each type.
    String ready = null;
    for (JsonNode condition : node.at("/status/conditions")) {
      if ("Ready".equals(text(condition.path("type")))) {
        ready = "True".equals(text(condition.path("status"))) ? "Ready" : "NotReady";
      }
    }
    status.add(ready == null ? "Unknown" : ready);
    if (node.at("/spec/unschedulable").asBoolean(false)) {
      status.add("SchedulingDisabled");
    }
    return String.join(",", status);
  }

  /** The roles named by {@code node-role.kubernetes.io/*} and {@code kubernetes.io/role}. */
  static TreeSet<String> roles(Map<String, String> labels) {
    TreeSet<String> roles = new TreeSet<>();
    labels.forEach(
        (key, value) -> {
          if (key.startsWith(ROLE_LABEL_PREFIX) && key.length() > ROLE_LABEL_PREFIX.length()) {
            roles.add(key.substring(ROLE_LABEL_PREFIX.length()));
          } else if (key.equals(LEGACY_ROLE_LABEL) && value != null && !value.isEmpty()) {
            roles.add(value);
          }
        });
    return roles;
  }

  /** The first address of {@code type}, or {@code <none>}. */
  private static String address(JsonNode addresses, String type) {
    for (JsonNode address : addresses) {
      if (type.equals(text(address.path("type")))) {
        return text(address.path("address"));
      }
    }
    return NONE;
  }

  private static String orUnknown(String value) {
    return value.isEmpty() ? UNKNOWN : value;
  }
}
