package dev.troupe.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' {@code metadata}: identity, labels and lifecycle stamps of an object. {@code
 * managedFields} (server-side apply's bookkeeping) is kept as sent.
 */
public record ObjectMeta(
    String name,
    String generateName,
    String namespace,
    String uid,
    String resourceVersion,
    Long generation,
    Instant creationTimestamp,
    Instant deletionTimestamp,
    Long deletionGracePeriodSeconds,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<OwnerReference> ownerReferences,
    List<String> finalizers,
    List<JsonNode> managedFields) {

  /** Metadata without managed fields. */
  public ObjectMeta(
      String name,
      String generateName,
      String namespace,
      String uid,
      String resourceVersion,
      Long generation,
      Instant creationTimestamp,
      Instant deletionTimestamp,
      Long deletionGracePeriodSeconds,
      Map<String, String> labels,
      Map<String, String> annotations,
      List<OwnerReference> ownerReferences,
      List<String> finalizers) {
    this(
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
        null);
  }

  public static ObjectMeta named(String namespace, String name) {
    return new ObjectMeta(
        name, null, namespace, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** A builder starting from this metadata. */
  public ObjectMetaBuilder toBuilder() {
    return new ObjectMetaBuilder(this);
  }

  public ObjectMeta withName(String newName) {
    return toBuilder().name(newName).build();
  }

  public ObjectMeta withNamespace(String newNamespace) {
    return toBuilder().namespace(newNamespace).build();
  }

  public ObjectMeta withLabels(Map<String, String> newLabels) {
    return toBuilder().labels(newLabels).build();
  }

  public ObjectMeta withAnnotations(Map<String, String> newAnnotations) {
    return toBuilder().annotations(newAnnotations).build();
  }

  public ObjectMeta withOwnerReferences(List<OwnerReference> newOwnerReferences) {
    return toBuilder().ownerReferences(newOwnerReferences).build();
  }

  public ObjectMeta withFinalizers(List<String> newFinalizers) {
    return toBuilder().finalizers(newFinalizers).build();
  }

  public ObjectMeta withManagedFields(List<JsonNode> newManagedFields) {
    return toBuilder().managedFields(newManagedFields).build();
  }

  /** The stamps the server owns when an object is created. */
  public ObjectMeta asCreated(String newUid, Instant created, String newResourceVersion) {
    return toBuilder()
        .uid(newUid)
        .creationTimestamp(created)
        .resourceVersion(newResourceVersion)
        .deletionTimestamp(null)
        .deletionGracePeriodSeconds(null)
        .build();
  }

  public ObjectMeta withResourceVersion(String newResourceVersion) {
    return toBuilder().resourceVersion(newResourceVersion).build();
  }

  /** Marks the object terminating at {@code at} (kept to whole seconds, as Kubernetes shows it). */
  public ObjectMeta withDeletion(Instant at, long gracePeriodSeconds) {
    return toBuilder()
        .deletionTimestamp(at.truncatedTo(ChronoUnit.SECONDS))
        .deletionGracePeriodSeconds(gracePeriodSeconds)
        .build();
  }

  public Map<String, String> labelsOrEmpty() {
    return labels == null ? Map.of() : labels;
  }
}
