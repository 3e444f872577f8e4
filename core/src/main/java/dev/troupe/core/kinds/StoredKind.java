package dev.troupe.core.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.api.ResourceType;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.printing.TablePrinter;
import dev.troupe.core.validation.FieldError;
import java.util.List;

/**
 * What the generic storage needs to know about one kind it stores as JSON: Kubernetes' defaults,
 * validation, the status a new object starts with, how it is printed, and how it is deleted.
 * Implementations are pure. Metadata is checked and stamped generically ({@link ObjectAdmission}).
 */
public interface StoredKind {

  ResourceType type();

  /** The typed model of the kind's JSON, for schemas and unknown-field checks. */
  default Class<? extends Record> model() {
    return null;
  }

  /** The object with Kubernetes' defaults filled in everywhere but {@code status}. */
  default KubeObject withDefaults(KubeObject object) {
    return object;
  }

  /** Whether names must be DNS labels (Namespaces) rather than DNS subdomains. */
  default boolean namesAreLabels() {
    return false;
  }

  /** What is wrong with {@code object} as it would be stored, metadata aside, with field paths. */
  default List<FieldError> validate(KubeObject object) {
    return List.of();
  }

  /**
   * {@code updated} with what the server owns carried over from {@code current} when the client
   * left it out: a Service keeps its allocated cluster IPs through an update that does not name
   * them.
   */
  default KubeObject carryOver(KubeObject current, KubeObject updated) {
    return updated;
  }

  /** What is wrong with changing {@code current} into {@code updated}: immutable fields. */
  default List<FieldError> validateUpdate(KubeObject current, KubeObject updated) {
    return List.of();
  }

  /** The status a created object starts with; null for none. */
  default JsonNode initialStatus(KubeObject created) {
    return null;
  }

  /**
   * Whether {@code metadata.generation} counts changes of what the user wants (every field but
   * metadata and status), as for Deployments and ReplicaSets. Kinds without it carry no generation.
   */
  default boolean countsGeneration() {
    return false;
  }

  /** Whether a PUT to a missing object creates it (Endpoints and Events, as in Kubernetes). */
  default boolean createOnUpdate() {
    return false;
  }

  /** How the server prints this kind as a Table. */
  TablePrinter<KubeObject> printer();

  /**
   * The object once its deletion has been asked for but must wait (finalizers): a Namespace shows
   * {@code status.phase: Terminating}.
   */
  default KubeObject whenTerminating(KubeObject object) {
    return object;
  }

  /**
   * Whether something besides {@code metadata.finalizers} holds the object's deletion: a Namespace
   * waits for its {@code spec.finalizers} to empty.
   */
  default boolean deletionHeld(KubeObject object) {
    return false;
  }
}
