package dev.troupe.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.actors.Outcome;
import dev.troupe.actors.index.ObjectIndex;
import dev.troupe.actors.object.ObjectEntity;
import dev.troupe.actors.object.StoredObjects;
import dev.troupe.core.api.ResourceType;
import dev.troupe.core.events.Cause;
import dev.troupe.core.kinds.ObjectAdmission;
import dev.troupe.core.kinds.StoredKind;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Status;
import dev.troupe.core.printing.Tables;
import dev.troupe.core.selection.FieldSelector;
import dev.troupe.core.selection.SelectableFields;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * Any kind stored as JSON (services, endpoints, nodes, events, namespaces, deployments,
 * replicasets): every verb, {@code /status}, and {@code /scale} where the kind has it, with the
 * semantics of the Kubernetes API server's generic registry. One instance per kind.
 */
final class ObjectRoutes {

  private final StoredObjects objects;
  private final StoredKind kind;
  private final ResourceType type;
  private final NamespaceCheck namespaces;
  private final ActorSystem<?> system;
  private final Clock clock;
  private final RandomGenerator random = new SecureRandom();
  private final ObjectBodies bodies;
  private final ApplyRoutes apply;

  ObjectRoutes(
      StoredObjects objects, NamespaceCheck namespaces, ActorSystem<?> system, Clock clock) {
    this.objects = objects;
    this.kind = objects.kind();
    this.bodies = new ObjectBodies(kind);
    this.type = kind.type();
    this.namespaces = namespaces;
    this.system = system;
    this.clock = clock;
    this.apply = new ApplyRoutes(objects, bodies, type, clock, this);
  }

  ResourceType type() {
    return type;
  }

  CompletionStage<Boolean> isIndexReady() {
    return objects.isIndexReady();
  }

  /** The {@code /scale} subresource of this kind, if it has one. */
  Optional<ScaleRoutes> scale() {
    return type.subresources().stream().anyMatch(s -> s.name().equals("scale"))
        ? Optional.of(new ScaleRoutes(objects, bodies, this))
        : Optional.empty();
  }

  /** What a field selector may name for this kind, and how an unknown one is worded. */
  ReadRequest.Fields selectableFields() {
    return new ReadRequest.Fields(
        SelectableFields.supported(type.kind()),
        SelectableFields.hasOwnFields(type.kind())
            ? FieldSelector::notSupportedMessage
            : FieldSelector::notKnownMessage);
  }

  // --- Reading -----------------------------------------------------------------------------------

  CompletionStage<HttpResponse> get(String namespace, String name, ReadRequest read) {
    return objects
        .get(namespace, name)
        .thenApply(
            reply -> {
              if (reply.outcome() != Outcome.OK) {
                return notFound(name);
              }
              KubeObject object = bodies.typed(reply.object());
              if (!read.table()) {
                return Replies.ok(object);
              }
              return Replies.table(
                  Tables.single(object, kind.printer(), read.include(), clock.instant()));
            });
  }

  /** A list, or a watch when the request asks for one. */
  CompletionStage<HttpResponse> list(ReadRequest read) {
    if (read.watch()) {
      return WatchStream.serve(
          system,
          read,
          (ActorRef<ObjectIndex.WatchEvent> subscriber) ->
              objects
                  .watch(read.selection(), read.resourceVersion(), read.bookmarks(), subscriber)
                  .thenApply(s -> new WatchStream.Started(s.started(), s.oldestResourceVersion())),
          event ->
              new WatchStream.Frame(
                  event.type(),
                  event.object() == null ? null : bodies.typed(event.object()),
                  event.resourceVersion()),
          new WatchStream.Printed<>(
              type.kind(), type.groupVersion(), read.table() ? kind.printer() : null),
          clock);
    }
    return objects
        .list(read.selection(), read.page())
        .thenApply(
            listing -> {
              if (listing.expired()) {
                return Replies.status(ApiErrors.continueExpired());
              }
              String version = Long.toString(listing.resourceVersion());
              String next =
                  listing.continueAfter() == null
                      ? null
                      : ContinueTokens.encode(listing.resourceVersion(), listing.continueAfter());
              List<KubeObject> items = listing.items().stream().map(bodies::typed).toList();
              if (read.table()) {
                return Replies.table(
                    Tables.of(items, kind.printer(), read.include(), version, clock.instant())
                        .withContinue(next));
              }
              return objectList(items, version, next);
            });
  }

