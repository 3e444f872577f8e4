package dev.troupe.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@link ObjectMeta} field by field; {@link ObjectMeta#toBuilder()} starts from an
 * existing one.
 */
public final class ObjectMetaBuilder {

  private String name;
  private String generateName;
  private String namespace;
  private String uid;
  private String resourceVersion;
  private Long generation;
  private Instant creationTimestamp;
  private Instant deletionTimestamp;
  private Long deletionGracePeriodSeconds;
  private Map<String, String> labels;
  private Map<String, String> annotations;
  private List<OwnerReference> ownerReferences;
  private List<String> finalizers;
  private List<JsonNode> managedFields;

  ObjectMetaBuilder() {}

  ObjectMetaBuilder(ObjectMeta m) {
    name = m.name();
    generateName = m.generateName();
    namespace = m.namespace();
    uid = m.uid();
    resourceVersion = m.resourceVersion();
    generation = m.generation();
    creationTimestamp = m.creationTimestamp();
    deletionTimestamp = m.deletionTimestamp();
    deletionGracePeriodSeconds = m.deletionGracePeriodSeconds();
    labels = m.labels();
    annotations = m.annotations();
    ownerReferences = m.ownerReferences();
    finalizers = m.finalizers();
    managedFields = m.managedFields();
  }

  public ObjectMetaBuilder name(String value) {
    name = value;
    return this;
  }

  public ObjectMetaBuilder namespace(String value) {
    namespace = value;
    return this;
  }

  public ObjectMetaBuilder generateName(String value) {
    this.generateName = value;
    return this;
  }

  public ObjectMetaBuilder generation(Long value) {
    this.generation = value;
    return this;
  }

  public ObjectMetaBuilder uid(String value) {
    uid = value;
    return this;
  }

  public ObjectMetaBuilder resourceVersion(String value) {
    resourceVersion = value;
    return this;
  }

  public ObjectMetaBuilder creationTimestamp(Instant value) {
    creationTimestamp = value;
    return this;
  }

  public ObjectMetaBuilder deletionTimestamp(Instant value) {
    deletionTimestamp = value;
    return this;
  }

  public ObjectMetaBuilder deletionGracePeriodSeconds(Long value) {
    deletionGracePeriodSeconds = value;
    return this;
  }

  public ObjectMetaBuilder labels(Map<String, String> value) {
    labels = value;
    return this;
  }

  public ObjectMetaBuilder annotations(Map<String, String> value) {
    annotations = value;
    return this;
  }

  public ObjectMetaBuilder ownerReferences(List<OwnerReference> value) {
    ownerReferences = value;
    return this;
  }

  public ObjectMetaBuilder finalizers(List<String> value) {
    finalizers = value;
    return this;
  }

  public ObjectMetaBuilder managedFields(List<JsonNode> value) {
    managedFields = value;
    return this;
  }

  public ObjectMeta build() {
    return new ObjectMeta(
        name,
        generateName,
        namespace,
        uid,
        resourceVersion,
        generation,
        creationTimestamp,
        deletionTimestamp,
        deletionGracePeriodSeconds,
        labels,
        annotations,
        ownerReferences,
        finalizers,
        managedFields);
  }
}
