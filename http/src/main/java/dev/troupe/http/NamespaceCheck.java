package dev.troupe.http;

import dev.troupe.actors.object.StoredObjects;
import dev.troupe.core.api.ResourceType;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.model.Status;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Whether an object may be created in a namespace, as the API server's NamespaceLifecycle admission
 * decides: the namespace must exist and not be terminating. Asked of this member's namespace index,
 * which includes every namespace this member has acknowledged.
 */
final class NamespaceCheck {

  private final StoredObjects namespaces;

  NamespaceCheck(StoredObjects namespaces) {
    this.namespaces = namespaces;
  }

  /** Why an object of {@code type} named {@code name} may not be created, if it may not. */
  CompletionStage<Optional<Status>> refusal(ResourceType type, String namespace, String name) {
    if (!type.namespaced() || namespace == null) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return namespaces
        .lookup(null, namespace)
        .thenApply(
            found -> {
              if (found.isEmpty()) {
                return Optional.of(ApiErrors.notFound(ResourceTypes.NAMESPACES, namespace));
              }
              if (found.get().isTerminating()) {
                return Optional.of(ApiErrors.namespaceTerminating(type, name, namespace));
              }
              return Optional.empty();
            });
  }
}