  // --- Writing -----------------------------------------------------------------------------------

  CompletionStage<HttpResponse> create(
      String namespace, ApiServer.Body body, boolean dryRun, Cause cause) {
    ObjectBodies.Sent sent = bodies.decode(namespace, body);
    if (sent.error() != null) {
      return done(Replies.status(sent.error()));
    }
    return createSent(namespace, sent.object(), body.fieldManager(), dryRun, cause)
        .thenApply(response -> Replies.withWarnings(response, sent.warnings()));
  }

  /** Creates {@code sent}; {@code manager} (null: none) owns its fields. */
  CompletionStage<HttpResponse> createSent(
      String namespace, KubeObject sent, String manager, boolean dryRun, Cause cause) {
    ObjectAdmission.Admitted admitted =
        ObjectAdmission.prepareCreate(kind, sent, namespace, random);
    String name = admitted.object().name();
    if (!admitted.isValid()) {
      return done(Replies.status(ApiErrors.invalid(type, name, admitted.errors())));
    }
    return namespaces
        .refusal(type, namespace, name)
        .thenCompose(
            refusal -> {
              if (refusal.isPresent()) {
                return done(Replies.status(refusal.get()));
              }
              if (dryRun) {
                return objects
                    .get(namespace, name)
                    .thenApply(
                        existing ->
                            existing.outcome() == Outcome.OK
                                ? Replies.status(ApiErrors.alreadyExists(type, name))
                                : Replies.json(
                                    201,
                                    bodies.typed(
                                        ObjectAdmission.stamp(
                                            kind,
                                            admitted.object(),
                                            UUID.randomUUID().toString(),
                                            clock.instant()))));
              }
              return objects
                  .create(admitted.object(), manager, cause)
                  .thenApply(
                      reply ->
                          switch (reply.outcome()) {
                            case OK -> Replies.json(201, bodies.typed(reply.object()));
                            case INVALID ->
                                Replies.status(ApiErrors.invalid(type, name, reply.errors()));
                            default -> Replies.status(ApiErrors.alreadyExists(type, name));
                          });
            });
  }

  /** PUT of the object, or with {@code status} of its status only. */
  CompletionStage<HttpResponse> replace(
      String namespace,
      String name,
      ApiServer.Body body,
      boolean status,
      boolean dryRun,
      Cause cause) {
    ObjectBodies.Sent sent = bodies.decode(namespace, body);
    if (sent.error() != null) {
      return done(Replies.status(sent.error()));
    }
    KubeObject object = sent.object();
    String sentName = object.name();
    if (sentName != null && !sentName.isEmpty() && !sentName.equals(name)) {
      return done(
          Replies.status(
              ApiErrors.badRequest(
                  "the name of the object (%s) does not match the name on the URL (%s)"
                      .formatted(sentName, name))));
    }
    KubeObject named = bodies.named(object, namespace, name);
    String version = named.metadata().resourceVersion();
    String expected = version == null || version.isEmpty() ? null : version;
    if (!status && kind.createOnUpdate()) {
      return objects
          .get(namespace, name)
          .thenCompose(
              current ->
                  current.outcome() == Outcome.NOT_FOUND
                      ? createSent(namespace, named, body.fieldManager(), dryRun, cause)
                      : update(named, expected, false, body.fieldManager(), dryRun, cause))
          .thenApply(response -> Replies.withWarnings(response, sent.warnings()));
    }
    return update(named, expected, status, body.fieldManager(), dryRun, cause)
        .thenApply(response -> Replies.withWarnings(response, sent.warnings()));
  }

  /** How many times a patch is re-applied when the object changed between read and write. */
  static final int PATCH_ATTEMPTS = 5;

  /**
   * PATCH of the object, or with {@code status} of its status: applied to the object as it is now
   * and stored as an update, re-applied when a concurrent write wins unless the patch names a
   * version.
   */
  CompletionStage<HttpResponse> patch(
      String namespace,
      String name,
      ApiServer.Body body,
      boolean status,
      boolean dryRun,
      Cause cause) {
    if (ApplyOptions.isApply(body.mediaType())) {
      return apply.apply(namespace, name, body, status, dryRun, cause);
    }
    Patches.ParsedBody parsed = Patches.read(body.mediaType(), body.bytes());
    if (parsed.error() != null) {
      return done(Replies.status(parsed.error()));
    }
    return patchAttempt(
        namespace,
        name,
        parsed.kind(),
        parsed.patch(),
        body,
        status,
        dryRun,
        cause,
        PATCH_ATTEMPTS);
  }

