package dev.troupe.actors.object;

import dev.troupe.core.model.KubeObject;
import dev.troupe.core.validation.FieldError;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What an object of a kind needs from the cluster before it is created, beyond its kind's pure
 * defaults and checks: a Service its cluster IP and node ports. Runs in the facade, before the
 * entity is asked.
 */
@FunctionalInterface
public interface CreateAdmission {

  /** Nothing to add. */
  CreateAdmission NONE =
      object -> CompletableFuture.completedFuture(new Admitted(object, List.of()));

  /** The object to create, completed, or why it cannot be created (each error naming its field). */
  CompletionStage<Admitted> admit(KubeObject object);

  /** What admission answered. */
  record Admitted(KubeObject object, List<FieldError> errors) {}
}
