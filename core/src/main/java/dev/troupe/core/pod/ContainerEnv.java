package dev.troupe.core.pod;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.EnvVar;
import dev.troupe.core.model.EnvVarSource;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.Quantity;
import dev.troupe.core.model.ResourceFieldSelector;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's environment, command and args as the kubelet makes them: {@code value}s with {@code
 * $(VAR)} references to the variables before them expanded ({@code $$} escapes a dollar, an unknown
 * reference stays as written), {@code valueFrom.fieldRef} read from the pod, {@code
 * resourceFieldRef} from the container's resources (the node's capacity when unset), and command
 * and args expanded with the whole environment. Troupe serves no ConfigMaps or Secrets, so a
 * reference to one fails the container with {@code CreateContainerConfigError} unless it is
 * optional. Pure.
 */
public final class ContainerEnv {

  private ContainerEnv() {}

  /** What the node knows that a pod's own fields do not say. */
  public record NodeFacts(String hostIP, String podIP, int cpus, long memoryBytes) {}

  /** The resolved environment, command and args, or why the container cannot be made. */
  public record Resolved(
      Map<String, String> env, List<String> command, List<String> args, String error) {

    static Resolved failed(String error) {
      return new Resolved(Map.of(), null, null, error);
    }

    public boolean isFailed() {
      return error != null;
    }
  }

  /** The container's environment, command and args, for {@code pod} on a node with {@code node}. */
  public static Resolved resolve(Pod pod, Container container, NodeFacts node) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : container.envOrEmpty()) {
      if (var.valueFrom() == null) {
        env.put(var.name(), expand(var.value() == null ? "" : var.value(), env));
        continue;
      }
      EnvVarSource from = var.valueFrom();
      if (from.fieldRef() != null) {
        env.put(var.name(), field(pod, from.fieldRef().fieldPath(), node));
      } else if (from.resourceFieldRef() != null) {
        env.put(var.name(), resource(pod, container, from.resourceFieldRef(), node));
      } else if (from.configMapKeyRef() != null) {
        if (!Boolean.TRUE.equals(from.configMapKeyRef().optional())) {
          return Resolved.failed(
              "configmap \"%s\" not found".formatted(from.configMapKeyRef().name()));
        }
      } else if (from.secretKeyRef() != null) {
        if (!Boolean.TRUE.equals(from.secretKeyRef().optional())) {
          return Resolved.failed("secret \"%s\" not found".formatted(from.secretKeyRef().name()));
        }
      }
    }
    return new Resolved(
        env, expandAll(container.command(), env), expandAll(container.args(), env), null);
  }

  private static List<String> expandAll(List<String> values, Map<String, String> env) {
    if (values == null) {
      return null;
    }
    List<String> expanded = new ArrayList<>(values.size());
    for (String value : values) {
      expanded.add(expand(value, env));
    }
    return expanded;
  }

  /** Kubernetes' {@code $(VAR)} expansion: {@code $$} is a dollar, unknown names stay. */
  static String expand(String input, Map<String, String> env) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < input.length()) {
      char c = input.charAt(i);
      if (c != '$' || i + 1 >= input.length()) {
        out.append(c);
        i++;
        continue;
      }
      char next = input.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
      } else if (next == '(') {
        int close = input.indexOf(')', i + 2);
        if (close < 0) {
          out.append(input, i, input.length());
          break;
        }
        String name = input.substring(i + 2, close);
        String value = env.get(name);
        out.append(value != null ? value : input.substring(i, close + 1));
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** The value of a supported {@code fieldRef} path (validation refuses the others). */
  static String field(Pod pod, String path, NodeFacts node) {
    if (path.startsWith("metadata.labels['") && path.endsWith("']")) {
      String key = path.substring("metadata.labels['".length(), path.length() - 2);
      return pod.metadata().labelsOrEmpty().getOrDefault(key, "");
    }
    if (path.startsWith("metadata.annotations['") && path.endsWith("']")) {
      String key = path.substring("metadata.annotations['".length(), path.length() - 2);
      Map<String, String> annotations = pod.metadata().annotations();
      return annotations == null ? "" : annotations.getOrDefault(key, "");
    }
    return switch (path) {
      case "metadata.name" -> pod.name();
      case "metadata.namespace" -> pod.namespace();
      case "metadata.uid" -> Optional.ofNullable(pod.uid()).orElse("");
      case "spec.nodeName" -> Optional.ofNullable(pod.spec().nodeName()).orElse("");
      case "spec.serviceAccountName" ->
          Optional.ofNullable(pod.spec().serviceAccountName()).orElse("");
      case "status.hostIP", "status.hostIPs" -> node.hostIP();
      case "status.podIP", "status.podIPs" -> node.podIP();
      default -> "";
    };
  }

  /**
   * A container's request or limit in units of the divisor, rounded up as the kubelet rounds it; an
   * unset limit is the node's capacity.
   */
  static String resource(Pod pod, Container self, ResourceFieldSelector selector, NodeFacts node) {
    Container container = self;
    if (selector.containerName() != null && !selector.containerName().isEmpty()) {
      container =
          pod.spec().containersOrEmpty().stream()
              .filter(c -> c.name().equals(selector.containerName()))
              .findFirst()
              .orElse(self);
    }
    String resource = selector.resource();
    boolean cpu = resource.endsWith("cpu");
    Map<String, String> values =
        container.resources() == null
            ? Map.of()
            : (resource.startsWith("limits.")
                ? container.resources().limits()
                : container.resources().requests());
    String name = resource.substring(resource.indexOf('.') + 1);
    BigDecimal amount =
        Optional.ofNullable(values == null ? null : values.get(name))
            .flatMap(Quantity::parse)
            .orElse(null);
    if (amount == null && resource.startsWith("limits.")) {
      amount = cpu ? BigDecimal.valueOf(node.cpus()) : BigDecimal.valueOf(node.memoryBytes());
    }
    if (amount == null) {
      amount = BigDecimal.ZERO;
    }
    BigDecimal divisor =
        Optional.ofNullable(selector.divisor())
            .flatMap(Quantity::parse)
            .filter(d -> d.signum() > 0)
            .orElse(BigDecimal.ONE);
    return amount.divide(divisor, 0, RoundingMode.CEILING).toPlainString();
  }
}
