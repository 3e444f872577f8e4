package dev.troupe.core.model;

import java.util.List;

/** One container of a pod. */
public record Container(
    String name,
    String image,
    List<String> command,
    List<String> args,
    String workingDir,
    List<EnvVar> env,
    List<ContainerPort> ports,
    ResourceRequirements resources,
    String imagePullPolicy) {

  public static final String PULL_ALWAYS = "Always";
  public static final String PULL_IF_NOT_PRESENT = "IfNotPresent";
  public static final String PULL_NEVER = "Never";

  public static Container of(String name, String image) {
    return new Container(name, image, null, null, null, null, null, null, null);
  }

  public Container withImagePullPolicy(String policy) {
    return new Container(name, image, command, args, workingDir, env, ports, resources, policy);
  }

  public Container withPorts(List<ContainerPort> newPorts) {
    return new Container(
        name, image, command, args, workingDir, env, newPorts, resources, imagePullPolicy);
  }

  public Container withCommand(List<String> newCommand) {
    return new Container(
        name, image, newCommand, args, workingDir, env, ports, resources, imagePullPolicy);
  }

  public Container withEnv(List<EnvVar> newEnv) {
    return new Container(
        name, image, command, args, workingDir, newEnv, ports, resources, imagePullPolicy);
  }

  public Container withResources(ResourceRequirements newResources) {
    return new Container(
        name, image, command, args, workingDir, env, ports, newResources, imagePullPolicy);
  }

  public List<ContainerPort> portsOrEmpty() {
    return ports == null ? List.of() : ports;
  }

  public List<EnvVar> envOrEmpty() {
    return env == null ? List.of() : env;
  }
}
