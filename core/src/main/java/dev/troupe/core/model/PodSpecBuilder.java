package dev.troupe.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link PodSpec} field by field; {@link PodSpec#toBuilder()} starts from an existing one.
 */
public final class PodSpecBuilder {

  private List<JsonNode> volumes;
  private List<Container> initContainers;
  private List<Container> containers;
  private List<JsonNode> ephemeralContainers;
  private String restartPolicy;
  private Long terminationGracePeriodSeconds;
  private Long activeDeadlineSeconds;
  private String dnsPolicy;
  private Map<String, String> nodeSelector;
  private String serviceAccountName;
  private String serviceAccount;
  private Boolean automountServiceAccountToken;
  private String nodeName;
  private Boolean hostNetwork;
  private Boolean hostPID;
  private Boolean hostIPC;
  private Boolean shareProcessNamespace;
  private JsonNode securityContext;
  private List<LocalObjectReference> imagePullSecrets;
  private String hostname;
  private String subdomain;
  private JsonNode affinity;
  private String schedulerName;
  private List<JsonNode> tolerations;
  private List<JsonNode> hostAliases;
  private String priorityClassName;
  private Integer priority;
  private JsonNode dnsConfig;
  private List<JsonNode> readinessGates;
  private String runtimeClassName;
  private Boolean enableServiceLinks;
  private String preemptionPolicy;
  private Map<String, String> overhead;
  private List<JsonNode> topologySpreadConstraints;
  private Boolean setHostnameAsFQDN;
  private JsonNode os;
  private Boolean hostUsers;
  private List<JsonNode> schedulingGates;
  private List<JsonNode> resourceClaims;
  private ResourceRequirements resources;

  PodSpecBuilder() {}

  PodSpecBuilder(PodSpec from) {
    volumes = from.volumes();
    initContainers = from.initContainers();
    containers = from.containers();
    ephemeralContainers = from.ephemeralContainers();
    restartPolicy = from.restartPolicy();
    terminationGracePeriodSeconds = from.terminationGracePeriodSeconds();
    activeDeadlineSeconds = from.activeDeadlineSeconds();
    dnsPolicy = from.dnsPolicy();
    nodeSelector = from.nodeSelector();
    serviceAccountName = from.serviceAccountName();
    serviceAccount = from.serviceAccount();
    automountServiceAccountToken = from.automountServiceAccountToken();
    nodeName = from.nodeName();
    hostNetwork = from.hostNetwork();
    hostPID = from.hostPID();
    hostIPC = from.hostIPC();
    shareProcessNamespace = from.shareProcessNamespace();
    securityContext = from.securityContext();
    imagePullSecrets = from.imagePullSecrets();
    hostname = from.hostname();
    subdomain = from.subdomain();
    affinity = from.affinity();
    schedulerName = from.schedulerName();
    tolerations = from.tolerations();
    hostAliases = from.hostAliases();
    priorityClassName = from.priorityClassName();
    priority = from.priority();
    dnsConfig = from.dnsConfig();
    readinessGates = from.readinessGates();
    runtimeClassName = from.runtimeClassName();
    enableServiceLinks = from.enableServiceLinks();
    preemptionPolicy = from.preemptionPolicy();
    overhead = from.overhead();
    topologySpreadConstraints = from.topologySpreadConstraints();
    setHostnameAsFQDN = from.setHostnameAsFQDN();
    os = from.os();
    hostUsers = from.hostUsers();
    schedulingGates = from.schedulingGates();
    resourceClaims = from.resourceClaims();
    resources = from.resources();
  }

  public PodSpecBuilder volumes(List<JsonNode> value) {
    volumes = value;
    return this;
  }

  public PodSpecBuilder initContainers(List<Container> value) {
    initContainers = value;
    return this;
  }

  public PodSpecBuilder containers(List<Container> value) {
    containers = value;
    return this;
  }

  public PodSpecBuilder ephemeralContainers(List<JsonNode> value) {
    ephemeralContainers = value;
    return this;
  }

  public PodSpecBuilder restartPolicy(String value) {
    restartPolicy = value;
    return this;
  }

  public PodSpecBuilder terminationGracePeriodSeconds(Long value) {
    terminationGracePeriodSeconds = value;
    return this;
  }

  public PodSpecBuilder activeDeadlineSeconds(Long value) {
    activeDeadlineSeconds = value;
    return this;
  }

  public PodSpecBuilder dnsPolicy(String value) {
    dnsPolicy = value;
    return this;
  }

  public PodSpecBuilder nodeSelector(Map<String, String> value) {
    nodeSelector = value;
    return this;
  }

  public PodSpecBuilder serviceAccountName(String value) {
    serviceAccountName = value;
    return this;
  }

  public PodSpecBuilder serviceAccount(String value) {
    serviceAccount = value;
    return this;
  }

  public PodSpecBuilder automountServiceAccountToken(Boolean value) {
    automountServiceAccountToken = value;
    return this;
  }

  public PodSpecBuilder nodeName(String value) {
    nodeName = value;
    return this;
  }

  public PodSpecBuilder hostNetwork(Boolean value) {
    hostNetwork = value;
    return this;
  }

  public PodSpecBuilder hostPID(Boolean value) {
    hostPID = value;
    return this;
  }

  public PodSpecBuilder hostIPC(Boolean value) {
    hostIPC = value;
    return this;
  }

  public PodSpecBuilder shareProcessNamespace(Boolean value) {
    shareProcessNamespace = value;
    return this;
  }

  public PodSpecBuilder securityContext(JsonNode value) {
    securityContext = value;
    return this;
  }

  public PodSpecBuilder imagePullSecrets(List<LocalObjectReference> value) {
    imagePullSecrets = value;
    return this;
  }

  public PodSpecBuilder hostname(String value) {
    hostname = value;
    return this;
  }

  public PodSpecBuilder subdomain(String value) {
    subdomain = value;
    return this;
  }

  public PodSpecBuilder affinity(JsonNode value) {
    affinity = value;
    return this;
  }

  public PodSpecBuilder schedulerName(String value) {
    schedulerName = value;
    return this;
  }

  public PodSpecBuilder tolerations(List<JsonNode> value) {
    tolerations = value;
    return this;
  }

  public PodSpecBuilder hostAliases(List<JsonNode> value) {
    hostAliases = value;
    return this;
  }

  public PodSpecBuilder priorityClassName(String value) {
    priorityClassName = value;
    return this;
  }

  public PodSpecBuilder priority(Integer value) {
    priority = value;
    return this;
  }

  public PodSpecBuilder dnsConfig(JsonNode value) {
    dnsConfig = value;
    return this;
  }

  public PodSpecBuilder readinessGates(List<JsonNode> value) {
    readinessGates = value;
    return this;
  }

  public PodSpecBuilder runtimeClassName(String value) {
    runtimeClassName = value;
    return this;
  }

  public PodSpecBuilder enableServiceLinks(Boolean value) {
    enableServiceLinks = value;
    return this;
  }

  public PodSpecBuilder preemptionPolicy(String value) {
    preemptionPolicy = value;
    return this;
  }

  public PodSpecBuilder overhead(Map<String, String> value) {
    overhead = value;
    return this;
  }

  public PodSpecBuilder topologySpreadConstraints(List<JsonNode> value) {
    topologySpreadConstraints = value;
    return this;
  }

  public PodSpecBuilder setHostnameAsFQDN(Boolean value) {
    setHostnameAsFQDN = value;
    return this;
  }

  public PodSpecBuilder os(JsonNode value) {
    os = value;
    return this;
  }

  public PodSpecBuilder hostUsers(Boolean value) {
    hostUsers = value;
    return this;
  }

  public PodSpecBuilder schedulingGates(List<JsonNode> value) {
    schedulingGates = value;
    return this;
  }

  public PodSpecBuilder resourceClaims(List<JsonNode> value) {
    resourceClaims = value;
    return this;
  }

  public PodSpecBuilder resources(ResourceRequirements value) {
    resources = value;
    return this;
  }

  public PodSpec build() {
    return new PodSpec(
        volumes,
        initContainers,
        containers,
        ephemeralContainers,
        restartPolicy,
        terminationGracePeriodSeconds,
        activeDeadlineSeconds,
        dnsPolicy,
        nodeSelector,
        serviceAccountName,
        serviceAccount,
        automountServiceAccountToken,
        nodeName,
        hostNetwork,
        hostPID,
        hostIPC,
        shareProcessNamespace,
        securityContext,
        imagePullSecrets,
        hostname,
        subdomain,
        affinity,
        schedulerName,
        tolerations,
        hostAliases,
        priorityClassName,
        priority,
        dnsConfig,
        readinessGates,
        runtimeClassName,
        enableServiceLinks,
        preemptionPolicy,
        overhead,
        topologySpreadConstraints,
        setHostnameAsFQDN,
        os,
        hostUsers,
        schedulingGates,
        resourceClaims,
        resources);
  }
}
