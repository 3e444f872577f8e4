package dev.troupe.core.model;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One container of a pod (or one of its init containers): every field of Kubernetes' core/v1
 * Container, in its order. {@code securityContext}, {@code resizePolicy} and {@code volumeDevices}
 * are kept as sent, as JSON trees.
 */
public record Container(
    String name,
    String image,
    List<String> command,
    List<String> args,
    String workingDir,
    List<ContainerPort> ports,
    List<EnvFromSource> envFrom,
    List<EnvVar> env,
    ResourceRequirements resources,
    List<JsonNode> resizePolicy,
    String restartPolicy,
    List<VolumeMount> volumeMounts,
    List<JsonNode> volumeDevices,
    Probe livenessProbe,
    Probe readinessProbe,
    Probe startupProbe,
    Lifecycle lifecycle,
    String terminationMessagePath,
    String terminationMessagePolicy,
    String imagePullPolicy,
    @JsonSetter(nulls = Nulls.SKIP) JsonNode securityContext,
    Boolean stdin,
    Boolean stdinOnce,
    Boolean tty) {

  public static final String PULL_ALWAYS = "Always";
  public static final String PULL_IF_NOT_PRESENT = "IfNotPresent";
  public static final String PULL_NEVER = "Never";

  public static final String TERMINATION_MESSAGE_PATH = "/dev/termination-log";
  public static final String TERMINATION_MESSAGE_FILE = "File";
  public static final String TERMINATION_MESSAGE_FALLBACK_TO_LOGS = "FallbackToLogsOnError";

  /** A container with only the fields Troupe first knew; the others are null. */
  public Container(
      String name,
      String image,
      List<String> command,
      List<String> args,
      String workingDir,
      List<EnvVar> env,
      List<ContainerPort> ports,
      ResourceRequirements resources,
      String imagePullPolicy) {
    this(
        name,
        image,
        command,
        args,
        workingDir,
        ports,
        null,
        env,
        resources,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        imagePullPolicy,
        null,
        null,
        null,
        null);
  }

  /** A builder with nothing set. */
  public static ContainerBuilder builder() {
    return new ContainerBuilder();
  }

  /** A builder holding every field of this container, to change some and build anew. */
  public ContainerBuilder toBuilder() {
    return new ContainerBuilder(this);
  }

  public static Container of(String name, String image) {
    return builder().name(name).image(image).build();
  }

  public Container withImage(String newImage) {
    return toBuilder().image(newImage).build();
  }

  public Container withImagePullPolicy(String policy) {
    return toBuilder().imagePullPolicy(policy).build();
  }

  public Container withPorts(List<ContainerPort> newPorts) {
    return toBuilder().ports(newPorts).build();
  }

  public Container withCommand(List<String> newCommand) {
    return toBuilder().command(newCommand).build();
  }

  public Container withEnv(List<EnvVar> newEnv) {
    return toBuilder().env(newEnv).build();
  }

  public Container withResources(ResourceRequirements newResources) {
    return toBuilder().resources(newResources).build();
  }

  public List<ContainerPort> portsOrEmpty() {
    return ports == null ? List.of() : ports;
  }

  public List<EnvVar> envOrEmpty() {
    return env == null ? List.of() : env;
  }
}
