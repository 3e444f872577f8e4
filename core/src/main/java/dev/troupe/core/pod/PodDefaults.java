package dev.troupe.core.pod;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerPort;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodSpec;
import java.util.List;

/** Kubernetes' defaults for a pod, applied before validation as the API server does. */
public final class PodDefaults {

  public static final long DEFAULT_GRACE_PERIOD_SECONDS = 30;

  private PodDefaults() {}

  public static Pod apply(Pod pod) {
    PodSpec spec = pod.spec();
    if (spec == null) {
      return pod;
    }
    if (spec.restartPolicy() == null) {
      spec = spec.withRestartPolicy(PodSpec.RESTART_ALWAYS);
    }
    if (spec.terminationGracePeriodSeconds() == null) {
      spec = spec.withTerminationGracePeriodSeconds(DEFAULT_GRACE_PERIOD_SECONDS);
    }
    if (spec.containers() != null) {
      spec = spec.withContainers(spec.containers().stream().map(PodDefaults::container).toList());
    }
    return pod.withSpec(spec);
  }

  static Container container(Container c) {
    if (c == null) {
      return null;
    }
    Container defaulted = c;
    if (c.imagePullPolicy() == null || c.imagePullPolicy().isEmpty()) {
      defaulted = defaulted.withImagePullPolicy(defaultPullPolicy(c.image()));
    }
    if (c.ports() != null) {
      List<ContainerPort> ports =
          c.ports().stream()
              .map(p -> p != null && p.protocol() == null ? p.withProtocol("TCP") : p)
              .toList();
      defaulted = defaulted.withPorts(ports);
    }
    return defaulted;
  }

  /** {@code Always} for {@code :latest} or no tag, otherwise {@code IfNotPresent}. */
  public static String defaultPullPolicy(String image) {
    if (image == null || image.contains("@")) {
      return Container.PULL_IF_NOT_PRESENT;
    }
    int lastSlash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    boolean tagged = colon > lastSlash;
    String tag = tagged ? image.substring(colon + 1) : "";
    return !tagged || tag.equals("latest") ? Container.PULL_ALWAYS : Container.PULL_IF_NOT_PRESENT;
  }
}
