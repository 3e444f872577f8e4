package dev.troupe.core.validation;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerPort;
import dev.troupe.core.model.EnvVar;
import dev.troupe.core.model.EnvVarSource;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodDeletionCost;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.model.Quantity;
import dev.troupe.core.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Every reason a pod is invalid, each with the path of its field. Pure; never throws. */
public final class PodValidation {

  private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern LABEL_NAME =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

  private PodValidation() {}

  /** Validates a pod as it would be stored (defaults applied, name generated). */
  public static List<FieldError> validate(Pod pod) {
    List<FieldError> errors = new ArrayList<>();
    validateMetadata(pod.metadata(), errors);
    if (pod.spec() == null) {
      errors.add(FieldError.required("spec"));
    } else {
      validateSpec(pod.spec(), errors);
    }
    return errors;
  }

  static void validateMetadata(ObjectMeta meta, List<FieldError> errors) {
    if (meta == null) {
      errors.add(FieldError.required("metadata.name"));
      return;
    }
    if (meta.name() == null || meta.name().isEmpty()) {
      errors.add(
          FieldError.required("metadata.name").withDetail("name or generateName is required"));
    } else {
      Names.checkSubdomain(meta.name())
          .ifPresent(why -> errors.add(FieldError.invalid("metadata.name", meta.name(), why)));
    }
    if (meta.namespace() != null && !meta.namespace().isEmpty()) {
      Names.checkLabel(meta.namespace())
          .ifPresent(
              why -> errors.add(FieldError.invalid("metadata.namespace", meta.namespace(), why)));
    }
    validateLabels(meta.labels(), errors);
    Map<String, String> annotations = meta.annotations();
    if (annotations != null && annotations.containsKey(PodDeletionCost.ANNOTATION)) {
      String cost = annotations.get(PodDeletionCost.ANNOTATION);
      if (PodDeletionCost.parse(cost).isEmpty()) {
        errors.add(
            FieldError.invalid(
                "metadata.annotations[" + PodDeletionCost.ANNOTATION + "]",
                cost,
                "must be a 32bit integer"));
      }
    }
  }

  static void validateLabels(Map<String, String> labels, List<FieldError> errors) {
    if (labels == null) {
      return;
    }
    labels.forEach(
        (key, value) -> {
          checkLabelKey(key)
              .ifPresent(why -> errors.add(FieldError.invalid("metadata.labels", key, why)));
          if (value == null
              || value.length() > 63
              || (!value.isEmpty() && !LABEL_NAME.matcher(value).matches())) {
            errors.add(
                FieldError.invalid(
                    "metadata.labels",
                    value,
                    "a valid label must be an empty string or consist of alphanumeric characters,"
                        + " '-', '_' or '.', and must start and end with an alphanumeric character"
                        + " (63 characters at most)"));
          }
        });
  }

