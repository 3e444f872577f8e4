package dev.troupe.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.troupe.core.api.ApiObject;
import dev.troupe.core.selection.FieldSelector;
import java.util.Map;

/** A core/v1 Pod: one or more containers that run together on one node. */
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "spec", "status"})
public record Pod(
    String apiVersion, String kind, ObjectMeta metadata, PodSpec spec, PodStatus status)
    implements ApiObject {

  public static final String API_VERSION = "v1";
  public static final String KIND = "Pod";

  public static Pod of(ObjectMeta metadata, PodSpec spec) {
    return new Pod(API_VERSION, KIND, metadata, spec, null);
  }

  public Pod withMetadata(ObjectMeta newMetadata) {
    return new Pod(apiVersion, kind, newMetadata, spec, status);
  }

  public Pod withSpec(PodSpec newSpec) {
    return new Pod(apiVersion, kind, metadata, newSpec, status);
  }

  public Pod withStatus(PodStatus newStatus) {
    return new Pod(apiVersion, kind, metadata, spec, newStatus);
  }

  /** The same pod with {@code kind} and {@code apiVersion} filled in, as every reply needs. */
  public Pod withTypeMeta() {
    return new Pod(API_VERSION, KIND, metadata, spec, status);
  }

  public String namespace() {
    return metadata.namespace();
  }

  public String name() {
    return metadata.name();
  }

  @Override
  public Map<String, String> selectableFields() {
    return FieldSelector.podFields(this);
  }

  public String uid() {
    return metadata.uid();
  }

  /** Derived from {@code metadata.deletionTimestamp}; not a field of the API object. */
  @JsonIgnore
  public boolean isTerminating() {
    return metadata.deletionTimestamp() != null;
  }
}
