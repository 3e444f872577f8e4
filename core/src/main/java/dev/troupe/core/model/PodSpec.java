package dev.troupe.core.model;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What a pod should run and how: every field of Kubernetes' core/v1 PodSpec, in its order. The
 * fields Troupe does not interpret yet and whose shape is deep (volumes, affinity, tolerations,
 * security contexts ...) are kept as sent, as JSON trees.
 */
public record PodSpec(
    List<JsonNode> volumes,
    List<Container> initContainers,
    List<Container> containers,
    List<JsonNode> ephemeralContainers,
    String restartPolicy,
    Long terminationGracePeriodSeconds,
    Long activeDeadlineSeconds,
    String dnsPolicy,
    Map<String, String> nodeSelector,
    String serviceAccountName,
    String serviceAccount,
    Boolean automountServiceAccountToken,
    String nodeName,
    Boolean hostNetwork,
    Boolean hostPID,
    Boolean hostIPC,
    Boolean shareProcessNamespace,
    @JsonSetter(nulls = Nulls.SKIP) JsonNode securityContext,
    List<LocalObjectReference> imagePullSecrets,
    String hostname,
    String subdomain,
    @JsonSetter(nulls = Nulls.SKIP) JsonNode affinity,
    String schedulerName,
    List<JsonNode> tolerations,
    List<JsonNode> hostAliases,
    String priorityClassName,
    Integer priority,
    @JsonSetter(nulls = Nulls.SKIP) JsonNode dnsConfig,
    List<JsonNode> readinessGates,
    String runtimeClassName,
    Boolean enableServiceLinks,
    String preemptionPolicy,
    Map<String, String> overhead,
    List<JsonNode> topologySpreadConstraints,
    Boolean setHostnameAsFQDN,
    @JsonSetter(nulls = Nulls.SKIP) JsonNode os,
    Boolean hostUsers,
    List<JsonNode> schedulingGates,
    List<JsonNode> resourceClaims,
    ResourceRequirements resources) {

  public static final String RESTART_ALWAYS = "Always";
  public static final String RESTART_ON_FAILURE = "OnFailure";
  public static final String RESTART_NEVER = "Never";

  public static final String DNS_CLUSTER_FIRST = "ClusterFirst";
  public static final String DEFAULT_SCHEDULER = "default-scheduler";

  /** A spec with only the fields Troupe first knew; the others are null. */
  public PodSpec(
      List<Container> containers,
      String restartPolicy,
      Long terminationGracePeriodSeconds,
      String nodeName,
      String hostname) {
    this(
        null,
        null,
        containers,
        null,
        restartPolicy,
        terminationGracePeriodSeconds,
        null,
        null,
        null,
        null,
        null,
        null,
        nodeName,
        null,
        null,
        null,
        null,
        null,
        null,
        hostname,
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
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** A builder with nothing set. */
  public static PodSpecBuilder builder() {
    return new PodSpecBuilder();
  }

  /** A builder holding every field of this podSpec, to change some and build anew. */
  public PodSpecBuilder toBuilder() {
    return new PodSpecBuilder(this);
  }

  public PodSpec withContainers(List<Container> newContainers) {
    return toBuilder().containers(newContainers).build();
  }

  public PodSpec withInitContainers(List<Container> newInitContainers) {
    return toBuilder().initContainers(newInitContainers).build();
  }

  public PodSpec withRestartPolicy(String newRestartPolicy) {
    return toBuilder().restartPolicy(newRestartPolicy).build();
  }

  public PodSpec withTerminationGracePeriodSeconds(Long seconds) {
    return toBuilder().terminationGracePeriodSeconds(seconds).build();
  }

  public PodSpec withNodeName(String newNodeName) {
    return toBuilder().nodeName(newNodeName).build();
  }

  public List<Container> containersOrEmpty() {
    return containers == null ? List.of() : containers;
  }

  public List<Container> initContainersOrEmpty() {
    return initContainers == null ? List.of() : initContainers;
  }
}