  private CompletionStage<HttpResponse> patchAttempt(
      String namespace,
      String name,
      Patches.Kind patchKind,
      JsonNode patch,
      ApiServer.Body body,
      boolean status,
      boolean dryRun,
      Cause cause,
      int attemptsLeft) {
    return objects
        .get(namespace, name)
        .thenCompose(
            current -> {
              if (current.outcome() != Outcome.OK) {
                return done(notFound(name));
              }
              KubeObject live = bodies.typed(current.object());
              Patches.Applied applied = Patches.applyTo(patchKind, live.json(), patch, type.kind());
              if (applied.error() != null) {
                return done(Replies.status(applied.error()));
              }
              if (!applied.result().isObject()) {
                return done(
                    Replies.status(bodies.cannotHandle("the patched object is not an object")));
              }
              ObjectBodies.Checked checked =
                  bodies.checkFields(applied.result(), body.validation());
              if (checked.error() != null) {
                return done(Replies.status(checked.error()));
              }
              Optional<KubeObject> result = ObjectBodies.asObject(checked.tree());
              if (result.isEmpty()) {
                return done(
                    Replies.status(bodies.cannotHandle("the patched object is not an object")));
              }
              String sentVersion = result.get().metadata().resourceVersion();
              String liveVersion = live.metadata().resourceVersion();
              boolean precondition = sentVersion != null && !sentVersion.equals(liveVersion);
              KubeObject named = bodies.named(result.get(), namespace, name);
              return update(
                      named,
                      precondition ? sentVersion : liveVersion,
                      status,
                      body.fieldManager(),
                      dryRun,
                      cause)
                  .thenCompose(
                      response ->
                          response.status().intValue() == 409 && !precondition && attemptsLeft > 1
                              ? patchAttempt(
                                  namespace,
                                  name,
                                  patchKind,
                                  patch,
                                  body,
                                  status,
                                  dryRun,
                                  cause,
                                  attemptsLeft - 1)
                              : done(Replies.withWarnings(response, checked.warnings())));
            });
  }

  /** Stores {@code object} as an update, or (dry run) answers what would be stored. */
  CompletionStage<HttpResponse> update(
      KubeObject object,
      String expectedVersion,
      boolean status,
      String manager,
      boolean dryRun,
      Cause cause) {
    return store(object, expectedVersion, status, manager, dryRun, cause)
        .thenApply(
            stored ->
                stored.error() != null
                    ? Replies.status(stored.error())
                    : Replies.ok(bodies.typed(stored.object())));
  }

  /** The object an update stored (or would store), or the error refusing it. */
  record Stored(KubeObject object, Status error) {}

  /**
   * Stores {@code object} as an update (with {@code status}, its status alone) if it is still at
   * {@code expectedVersion} (null: any), or (dry run) checks what would be stored.
   */
  CompletionStage<Stored> store(
      KubeObject object,
      String expectedVersion,
      boolean status,
      String manager,
      boolean dryRun,
      Cause cause) {
    String name = object.name();
    if (dryRun) {
      return objects
          .get(object.namespace(), name)
          .thenApply(
              current -> {
                if (current.outcome() != Outcome.OK) {
                  return new Stored(null, ApiErrors.notFound(type, name));
                }
                KubeObject live = current.object();
                if (expectedVersion != null
                    && !expectedVersion.equals(live.metadata().resourceVersion())) {
                  return new Stored(
                      null,
                      ApiErrors.conflict(
                          type,
                          name,
                          "the object has been modified; please apply your changes to the latest"
                              + " version and try again"));
                }
                ObjectAdmission.Admitted admitted =
                    status
                        ? ObjectAdmission.prepareStatusUpdate(kind, live, object)
                        : ObjectAdmission.prepareUpdate(kind, live, object);
                return admitted.isValid()
                    ? new Stored(admitted.object(), null)
                    : new Stored(null, ApiErrors.invalid(type, name, admitted.errors()));
              });
    }
    return objects
        .update(object, expectedVersion, status, manager, cause)
        .thenApply(
            reply ->
                switch (reply.outcome()) {
                  case OK -> new Stored(reply.object(), null);
                  case CONFLICT ->
                      new Stored(null, ApiErrors.conflict(type, name, reply.conflict()));
                  case INVALID -> new Stored(null, ApiErrors.invalid(type, name, reply.errors()));
                  case NOT_FOUND, ALREADY_EXISTS ->
                      new Stored(null, ApiErrors.notFound(type, name));
                });
  }

