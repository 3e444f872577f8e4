package dev.troupe.core.pod;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerState;
import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.Pod;
import dev.troupe.core.validation.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code GET /pods/{name}/log} may ask, and which container's log it gets, with Kubernetes'
 * checks and messages (the API server's {@code ValidatePodLogOptions} and {@code LogLocation}, the
 * kubelet's {@code validateContainerLogStatus}). Pure.
 */
public final class PodLogs {

  private PodLogs() {}

  /** The query parameters of a log request, as sent (null when absent). */
  public record Options(
      String container,
      boolean follow,
      boolean previous,
      Long tailLines,
      Long sinceSeconds,
      Instant sinceTime,
      boolean timestamps,
      Long limitBytes) {

    /**
     * Where the log starts, from {@code sinceSeconds} (counted back from {@code now}) or {@code
     * sinceTime}; null for its beginning.
     */
    public Instant since(Instant now) {
      if (sinceSeconds != null) {
        return now.minusSeconds(sinceSeconds);
      }
      return sinceTime;
    }
  }

  /** Kubernetes' checks of the options: the errors, empty when valid. */
  public static List<FieldError> validate(Options options) {
    List<FieldError> errors = new ArrayList<>();
    if (options.sinceSeconds() != null && options.sinceTime() != null) {
      errors.add(
          FieldError.forbidden(
              "sinceSeconds", "at most one of sinceTime or sinceSeconds may be specified"));
    }
    if (options.sinceSeconds() != null && options.sinceSeconds() < 1) {
      errors.add(
          FieldError.invalid("sinceSeconds", options.sinceSeconds(), "must be greater than 0"));
    }
    if (options.tailLines() != null && options.tailLines() < 0) {
      errors.add(
          FieldError.invalid(
              "tailLines", options.tailLines(), "must be greater than or equal to 0"));
    }
    if (options.limitBytes() != null && options.limitBytes() < 1) {
      errors.add(FieldError.invalid("limitBytes", options.limitBytes(), "must be greater than 0"));
    }
    return errors;
  }

  /**
   * Whose log a request reads: the container, its node and the id of the run (as the status names
   * it, {@code docker://…}), or why there is none to read (a 400 in Kubernetes).
   */
  public record Target(String container, String nodeName, String containerId, String refusal) {

    static Target refused(String why) {
      return new Target(null, null, null, why);
    }

    public boolean isRefused() {
      return refusal != null;
    }
  }

  /**
   * Which container of {@code pod} the request names, and which run of it has the log to read, as
   * the kubelet chooses: with {@code previous} the last terminated run, else the running one, else
   * the one that ended last.
   */
  public static Target target(Pod pod, Options options) {
    String name = options.container();
    List<Container> containers = pod.spec().containersOrEmpty();
    List<Container> inits = pod.spec().initContainersOrEmpty();
    if (name == null || name.isEmpty()) {
      if (containers.size() == 1) {
        name = containers.get(0).name();
      } else {
        String choices = names(containers);
        return Target.refused(
            inits.isEmpty()
                ? "a container name must be specified for pod %s, choose one of: %s"
                    .formatted(pod.name(), choices)
                : ("a container name must be specified for pod %s, choose one of: %s"
                        + " or one of the init containers: %s")
                    .formatted(pod.name(), choices, names(inits)));
      }
    }
    String chosen = name;
    boolean known =
        containers.stream().anyMatch(c -> c.name().equals(chosen))
            || inits.stream().anyMatch(c -> c.name().equals(chosen));
    if (!known) {
      return Target.refused("container %s is not valid for pod %s".formatted(chosen, pod.name()));
    }
    String node = pod.spec().nodeName();
    if (node == null || node.isEmpty()) {
      return Target.refused("pod %s does not have a host assigned".formatted(pod.name()));
    }
    ContainerStatus status = status(pod, chosen);
    if (status == null || status.state() == null) {
      return Target.refused(
          "container \"%s\" in pod \"%s\" is waiting to start: ContainerCreating"
              .formatted(chosen, pod.name()));
    }
    ContainerState.Terminated last =
        status.lastState() == null ? null : status.lastState().terminated();
    String lastId = last == null ? null : last.containerID();
    if (options.previous()) {
      if (lastId == null || lastId.isEmpty()) {
        return Target.refused(
            "previous terminated container \"%s\" in pod \"%s\" not found"
                .formatted(chosen, pod.name()));
      }
      return new Target(chosen, node, lastId, null);
    }
    ContainerState state = status.state();
    if (state.running() != null && status.containerID() != null) {
      return new Target(chosen, node, status.containerID(), null);
    }
    if (state.terminated() != null) {
      String id = state.terminated().containerID();
      if (id == null || id.isEmpty()) {
        id = lastId;
      }
      if (id == null || id.isEmpty()) {
        return Target.refused(
            "container \"%s\" in pod \"%s\" is terminated".formatted(chosen, pod.name()));
      }
      return new Target(chosen, node, id, null);
    }
    if (lastId != null && !lastId.isEmpty()) {
      return new Target(chosen, node, lastId, null);
    }
    String reason = state.waiting() == null ? null : state.waiting().reason();
    return Target.refused(
        "container \"%s\" in pod \"%s\" is waiting to start: %s"
            .formatted(chosen, pod.name(), waitingWhy(reason)));
  }

  /** How the kubelet says why a container has not started. */
  private static String waitingWhy(String reason) {
    if ("ErrImagePull".equals(reason)) {
      return "image can't be pulled";
    }
    if ("ImagePullBackOff".equals(reason)) {
      return "trying and failing to pull image";
    }
    return reason == null || reason.isEmpty() ? "ContainerCreating" : reason;
  }

  private static ContainerStatus status(Pod pod, String container) {
    if (pod.status() == null) {
      return null;
    }
    for (ContainerStatus status : pod.status().containerStatusesOrEmpty()) {
      if (status.name().equals(container)) {
        return status;
      }
    }
    for (ContainerStatus status : pod.status().initContainerStatusesOrEmpty()) {
      if (status.name().equals(container)) {
        return status;
      }
    }
    return null;
  }

  private static String names(List<Container> containers) {
    return "[" + String.join(" ", containers.stream().map(Container::name).toList()) + "]";
  }
}
