package dev.troupe.actors.object;

import dev.troupe.core.model.KubeObject;
import dev.troupe.core.validation.FieldError;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What an object of a kind needs from the cluster when it is written, beyond its kind's pure
 * defaults and checks: a Service its cluster IP and node ports. Runs in the facade, before the
 * entity is asked to create or update (status writes aside).
 */
@FunctionalInterface
public interface ClusterAdmission {

  /** Nothing to add. */
  ClusterAdmission NONE =
      object -> CompletableFuture.completedFuture(new Admitted(object, List.of()));

  /** The object to write, completed, or why it cannot be written (each error naming its field). */
  CompletionStage<Admitted> admit(KubeObject object);

  /** What admission answered. */
  record Admitted(KubeObject object, List<FieldError> errors) {}
}
