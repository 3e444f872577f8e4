package dev.troupe.core.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.validation.FieldError;
import dev.troupe.core.validation.Names;
import dev.troupe.core.validation.ObjectValidation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How a stored kind's object becomes what is stored, for create, update and status update: the
 * server's stamps, Kubernetes' defaults, and validation. Like the API server's generic registry, an
 * update never changes status and a status update never changes anything else.
 */
public final class ObjectAdmission {

  private ObjectAdmission() {}

  /** The object to store, or every reason it is refused. */
  public record Admitted(KubeObject object, List<FieldError> errors) {
    public boolean isValid() {
      return errors.isEmpty();
    }
  }

  /**
   * A created object: the namespace from the path (none for cluster-scoped kinds), the name
   * generated from {@code generateName}, server stamps and status dropped, defaults applied.
   */
  public static Admitted prepareCreate(
      StoredKind kind, KubeObject sent, String namespace, RandomGenerator random) {
    ObjectMeta meta = sent.metadata().withNamespace(kind.type().namespaced() ? namespace : null);
    if ((meta.name() == null || meta.name().isEmpty())
        && meta.generateName() != null
        && !meta.generateName().isEmpty()) {
      meta = meta.withName(Names.generate(meta.generateName(), random));
    }
    meta = meta.asCreated(null, null, null).toBuilder().generation(null).build();
    KubeObject object = typed(kind, sent).withMetadata(meta).with("status", null);
    object = kind.withDefaults(object);
    return new Admitted(object, validate(kind, object));
  }

  /** The stored form of a created object: uid, creation time, generation, first status. */
  public static KubeObject stamp(StoredKind kind, KubeObject prepared, String uid, Instant at) {
    ObjectMeta meta =
        prepared.metadata().asCreated(uid, at.truncatedTo(ChronoUnit.SECONDS), null).toBuilder()
            .generation(kind.countsGeneration() ? 1L : null)
            .build();
    KubeObject created = prepared.withMetadata(meta);
    return created.with("status", kind.initialStatus(created));
  }

  /**
   * {@code sent} as an update of {@code current}: labels, annotations, owners and finalizers and
   * every field but status from {@code sent}; identity, stamps and status kept; generation counted.
   */
  public static Admitted prepareUpdate(StoredKind kind, KubeObject current, KubeObject sent) {
    ObjectMeta sentMeta = sent.metadata();
    ObjectMeta meta =
        current.metadata().toBuilder()
            .labels(sentMeta.labels())
            .annotations(sentMeta.annotations())
            .ownerReferences(sentMeta.ownerReferences())
            .finalizers(sentMeta.finalizers())
            .managedFields(sentMeta.managedFields())
            .build();
    ObjectNode json = typed(kind, sent).copyOfJson();
    json.remove("status");
    JsonNode status = current.field("status");
    if (!status.isMissingNode()) {
      json.set("status", status.deepCopy());
    }
    KubeObject updated =
        kind.withDefaults(kind.carryOver(current, KubeObject.of(json).withMetadata(meta)));
    if (kind.countsGeneration()
        && !Json.canonical(desired(current)).equals(Json.canonical(desired(updated)))) {
      long generation =
          current.metadata().generation() == null ? 0 : current.metadata().generation();
      updated =
          updated.withMetadata(updated.metadata().toBuilder().generation(generation + 1).build());
    }
    List<FieldError> errors = new ArrayList<>(validate(kind, updated));
    errors.addAll(kind.validateUpdate(current, updated));
    if (current.isTerminating()) {
      newFinalizers(current, updated).ifPresent(errors::add);
    }
    return new Admitted(updated, List.copyOf(errors));
  }

  /**
   * Kubernetes refuses finalizers added to an object that is being deleted: they could hold it
   * forever.
   */
  private static java.util.Optional<FieldError> newFinalizers(
      KubeObject current, KubeObject updated) {
    List<String> before =
        current.metadata().finalizers() == null ? List.of() : current.metadata().finalizers();
    List<String> added = new ArrayList<>();
    if (updated.metadata().finalizers() != null) {
      for (String finalizer : updated.metadata().finalizers()) {
        if (!before.contains(finalizer)) {
          added.add(finalizer);
        }
      }
    }
    if (added.isEmpty()) {
      return java.util.Optional.empty();
    }
    String found =
        added.stream()
            .map(f -> "\"" + f + "\"")
            .collect(java.util.stream.Collectors.joining(", ", "[]string{", "}"));
    return java.util.Optional.of(
        FieldError.forbidden(
            "metadata.finalizers",
            "no new finalizers can be added if the object is being deleted, found new finalizers "
                + found));
  }

  /** {@code sent}'s status on {@code current}; everything else stays as it is. */
  public static Admitted prepareStatusUpdate(StoredKind kind, KubeObject current, KubeObject sent) {
    KubeObject updated = current.with("status", sent.field("status"));
    return new Admitted(updated, List.copyOf(kind.validate(updated)));
  }

  /** Whether storing {@code updated} would change anything. */
  public static boolean changes(KubeObject current, KubeObject updated) {
    return !current.equals(updated);
  }

  /** The user's intent: every top-level field but metadata, status and the type fields. */
  static ObjectNode desired(KubeObject object) {
    ObjectNode desired = object.copyOfJson();
    for (String field : List.of("metadata", "status", "kind", "apiVersion")) {
      desired.remove(field);
    }
    return desired;
  }

  private static List<FieldError> validate(StoredKind kind, KubeObject object) {
    List<FieldError> errors =
        new ArrayList<>(
            ObjectValidation.validateMetadata(object.metadata(), kind.namesAreLabels()));
    errors.addAll(kind.validate(object));
    return List.copyOf(errors);
  }

  /** {@code object} with its kind's {@code kind} and {@code apiVersion}, placed first. */
  private static KubeObject typed(StoredKind kind, KubeObject object) {
    return object.withTypeMeta(kind.type().groupVersion(), kind.type().kind());
  }
}
