package dev.troupe.actors.object;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.model.KubeObject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The controller of a kind whose objects reconcile themselves: its entity runs one reconciliation
 * after every change it persists, after recovery and every {@link #resync()} while it exists, never
 * two at once. A reconciliation acts on the world (creates and deletes pods …) and answers the
 * status to record, which the entity persists only when it differs.
 */
public interface Reconciler {

  /** One step toward what {@code object} wants; the status it observed, if it has one. */
  CompletionStage<Optional<JsonNode>> reconcile(KubeObject object);

  /** How often an unchanged object is reconciled again (level-based: lost signals only delay). */
  default Duration resync() {
    return Duration.ofSeconds(2);
  }
}
