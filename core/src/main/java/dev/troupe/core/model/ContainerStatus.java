package dev.troupe.core.model;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The observed state of one container of a pod. */
public record ContainerStatus(
    String name,
    ContainerState state,
    ContainerState lastState,
    boolean ready,
    int restartCount,
    String image,
    String imageID,
    String containerID,
    Boolean started,
    Map<String, String> allocatedResources,
    ResourceRequirements resources,
    List<JsonNode> volumeMounts,
    @JsonSetter(nulls = Nulls.SKIP) JsonNode user,
    List<JsonNode> allocatedResourcesStatus) {

  /** A status with only the fields Troupe observes. */
  public ContainerStatus(
      String name,
      ContainerState state,
      ContainerState lastState,
      boolean ready,
      int restartCount,
      String image,
      String imageID,
      String containerID,
      Boolean started) {
    this(
        name,
        state,
        lastState,
        ready,
        restartCount,
        image,
        imageID,
        containerID,
        started,
        null,
        null,
        null,
        null,
        null);
  }

  /** This status with the container's readiness and whether it has started, as probes say. */
  public ContainerStatus withReadiness(boolean newReady, Boolean newStarted) {
    return new ContainerStatus(
        name,
        state,
        lastState,
        newReady,
        restartCount,
        image,
        imageID,
        containerID,
        newStarted,
        allocatedResources,
        resources,
        volumeMounts,
        user,
        allocatedResourcesStatus);
  }
}
