package dev.troupe.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Builds a {@link Container} field by field; {@link Container#toBuilder()} starts from an existing
 * one.
 */
public final class ContainerBuilder {

  private String name;
  private String image;
  private List<String> command;
  private List<String> args;
  private String workingDir;
  private List<ContainerPort> ports;
  private List<EnvFromSource> envFrom;
  private List<EnvVar> env;
  private ResourceRequirements resources;
  private List<JsonNode> resizePolicy;
  private String restartPolicy;
  private List<VolumeMount> volumeMounts;
  private List<JsonNode> volumeDevices;
  private Probe livenessProbe;
  private Probe readinessProbe;
  private Probe startupProbe;
  private Lifecycle lifecycle;
  private String terminationMessagePath;
  private String terminationMessagePolicy;
  private String imagePullPolicy;
  private JsonNode securityContext;
  private Boolean stdin;
  private Boolean stdinOnce;
  private Boolean tty;

  ContainerBuilder() {}

  ContainerBuilder(Container from) {
    name = from.name();
    image = from.image();
    command = from.command();
    args = from.args();
    workingDir = from.workingDir();
    ports = from.ports();
    envFrom = from.envFrom();
    env = from.env();
    resources = from.resources();
    resizePolicy = from.resizePolicy();
    restartPolicy = from.restartPolicy();
    volumeMounts = from.volumeMounts();
    volumeDevices = from.volumeDevices();
    livenessProbe = from.livenessProbe();
    readinessProbe = from.readinessProbe();
    startupProbe = from.startupProbe();
    lifecycle = from.lifecycle();
    terminationMessagePath = from.terminationMessagePath();
    terminationMessagePolicy = from.terminationMessagePolicy();
    imagePullPolicy = from.imagePullPolicy();
    securityContext = from.securityContext();
    stdin = from.stdin();
    stdinOnce = from.stdinOnce();
    tty = from.tty();
  }

  public ContainerBuilder name(String value) {
    name = value;
    return this;
  }

  public ContainerBuilder image(String value) {
    image = value;
    return this;
  }

  public ContainerBuilder command(List<String> value) {
    command = value;
    return this;
  }

  public ContainerBuilder args(List<String> value) {
    args = value;
    return this;
  }

  public ContainerBuilder workingDir(String value) {
    workingDir = value;
    return this;
  }

  public ContainerBuilder ports(List<ContainerPort> value) {
    ports = value;
    return this;
  }

  public ContainerBuilder envFrom(List<EnvFromSource> value) {
    envFrom = value;
    return this;
  }

  public ContainerBuilder env(List<EnvVar> value) {
    env = value;
    return this;
  }

  public ContainerBuilder resources(ResourceRequirements value) {
    resources = value;
    return this;
  }

  public ContainerBuilder resizePolicy(List<JsonNode> value) {
    resizePolicy = value;
    return this;
  }

  public ContainerBuilder restartPolicy(String value) {
    restartPolicy = value;
    return this;
  }

  public ContainerBuilder volumeMounts(List<VolumeMount> value) {
    volumeMounts = value;
    return this;
  }

  public ContainerBuilder volumeDevices(List<JsonNode> value) {
    volumeDevices = value;
    return this;
  }

  public ContainerBuilder livenessProbe(Probe value) {
    livenessProbe = value;
    return this;
  }

  public ContainerBuilder readinessProbe(Probe value) {
    readinessProbe = value;
    return this;
  }

  public ContainerBuilder startupProbe(Probe value) {
    startupProbe = value;
    return this;
  }

  public ContainerBuilder lifecycle(Lifecycle value) {
    lifecycle = value;
    return this;
  }

  public ContainerBuilder terminationMessagePath(String value) {
    terminationMessagePath = value;
    return this;
  }

  public ContainerBuilder terminationMessagePolicy(String value) {
    terminationMessagePolicy = value;
    return this;
  }

  public ContainerBuilder imagePullPolicy(String value) {
    imagePullPolicy = value;
    return this;
  }

  public ContainerBuilder securityContext(JsonNode value) {
    securityContext = value;
    return this;
  }

  public ContainerBuilder stdin(Boolean value) {
    stdin = value;
    return this;
  }

  public ContainerBuilder stdinOnce(Boolean value) {
    stdinOnce = value;
    return this;
  }

  public ContainerBuilder tty(Boolean value) {
    tty = value;
    return this;
  }

  public Container build() {
    return new Container(
        name,
        image,
        command,
        args,
        workingDir,
        ports,
        envFrom,
        env,
        resources,
        resizePolicy,
        restartPolicy,
        volumeMounts,
        volumeDevices,
        livenessProbe,
        readinessProbe,
        startupProbe,
        lifecycle,
        terminationMessagePath,
        terminationMessagePolicy,
        imagePullPolicy,
        securityContext,
        stdin,
        stdinOnce,
        tty);
  }
}
