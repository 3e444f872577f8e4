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

  public ObjectMeta withName(String newName) {
    return new ObjectMeta(
        newName,
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

  public ObjectMeta withNamespace(String newNamespace) {
    return new ObjectMeta(
        name,
        generateName,
        newNamespace,
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

  public ObjectMeta withLabels(Map<String, String> newLabels) {
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
        newLabels,
        annotations,
        ownerReferences,
        finalizers,
        managedFields);
  }

  public ObjectMeta withAnnotations(Map<String, String> newAnnotations) {
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
        newAnnotations,
        ownerReferences,
        finalizers,
        managedFields);
  }

  public ObjectMeta withOwnerReferences(List<OwnerReference> newOwnerReferences) {
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
        newOwnerReferences,
        finalizers,
        managedFields);
  }

  public ObjectMeta withFinalizers(List<String> newFinalizers) {
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
        newFinalizers,
        managedFields);
  }

  public ObjectMeta withManagedFields(List<JsonNode> newManagedFields) {
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
        newManagedFields);
  }

  /** The stamps the server owns when an object is created. */
  public ObjectMeta asCreated(String newUid, Instant created, String newResourceVersion) {
    return new ObjectMeta(
        name,
        generateName,
        namespace,
        newUid,
        newResourceVersion,
        generation,
        created,
        null,
        null,
        labels,
        annotations,
        ownerReferences,
        finalizers,
        managedFields);
  }

  public ObjectMeta withResourceVersion(String newResourceVersion) {
    return new ObjectMeta(
        name,
        generateName,
        namespace,
        uid,
        newResourceVersion,
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

  /** Marks the object terminating at {@code at} (kept to whole seconds, as Kubernetes shows it). */
  public ObjectMeta withDeletion(Instant at, long gracePeriodSeconds) {
    return new ObjectMeta(
        name,
        generateName,
        namespace,
        uid,
        resourceVersion,
        generation,
        creationTimestamp,
        at.truncatedTo(ChronoUnit.SECONDS),
        gracePeriodSeconds,
        labels,
        annotations,
        ownerReferences,
        finalizers,
        managedFields);
  }

  public Map<String, String> labelsOrEmpty() {
    return labels == null ? Map.of() : labels;
  }
}
