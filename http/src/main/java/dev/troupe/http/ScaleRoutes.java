package dev.troupe.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.actors.Outcome;
import dev.troupe.actors.object.StoredObjects;
import dev.troupe.core.events.Cause;
import dev.troupe.core.kinds.Scales;
import dev.troupe.core.model.KubeObject;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * The {@code /scale} subresource of a kind stored as JSON (Deployments, ReplicaSets): an
 * autoscaling/v1 Scale of the object's {@code spec.replicas}, read, replaced or patched, and stored
 * as an update of the object.
 */
final class ScaleRoutes {

  private final StoredObjects objects;
  private final ObjectBodies bodies;
  private final ObjectRoutes routes;

  ScaleRoutes(StoredObjects objects, ObjectBodies bodies, ObjectRoutes routes) {
    this.objects = objects;
    this.bodies = bodies;
    this.routes = routes;
  }

  /** GET: the object's Scale. */
  CompletionStage<HttpResponse> get(String namespace, String name) {
    return objects
        .get(namespace, name)
        .thenApply(
            reply ->
                reply.outcome() == Outcome.OK
                    ? Replies.ok(Scales.of(reply.object()))
                    : routes.notFound(name));
  }

  /** PUT or PATCH of {@code /scale}: the new {@code spec.replicas}, checked and stored. */
  CompletionStage<HttpResponse> write(
      String namespace,
      String name,
      ApiServer.Body body,
      boolean patch,
      boolean dryRun,
      Cause cause) {
    Patches.ParsedBody parsed = patch ? Patches.read(body.mediaType(), body.bytes()) : null;
    JsonNode sent;
    if (patch) {
      if (parsed.error() != null) {
        return done(Replies.status(parsed.error()));
      }
      sent = parsed.patch();
    } else {
      Optional<JsonNode> tree = ObjectBodies.readTree(body);
      if (tree.isEmpty()) {
        return done(Replies.status(bodies.cannotHandle("the body is not a Scale")));
      }
      sent = tree.get();
    }
    return objects
        .get(namespace, name)
        .thenCompose(
            current -> {
              if (current.outcome() != Outcome.OK) {
                return done(routes.notFound(name));
              }
              KubeObject live = current.object();
              ObjectNode scale = Scales.of(live);
              JsonNode wanted = sent;
              if (patch) {
                Patches.Applied applied = Patches.applyTo(parsed.kind(), scale, sent, "Scale");
                if (applied.error() != null) {
                  return done(Replies.status(applied.error()));
                }
                wanted = applied.result();
              }
              Scales.Requested requested = Scales.read(wanted);
              if (!requested.isValid()) {
                return done(
                    Replies.status(
                        ApiErrors.invalid("Scale.autoscaling", name, requested.errors())));
              }
              String version = patch ? null : requested.resourceVersion();
              KubeObject scaled = Scales.withReplicas(live, requested.replicas());
              return routes
                  .store(scaled, version, false, body.fieldManager(), dryRun, cause)
                  .thenApply(
                      stored ->
                          stored.error() != null
                              ? Replies.status(stored.error())
                              : Replies.ok(Scales.of(stored.object())));
            });
  }

  private static CompletionStage<HttpResponse> done(HttpResponse response) {
    return CompletableFuture.completedFuture(response);
  }
}