  CompletionStage<HttpResponse> delete(
      String namespace,
      String name,
      ApiServer.Body body,
      Optional<Long> grace,
      boolean dryRun,
      Cause cause) {
    Deletion deletion = Deletion.of(body.bytes(), body.mediaType(), grace, dryRun);
    if (deletion.error() != null) {
      return done(Replies.status(deletion.error()));
    }
    return deleteOne(namespace, name, deletion, cause)
        .thenApply(
            reply ->
                switch (reply.outcome()) {
                  case OK -> deleted(reply);
                  case CONFLICT -> Replies.status(ApiErrors.conflict(type, name, reply.conflict()));
                  default -> notFound(name);
                });
  }

  /**
   * The answer to a delete, as Kubernetes gives it: the object while it is still there
   * (terminating), a Success Status once it is gone.
   */
  private HttpResponse deleted(ObjectEntity.Reply reply) {
    KubeObject object = reply.object();
    if (!reply.removed()) {
      return Replies.ok(bodies.typed(object));
    }
    return Replies.ok(
        Status.success(
            new Status.Details(
                object.name(), type.group(), type.plural(), object.metadata().uid(), null)));
  }

  /** deletecollection: every selected object, each deleted as its own DELETE would. */
  CompletionStage<HttpResponse> deleteCollection(
      ReadRequest read, ApiServer.Body body, Optional<Long> grace, boolean dryRun, Cause cause) {
    Deletion deletion = Deletion.of(body.bytes(), body.mediaType(), grace, dryRun);
    if (deletion.error() != null) {
      return done(Replies.status(deletion.error()));
    }
    return objects
        .list(read.selection(), dev.troupe.actors.index.Page.ALL)
        .thenCompose(
            listing -> {
              List<CompletableFuture<ObjectEntity.Reply>> replies = new ArrayList<>();
              for (KubeObject object : listing.items()) {
                replies.add(
                    deleteOne(object.namespace(), object.name(), deletion, cause)
                        .toCompletableFuture());
              }
              return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
                  .thenApply(
                      all ->
                          objectList(
                              replies.stream()
                                  .map(CompletableFuture::join)
                                  .filter(r -> r.outcome() == Outcome.OK)
                                  .map(r -> bodies.typed(r.object()))
                                  .toList(),
                              Long.toString(listing.resourceVersion()),
                              null));
            });
  }

  private CompletionStage<ObjectEntity.Reply> deleteOne(
      String namespace, String name, Deletion deletion, Cause cause) {
    if (!deletion.dryRun()) {
      return objects.delete(
          namespace,
          name,
          deletion.expectedUid(),
          deletion.expectedResourceVersion(),
          deletion.propagationPolicy(),
          cause);
    }
    return objects
        .get(namespace, name)
        .thenApply(
            reply -> {
              if (reply.outcome() != Outcome.OK || reply.object().isTerminating()) {
                return reply;
              }
              KubeObject object = reply.object();
              return new ObjectEntity.Reply(
                  Outcome.OK,
                  object.withMetadata(object.metadata().withDeletion(clock.instant(), 0)),
                  null,
                  false,
                  null);
            });
  }

  // --- Helpers -----------------------------------------------------------------------------------

  HttpResponse notFound(String name) {
    return Replies.status(ApiErrors.notFound(type, name));
  }

  private HttpResponse objectList(List<KubeObject> items, String resourceVersion, String next) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("resourceVersion", resourceVersion);
    if (next != null) {
      metadata.put("continue", next);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", type.kind() + "List");
    body.put("apiVersion", type.groupVersion());
    body.put("metadata", metadata);
    body.put("items", items);
    return Replies.ok(body);
  }

  private static CompletionStage<HttpResponse> done(HttpResponse response) {
    return CompletableFuture.completedFuture(response);
  }
}
