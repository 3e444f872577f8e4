package dev.troupe.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.actors.Outcome;
import dev.troupe.actors.index.ObjectIndex;
import dev.troupe.actors.object.ObjectEntity;
import dev.troupe.actors.object.StoredObjects;
import dev.troupe.core.api.ResourceType;
import dev.troupe.core.apply.ApplyResult;
import dev.troupe.core.apply.ServerSideApply;
import dev.troupe.core.events.Cause;
import dev.troupe.core.json.Json;
import dev.troupe.core.kinds.ObjectAdmission;
import dev.troupe.core.kinds.Scales;
import dev.troupe.core.kinds.StoredKind;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Status;
import dev.troupe.core.printing.Tables;
import dev.troupe.core.selection.FieldSelector;
import dev.troupe.core.selection.SelectableFields;
import dev.troupe.core.validation.UnknownFields;
import java.io.IOException;
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

  ObjectRoutes(
      StoredObjects objects, NamespaceCheck namespaces, ActorSystem<?> system, Clock clock) {
    this.objects = objects;
    this.kind = objects.kind();
    this.type = kind.type();
    this.namespaces = namespaces;
    this.system = system;
    this.clock = clock;
  }

  ResourceType type() {
    return type;
  }

  CompletionStage<Boolean> isIndexReady() {
    return objects.isIndexReady();
  }

  boolean hasScale() {
    return type.subresources().stream().anyMatch(s -> s.name().equals("scale"));
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
              KubeObject object = typed(reply.object());
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
                  event.object() == null ? null : typed(event.object()),
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
              List<KubeObject> items = listing.items().stream().map(this::typed).toList();
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
    Sent sent = decode(namespace, body);
    if (sent.error() != null) {
      return done(Replies.status(sent.error()));
    }
    return createSent(namespace, sent.object(), body.fieldManager(), dryRun, cause)
        .thenApply(response -> Replies.withWarnings(response, sent.warnings()));
  }

  /** Creates {@code sent}; {@code manager} (null: none) owns its fields. */
  private CompletionStage<HttpResponse> createSent(
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
                                    typed(
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
                          reply.outcome() == Outcome.OK
                              ? Replies.json(201, typed(reply.object()))
                              : Replies.status(ApiErrors.alreadyExists(type, name)));
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
    Sent sent = decode(namespace, body);
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
    KubeObject named = named(object, namespace, name);
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
  private static final int PATCH_ATTEMPTS = 5;

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
      return apply(namespace, name, body, status, dryRun, cause);
    }
    Patches.Kind patchKind = Patches.Kind.of(body.mediaType());
    if (patchKind == null) {
      return done(Replies.status(ApiErrors.unsupportedPatch(body.mediaType())));
    }
    Patches.ParsedBody parsed = Patches.parse(body.bytes());
    if (parsed.error() != null) {
      return done(Replies.status(parsed.error()));
    }
    return patchAttempt(
        namespace, name, patchKind, parsed.patch(), body, status, dryRun, cause, PATCH_ATTEMPTS);
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
              KubeObject live = typed(current.object());
              Patches.Applied applied = Patches.applyTo(patchKind, live.json(), patch, type.kind());
              if (applied.error() != null) {
                return done(Replies.status(applied.error()));
              }
              if (!applied.result().isObject()) {
                return done(Replies.status(cannotHandle("the patched object is not an object")));
              }
              Checked checked = checkFields(applied.result(), body.validation());
              if (checked.error() != null) {
                return done(Replies.status(checked.error()));
              }
              Optional<KubeObject> result = asObject(checked.tree());
              if (result.isEmpty()) {
                return done(Replies.status(cannotHandle("the patched object is not an object")));
              }
              String sentVersion = result.get().metadata().resourceVersion();
              String liveVersion = live.metadata().resourceVersion();
              boolean precondition = sentVersion != null && !sentVersion.equals(liveVersion);
              KubeObject named = named(result.get(), namespace, name);
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
  private CompletionStage<HttpResponse> update(
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
                    : Replies.ok(typed(stored.object())));
  }

  /** The object an update stored (or would store), or the error refusing it. */
  private record Stored(KubeObject object, Status error) {}

  private CompletionStage<Stored> store(
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
      return Replies.ok(typed(object));
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
                                  .map(r -> typed(r.object()))
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

  // --- Server-side apply -------------------------------------------------------------------------

  /**
   * Server-side apply: the configuration sent is merged into the object as {@code
   * body.fieldManager()} owns it, creating the object when it is missing; fields other managers own
   * with other values are a 409 unless {@code force}. Re-applied when a concurrent write wins.
   */
  private CompletionStage<HttpResponse> apply(
      String namespace,
      String name,
      ApiServer.Body body,
      boolean status,
      boolean dryRun,
      Cause cause) {
    ApplyOptions.Parsed options = ApplyOptions.parse(body.fieldManagerParameter(), body.force());
    if (options.error() != null) {
      return done(Replies.status(options.error()));
    }
    Optional<JsonNode> tree;
    try {
      // YAML, of which the JSON kubectl sends is a part.
      tree = Optional.ofNullable(Json.yamlMapper().readTree(body.bytes()));
    } catch (IOException e) {
      return done(
          Replies.status(ApiErrors.badRequest("error decoding YAML: " + Bodies.message(e))));
    }
    if (tree.isEmpty() || !tree.get().isObject()) {
      return done(
          Replies.status(ApiErrors.badRequest("error decoding YAML: the body is not an object")));
    }
    ObjectNode config = (ObjectNode) tree.get();
    String sentName = config.at("/metadata/name").asText("");
    if (!sentName.isEmpty() && !sentName.equals(name)) {
      return done(
          Replies.status(
              ApiErrors.badRequest(
                  "the name of the object (%s) does not match the name on the URL (%s)"
                      .formatted(sentName, name))));
    }
    String sentNamespace = config.at("/metadata/namespace").asText("");
    if (type.namespaced() && !sentNamespace.isEmpty() && !sentNamespace.equals(namespace)) {
      return done(
          Replies.status(
              ApiErrors.badRequest(
                  "the namespace of the provided object does not match the namespace sent on the"
                      + " request")));
    }
    Checked checked = checkFields(config, body.validation());
    if (checked.error() != null) {
      return done(Replies.status(checked.error()));
    }
    ObjectNode named = config.deepCopy();
    ObjectNode meta =
        named.get("metadata") instanceof ObjectNode m ? m : named.putObject("metadata");
    meta.put("name", name);
    if (type.namespaced()) {
      meta.put("namespace", namespace);
    }
    return applyAttempt(
            namespace, name, named, options.options(), status, dryRun, cause, PATCH_ATTEMPTS)
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
                return done(notFound(name));
              }
              JsonNode live = exists ? typed(current.object()).json() : null;
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
              Optional<KubeObject> object = asObject(applied.object());
              if (object.isEmpty()) {
                return done(Replies.status(cannotHandle("the applied object is not an object")));
              }
              if (!exists) {
                return createSent(namespace, object.get(), null, dryRun, cause);
              }
              if (!applied.changed()) {
                return done(Replies.ok(typed(current.object())));
              }
              String liveVersion = current.object().metadata().resourceVersion();
              return update(object.get(), liveVersion, status, null, dryRun, cause)
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

  // --- Scale -------------------------------------------------------------------------------------

  CompletionStage<HttpResponse> getScale(String namespace, String name) {
    return objects
        .get(namespace, name)
        .thenApply(
            reply ->
                reply.outcome() == Outcome.OK
                    ? Replies.ok(Scales.of(reply.object()))
                    : notFound(name));
  }

  /** PUT or PATCH of {@code /scale}: the new {@code spec.replicas}, checked and stored. */
  CompletionStage<HttpResponse> writeScale(
      String namespace,
      String name,
      ApiServer.Body body,
      boolean patch,
      boolean dryRun,
      Cause cause) {
    Patches.Kind patchKind = patch ? Patches.Kind.of(body.mediaType()) : null;
    if (patch && patchKind == null) {
      return done(Replies.status(ApiErrors.unsupportedPatch(body.mediaType())));
    }
    JsonNode sent;
    if (patch) {
      Patches.ParsedBody parsed = Patches.parse(body.bytes());
      if (parsed.error() != null) {
        return done(Replies.status(parsed.error()));
      }
      sent = parsed.patch();
    } else {
      Optional<JsonNode> tree = readTree(body);
      if (tree.isEmpty()) {
        return done(Replies.status(cannotHandle("the body is not a Scale")));
      }
      sent = tree.get();
    }
    return objects
        .get(namespace, name)
        .thenCompose(
            current -> {
              if (current.outcome() != Outcome.OK) {
                return done(notFound(name));
              }
              KubeObject live = current.object();
              ObjectNode scale = Scales.of(live);
              JsonNode wanted = sent;
              if (patch) {
                Patches.Applied applied = Patches.applyTo(patchKind, scale, sent, "Scale");
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
              return store(scaled, version, false, body.fieldManager(), dryRun, cause)
                  .thenApply(
                      stored ->
                          stored.error() != null
                              ? Replies.status(stored.error())
                              : Replies.ok(Scales.of(stored.object())));
            });
  }

  // --- Helpers -----------------------------------------------------------------------------------

  /** A decoded body as an object of this kind, or the error refusing it. */
  private record Sent(KubeObject object, Status error, List<String> warnings) {
    Sent(KubeObject object, Status error) {
      this(object, error, List.of());
    }
  }

  /**
   * What {@link #checkFields} found: the object as the kind's model reads it (fields it does not
   * have dropped, as Kubernetes drops them) and the warnings to send, or the error refusing it.
   */
  private record Checked(JsonNode tree, List<String> warnings, Status error) {
    static Checked refused(Status error) {
      return new Checked(null, List.of(), error);
    }
  }

  /**
   * Fields the kind's model does not have, handled as {@code validation} asks: a strict decoding
   * error, a warning each, or nothing.
   */
  private Checked checkFields(JsonNode tree, FieldValidation validation) {
    if (kind.model() == null) {
      return new Checked(tree, List.of(), null);
    }
    List<String> unknown =
        validation == FieldValidation.IGNORE ? List.of() : UnknownFields.find(tree, kind.model());
    if (validation == FieldValidation.STRICT && !unknown.isEmpty()) {
      return Checked.refused(
          ApiErrors.badRequest(
              UnknownFields.strictDecodingError(type.kind(), type.version(), unknown)));
    }
    JsonNode read;
    try {
      read =
          Json.mapper()
              .readTree(
                  Json.mapper().writeValueAsBytes(Json.mapper().treeToValue(tree, kind.model())));
    } catch (IOException | IllegalArgumentException e) {
      String why =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException j
              ? j.getOriginalMessage()
              : e.getMessage();
      return Checked.refused(cannotHandle(why));
    }
    return new Checked(read, unknown.stream().map(UnknownFields::warning).toList(), null);
  }

  private Sent decode(String namespace, ApiServer.Body body) {
    Optional<ObjectMapper> mapper = Bodies.mapperFor(body.mediaType());
    if (mapper.isEmpty()) {
      return new Sent(null, ApiErrors.unsupportedMediaType(body.mediaType()));
    }
    if (body.bytes().length == 0) {
      return new Sent(null, ApiErrors.badRequest("the request body is empty"));
    }
    JsonNode tree;
    try {
      tree = mapper.get().readTree(body.bytes());
    } catch (IOException e) {
      return new Sent(null, cannotHandle(Bodies.message(e)));
    }
    Optional<KubeObject> object = asObject(tree);
    if (object.isEmpty()) {
      return new Sent(null, cannotHandle("the body is not a JSON object with valid metadata"));
    }
    KubeObject sent = object.get();
    String apiVersion = sent.apiVersion();
    if (apiVersion != null && !apiVersion.isEmpty() && !apiVersion.equals(type.groupVersion())) {
      return new Sent(
          null,
          ApiErrors.badRequest(
              "the API version in the data (%s) does not match the expected API version (%s)"
                  .formatted(apiVersion, type.groupVersion())));
    }
    String sentKind = sent.kind();
    if (sentKind != null && !sentKind.isEmpty() && !sentKind.equals(type.kind())) {
      return new Sent(
          null,
          ApiErrors.badRequest(
              "%s in version \"%s\" cannot be handled as a %s: the kind in the data (%s) does not"
                      .formatted(type.kind(), type.version(), type.kind(), sentKind)
                  + " match the expected kind (%s)".formatted(type.kind())));
    }
    String sentNamespace = sent.namespace();
    if (type.namespaced()
        && sentNamespace != null
        && !sentNamespace.isEmpty()
        && !sentNamespace.equals(namespace)) {
      return new Sent(
          null,
          ApiErrors.badRequest(
              "the namespace of the provided object does not match the namespace sent on the"
                  + " request"));
    }
    Checked checked = checkFields(tree, body.validation());
    if (checked.error() != null) {
      return new Sent(null, checked.error());
    }
    Optional<KubeObject> read = asObject(checked.tree());
    if (read.isEmpty()) {
      return new Sent(null, cannotHandle("the body is not a JSON object with valid metadata"));
    }
    return new Sent(read.get(), null, checked.warnings());
  }

  private static Optional<KubeObject> asObject(JsonNode tree) {
    if (tree == null || !tree.isObject()) {
      return Optional.empty();
    }
    JsonNode meta = tree.get("metadata");
    if (meta != null && !meta.isObject() && !meta.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(KubeObject.of((ObjectNode) tree));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<JsonNode> readTree(ApiServer.Body body) {
    Optional<ObjectMapper> mapper = Bodies.mapperFor(body.mediaType());
    if (mapper.isEmpty() || body.bytes().length == 0) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(mapper.get().readTree(body.bytes()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Status cannotHandle(String why) {
    return ApiErrors.badRequest(
        "%s in version \"%s\" cannot be handled as a %s: %s"
            .formatted(type.kind(), type.version(), type.kind(), why));
  }

  private KubeObject named(KubeObject object, String namespace, String name) {
    return object.withMetadata(
        object.metadata().withNamespace(type.namespaced() ? namespace : null).withName(name));
  }

  private KubeObject typed(KubeObject object) {
    return object.withTypeMeta(type.groupVersion(), type.kind());
  }

  private HttpResponse notFound(String name) {
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