  private static Optional<String> checkLabelKey(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      Optional<String> prefix = Names.checkSubdomain(key.substring(0, slash));
      if (prefix.isPresent()) {
        return Optional.of("prefix part " + prefix.get());
      }
    }
    if (name.isEmpty() || name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
      return Optional.of(
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and"
              + " end with an alphanumeric character (63 characters at most)");
    }
    return Optional.empty();
  }

  private static void validateSpec(PodSpec spec, List<FieldError> errors) {
    List<Container> containers = spec.containersOrEmpty();
    if (containers.isEmpty()) {
      errors.add(FieldError.required("spec.containers"));
    }
    Set<String> names = new HashSet<>();
    List<Container> inits = spec.initContainersOrEmpty();
    for (int i = 0; i < inits.size(); i++) {
      String at = "spec.initContainers[" + i + "]";
      Container init = inits.get(i);
      if (init == null) {
        errors.add(FieldError.required(at));
        continue;
      }
      validateContainer(init, at, names, errors);
      if (init.restartPolicy() != null) {
        errors.add(
            FieldError.forbidden(
                at + ".restartPolicy",
                "restartable (sidecar) init containers are not supported by this cluster"));
      }
      for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
        boolean set =
            switch (probe) {
              case "livenessProbe" -> init.livenessProbe() != null;
              case "readinessProbe" -> init.readinessProbe() != null;
              default -> init.startupProbe() != null;
            };
        if (set) {
          errors.add(
              FieldError.forbidden(
                  at + "." + probe,
                  "may not be set for init containers without restartPolicy=Always"));
        }
      }
    }
    for (int i = 0; i < containers.size(); i++) {
      String at = "spec.containers[" + i + "]";
      if (containers.get(i) == null) {
        errors.add(FieldError.required(at));
      } else {
        validateContainer(containers.get(i), at, names, errors);
      }
    }
    if (spec.restartPolicy() == null) {
      errors.add(FieldError.required("spec.restartPolicy"));
    } else if (!List.of(PodSpec.RESTART_ALWAYS, PodSpec.RESTART_ON_FAILURE, PodSpec.RESTART_NEVER)
        .contains(spec.restartPolicy())) {
      errors.add(
          FieldError.notSupported(
              "spec.restartPolicy",
              spec.restartPolicy(),
              PodSpec.RESTART_ALWAYS,
              PodSpec.RESTART_NEVER,
              PodSpec.RESTART_ON_FAILURE));
    }
    Long grace = spec.terminationGracePeriodSeconds();
    if (grace != null && grace < 0) {
      errors.add(
          FieldError.invalid(
              "spec.terminationGracePeriodSeconds", grace, "must be greater than or equal to 0"));
    }
    if (spec.nodeName() != null && !spec.nodeName().isEmpty()) {
      Names.checkSubdomain(spec.nodeName())
          .ifPresent(why -> errors.add(FieldError.invalid("spec.nodeName", spec.nodeName(), why)));
    }
  }

  private static void validateContainer(
      Container c, String path, Set<String> names, List<FieldError> errors) {
    if (c.name() == null || c.name().isEmpty()) {
      errors.add(FieldError.required(path + ".name"));
    } else {
      Names.checkLabel(c.name())
          .ifPresent(why -> errors.add(FieldError.invalid(path + ".name", c.name(), why)));
      if (!names.add(c.name())) {
        errors.add(FieldError.duplicate(path + ".name", c.name()));
      }
    }
    if (c.image() == null || c.image().isBlank()) {
      errors.add(FieldError.required(path + ".image"));
    }
    if (c.imagePullPolicy() == null) {
      errors.add(FieldError.required(path + ".imagePullPolicy"));
    } else if (!List.of(Container.PULL_ALWAYS, Container.PULL_IF_NOT_PRESENT, Container.PULL_NEVER)
        .contains(c.imagePullPolicy())) {
      errors.add(
          FieldError.notSupported(
              path + ".imagePullPolicy",
              c.imagePullPolicy(),
              Container.PULL_ALWAYS,
              Container.PULL_IF_NOT_PRESENT,
              Container.PULL_NEVER));
    }
    validatePorts(c.portsOrEmpty(), path + ".ports", errors);
    List<EnvVar> env = c.envOrEmpty();
    for (int i = 0; i < env.size(); i++) {
      if (env.get(i) == null) {
        errors.add(FieldError.required(path + ".env[" + i + "]"));
      } else if (env.get(i).name() == null || env.get(i).name().isEmpty()) {
        errors.add(FieldError.required(path + ".env[" + i + "].name"));
      } else if (env.get(i).valueFrom() != null) {
        validateValueFrom(env.get(i), path + ".env[" + i + "].valueFrom", errors);
      }
    }
    validateResources(c.resources(), path + ".resources", errors);
  }

  /** The pod fields an environment variable may read, as Kubernetes lists them. */
  private static final String[] ENV_FIELDS = {
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs"
  };

  private static final String[] ENV_RESOURCES = {
    "limits.cpu",
    "limits.ephemeral-storage",
    "limits.memory",
    "requests.cpu",
    "requests.ephemeral-storage",
    "requests.memory"
  };

  private static final Pattern SUBSCRIPTED_FIELD =
      Pattern.compile("metadata\\.(labels|annotations)\\['[^']+'\\]");

  private static void validateValueFrom(EnvVar var, String path, List<FieldError> errors) {
    EnvVarSource from = var.valueFrom();
    int sources =
        (from.fieldRef() != null ? 1 : 0)
            + (from.resourceFieldRef() != null ? 1 : 0)
            + (from.configMapKeyRef() != null ? 1 : 0)
            + (from.secretKeyRef() != null ? 1 : 0);
    if (sources == 0) {
      errors.add(
          FieldError.invalid(
              path,
              "",
              "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or"
                  + " `secretKeyRef`"));
      return;
    }
    if (sources > 1) {
      errors.add(
          FieldError.invalid(path, "", "may not have more than one field specified at a time"));
      return;
    }
    if (var.value() != null && !var.value().isEmpty()) {
      errors.add(FieldError.invalid(path, "", "may not be specified when `value` is not empty"));
    }
    if (from.fieldRef() != null) {
      String field = from.fieldRef().fieldPath();
      if (field == null || field.isEmpty()) {
        errors.add(FieldError.required(path + ".fieldRef.fieldPath"));
      } else if (!SUBSCRIPTED_FIELD.matcher(field).matches()
          && !java.util.Arrays.asList(ENV_FIELDS).contains(field)) {
        errors.add(FieldError.notSupported(path + ".fieldRef.fieldPath", field, ENV_FIELDS));
      }
    }
    if (from.resourceFieldRef() != null) {
      String resource = from.resourceFieldRef().resource();
      if (resource == null || resource.isEmpty()) {
        errors.add(FieldError.required(path + ".resourceFieldRef.resource"));
      } else if (!java.util.Arrays.asList(ENV_RESOURCES).contains(resource)) {
        errors.add(
            FieldError.notSupported(path + ".resourceFieldRef.resource", resource, ENV_RESOURCES));
      }
    }
  }

  private static void validatePorts(
      List<ContainerPort> ports, String path, List<FieldError> errors) {
    Set<String> portNames = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      ContainerPort p = ports.get(i);
      String at = path + "[" + i + "]";
      if (p == null) {
        errors.add(FieldError.required(at));
        continue;
      }
      if (p.containerPort() == null || p.containerPort() == 0) {
        errors.add(FieldError.required(at + ".containerPort"));
      } else if (p.containerPort() < 1 || p.containerPort() > 65535) {
        errors.add(
            FieldError.invalid(
                at + ".containerPort",
                p.containerPort(),
                "must be between 1 and 65535, inclusive"));
      }
      if (p.hostPort() != null && (p.hostPort() < 0 || p.hostPort() > 65535)) {
        errors.add(
            FieldError.invalid(
                at + ".hostPort", p.hostPort(), "must be between 1 and 65535, inclusive"));
      }
      if (p.protocol() == null) {
        errors.add(FieldError.required(at + ".protocol"));
      } else if (!List.of("TCP", "UDP", "SCTP").contains(p.protocol())) {
        errors.add(FieldError.notSupported(at + ".protocol", p.protocol(), "SCTP", "TCP", "UDP"));
      }
      if (p.name() != null && !p.name().isEmpty()) {
        if (p.name().length() > 15 || !PORT_NAME.matcher(p.name()).matches()) {
          errors.add(
              FieldError.invalid(
                  at + ".name",
                  p.name(),
                  "must be no more than 15 characters, contain only lowercase alphanumerics and"
                      + " '-', and start and end with an alphanumeric"));
        } else if (!portNames.add(p.name())) {
          errors.add(FieldError.duplicate(at + ".name", p.name()));
        }
      }
    }
  }

  private static void validateResources(
      ResourceRequirements resources, String path, List<FieldError> errors) {
    if (resources == null) {
      return;
    }
    Map<String, BigDecimal> limits = parseQuantities(resources.limits(), path + ".limits", errors);
    Map<String, BigDecimal> requests =
        parseQuantities(resources.requests(), path + ".requests", errors);
    requests.forEach(
        (resource, request) -> {
          BigDecimal limit = limits.get(resource);
          if (limit != null && request.compareTo(limit) > 0) {
            errors.add(
                FieldError.invalid(
                    path + ".requests",
                    resources.requests().get(resource),
                    "must be less than or equal to "
                        + resource
                        + " limit of "
                        + resources.limits().get(resource)));
          }
        });
  }

  private static Map<String, BigDecimal> parseQuantities(
      Map<String, String> quantities, String path, List<FieldError> errors) {
    if (quantities == null) {
      return Map.of();
    }
    Map<String, BigDecimal> parsed = new java.util.HashMap<>();
    quantities.forEach(
        (resource, text) -> {
          String at = path + "[" + resource + "]";
          Optional<BigDecimal> value = Quantity.parse(text);
          if (value.isEmpty()) {
            errors.add(
                FieldError.invalid(
                    at,
                    text,
                    "quantities must match the regular expression"
                        + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
          } else if (value.get().signum() < 0) {
            errors.add(FieldError.invalid(at, text, "must be greater than or equal to 0"));
          } else {
            parsed.put(resource, value.get());
          }
        });
    return parsed;
  }
}
