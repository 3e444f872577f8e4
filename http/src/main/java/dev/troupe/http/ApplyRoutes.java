package dev.troupe.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.actors.Outcome;
import dev.troupe.actors.object.StoredObjects;
import dev.troupe.core.api.ResourceType;
import dev.troupe.core.apply.ApplyResult;
import dev.troupe.core.apply.ServerSideApply;
import dev.troupe.core.events.Cause;
import dev.troupe.core.model.KubeObject;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * Server-side apply ({@code PATCH} with {@code application/apply-patch+yaml}) of a kind stored as
 * JSON: the configuration merged as its field manager owns it, stored as a create or an update of
 * the object through {@link ObjectRoutes}.
 */
final class ApplyRoutes {

  private final StoredObjects objects;
  private final ObjectBodies bodies;
  private final ResourceType type;
  private final Clock clock;
  private final ObjectRoutes routes;

  ApplyRoutes(
      StoredObjects objects,
      ObjectBodies bodies,
      ResourceType type,
      Clock clock,
      ObjectRoutes routes) {
    this.objects = objects;
    this.bodies = bodies;
    this.type = type;
    this.clock = clock;
    this.routes = routes;
  }

  /**
   * Server-side apply: the configuration sent is merged into the object as {@code
   * body.fieldManager()} owns it, creating the object when it is missing; fields other managers own
   * with other values are a 409 unless {@code force}. Re-applied when a concurrent write wins.
   */
  CompletionStage<HttpResponse> apply(
      String namespace,
      String name,
      ApiServer.Body body,
      boolean status,
      boolean dryRun,
      Cause cause) {
    ApplyRequest.Read read = ApplyRequest.read(body, namespace, name, type.namespaced());
    if (read.error() != null) {
      return done(Replies.status(read.error()));
    }
    ObjectNode named = read.request().config();
    ObjectBodies.Checked checked = bodies.checkFields(named, body.validation());
    if (checked.error() != null) {
      return done(Replies.status(checked.error()));
    }
    return applyAttempt(
            namespace,
            name,
            named,
            read.request().options(),
            status,
            dryRun,
            cause,
            ObjectRoutes.PATCH_ATTEMPTS)
        .thenApply(response -> Replies.withWarnings(response, checked.warnings()));
  }

  private CompletionStage<HttpResponse> applyAttempt(
      String namespace,
      String name,
      ObjectNode config,
      ApplyOptions options,
      boolean status,
      boolean dryRun,
      Cause cause,
      int attemptsLeft) {
    return objects
        .get(namespace, name)
        .thenCompose(
            current -> {
              boolean exists = current.outcome() == Outcome.OK;
              if (!exists && status) {
                return done(routes.notFound(name));
              }
              JsonNode live = exists ? bodies.typed(current.object()).json() : null;
              ApplyResult result =
                  ServerSideApply.apply(
                      live,
                      config,
                      type.kind(),
                      options.fieldManager(),
                      type.groupVersion(),
                      options.force(),
                      clock.instant());
              if (result instanceof ApplyResult.Conflicted conflicted) {
                return done(Replies.status(ApiErrors.applyConflicts(conflicted)));
              }
              if (result instanceof ApplyResult.Rejected rejected) {
                return done(Replies.status(ApiErrors.applyRejected(rejected)));
              }
              ApplyResult.Applied applied = (ApplyResult.Applied) result;
              Optional<KubeObject> object = ObjectBodies.asObject(applied.object());
              if (object.isEmpty()) {
                return done(
                    Replies.status(bodies.cannotHandle("the applied object is not an object")));
              }
              if (!exists) {
                return routes.createSent(namespace, object.get(), null, dryRun, cause);
              }
              if (!applied.changed()) {
                return done(Replies.ok(bodies.typed(current.object())));
              }
              String liveVersion = current.object().metadata().resourceVersion();
              return routes
                  .update(object.get(), liveVersion, status, null, dryRun, cause)
                  .thenCompose(
                      response ->
                          response.status().intValue() == 409 && attemptsLeft > 1
                              ? applyAttempt(
                                  namespace,
                                  name,
                                  config,
                                  options,
                                  status,
                                  dryRun,
                                  cause,
                                  attemptsLeft - 1)
                              : done(response));
            });
  }

  private static CompletionStage<HttpResponse> done(HttpResponse response) {
    return CompletableFuture.completedFuture(response);
  }
}
