package dev.troupe.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.actors.Outcome;
import dev.troupe.actors.index.PodIndex;
import dev.troupe.actors.pod.PodEntity;
import dev.troupe.actors.pod.Pods;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.apply.ApplyResult;
import dev.troupe.core.apply.ServerSideApply;
import dev.troupe.core.events.Cause;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import dev.troupe.core.pod.PodAdmission;
import dev.troupe.core.pod.PodUpdates;
import dev.troupe.core.printing.PodPrinter;
import dev.troupe.core.printing.Tables;
import dev.troupe.core.validation.FieldError;
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

/** The pod resource: create, get, list and delete, as core/v1 serves them. */
final class PodRoutes {

  private static final String RESOURCE = "pods";

  private static final PodPrinter PRINTER = new PodPrinter();

  private final Pods pods;
  private final NamespaceCheck namespaces;
  private final ActorSystem<?> system;
  private final Clock clock;
  private final RandomGenerator random = new SecureRandom();

  PodRoutes(Pods pods, NamespaceCheck namespaces, ActorSystem<?> system, Clock clock) {
    this.pods = pods;
    this.namespaces = namespaces;
    this.system = system;
    this.clock = clock;
  }

  CompletionStage<HttpResponse> create(
      String namespace,
      byte[] body,
      String mediaType,
      FieldValidation validation,
      boolean dryRun,
      Cause cause) {
    Sent decoded = decodeSent(namespace, body, mediaType, validation);
    if (decoded.error() != null) {
      return done(decoded.error());
    }
    return createDecoded(namespace, decoded.pod(), dryRun, cause)
        .thenApply(response -> Replies.withWarnings(response, decoded.warnings()));
  }

  private CompletionStage<HttpResponse> createDecoded(
      String namespace, Pod sent, boolean dryRun, Cause cause) {
    PodAdmission.Admitted admitted = PodAdmission.prepare(sent, namespace, random);
    if (!admitted.isValid()) {
      return done(
          Replies.status(ApiErrors.invalid(Pod.KIND, admitted.pod().name(), admitted.errors())));
    }
    return namespaces
        .refusal(ResourceTypes.PODS, namespace, admitted.pod().name())
        .thenCompose(
            refusal ->
                refusal.isPresent()
                    ? done(Replies.status(refusal.get()))
                    : createAdmitted(namespace, admitted, dryRun, cause));
  }

  private CompletionStage<HttpResponse> createAdmitted(
      String namespace, PodAdmission.Admitted admitted, boolean dryRun, Cause cause) {
    if (dryRun) {
      return pods.get(namespace, admitted.pod().name())
          .thenApply(
              existing ->
                  existing.outcome() == Outcome.OK
                      ? Replies.status(ApiErrors.alreadyExists(RESOURCE, admitted.pod().name()))
                      : Replies.json(
                          201,
                          PodAdmission.stamp(
                                  admitted.pod(), UUID.randomUUID().toString(), clock.instant())
                              .withTypeMeta()));
    }
    return pods.create(admitted.pod(), cause)
        .thenApply(
            reply ->
                switch (reply.outcome()) {
                  case OK -> Replies.json(201, reply.pod().withTypeMeta());
                  case ALREADY_EXISTS ->
                      Replies.status(ApiErrors.alreadyExists(RESOURCE, admitted.pod().name()));
                  case NOT_FOUND, CONFLICT, INVALID ->
                      Replies.status(
                          ApiErrors.internal("unexpected answer to a create: " + reply.outcome()));
                });
  }

  /**
   * PUT: replaces what an update may change, or with {@code status} the status alone, if the pod is
   * still at the version sent.
   */
  CompletionStage<HttpResponse> replace(
      String namespace,
      String name,
      byte[] body,
      String mediaType,
      FieldValidation validation,
      boolean status,
      boolean dryRun,
      Cause cause) {
    Sent decoded = decodeSent(namespace, body, mediaType, validation);
    if (decoded.error() != null) {
      return done(decoded.error());
    }
    Pod sent = decoded.pod();
    ObjectMeta meta = sent.metadata() == null ? ObjectMeta.named(namespace, name) : sent.metadata();
    if (meta.name() != null && !meta.name().isEmpty() && !meta.name().equals(name)) {
      return done(
          Replies.status(
              ApiErrors.badRequest(
                  "the name of the object (%s) does not match the name on the URL (%s)"
                      .formatted(meta.name(), name))));
    }
    String version = meta.resourceVersion();
    if (version == null || version.isEmpty()) {
      return done(
          Replies.status(
              ApiErrors.invalid(
                  Pod.KIND,
                  name,
                  List.of(
                      new FieldError(
                          FieldError.Type.INVALID,
                          "metadata.resourceVersion",
                          "0x0",
                          "must be specified for an update")))));
    }
    Pod named = sent.withMetadata(meta.withNamespace(namespace).withName(name));
    return update(named, version, status, dryRun, cause)
        .thenApply(response -> Replies.withWarnings(response, decoded.warnings()));
  }

  /** How many times a patch is re-applied when the pod changed between read and write. */
  private static final int PATCH_ATTEMPTS = 5;

  /**
   * PATCH: applies a JSON merge, JSON or strategic merge patch to the pod as it is now and stores
   * the result as an update. Like the Kubernetes API server, a patch that does not name a resource
   * version is applied again to the newer pod when a concurrent write wins.
   */
  CompletionStage<HttpResponse> patch(
      String namespace,
      String name,
      ApiServer.Body sent,
      boolean status,
      boolean dryRun,
      Cause cause) {
    byte[] body = sent.bytes();
    String mediaType = sent.mediaType();
    FieldValidation validation = sent.validation();
    if (ApplyOptions.isApply(mediaType)) {
      return apply(namespace, name, sent, status, dryRun, cause);
    }
    Patches.ParsedBody parsed = Patches.read(mediaType, body);
    if (parsed.error() != null) {
      return done(Replies.status(parsed.error()));
    }
    return patchAttempt(
        namespace,
        name,
        parsed.kind(),
        parsed.patch(),
        validation,
        status,
        dryRun,
        cause,
        PATCH_ATTEMPTS);
  }

  private CompletionStage<HttpResponse> patchAttempt(
      String namespace,
      String name,
      Patches.Kind kind,
      com.fasterxml.jackson.databind.JsonNode patch,
      FieldValidation validation,
      boolean status,
      boolean dryRun,
      Cause cause,
      int attemptsLeft) {
    return pods.get(namespace, name)
        .thenCompose(
            current -> {
              if (current.outcome() != Outcome.OK) {
                return done(objectOrNotFound(current, name));
              }
              Patches.Patched patched = Patches.apply(kind, current.pod(), patch, validation);
              if (patched.error() != null) {
                return done(Replies.status(patched.error()));
              }
              Pod result = patched.pod();
              String sentVersion =
                  result.metadata() == null ? null : result.metadata().resourceVersion();
              String currentVersion = current.pod().metadata().resourceVersion();
              boolean precondition = sentVersion != null && !sentVersion.equals(currentVersion);
              Pod named =
                  result.withMetadata(result.metadata().withNamespace(namespace).withName(name));
              String expected = precondition ? sentVersion : currentVersion;
              return update(named, expected, status, dryRun, cause)
                  .thenCompose(
                      response ->
                          response.status().intValue() == 409 && !precondition && attemptsLeft > 1
                              ? patchAttempt(
                                  namespace,
                                  name,
                                  kind,
                                  patch,
                                  validation,
                                  status,
                                  dryRun,
                                  cause,
                                  attemptsLeft - 1)
                              : done(Replies.withWarnings(response, patched.warnings())));
            });
  }

  /**
   * Server-side apply of a pod: the configuration merged into the pod as its field manager owns it,
   * the pod created when missing, a 409 when other managers own fields it changes.
   */
  private CompletionStage<HttpResponse> apply(
      String namespace,
      String name,
      ApiServer.Body body,
      boolean status,
      boolean dryRun,
      Cause cause) {
    ApplyRequest.Read read = ApplyRequest.read(body, namespace, name, true);
    if (read.error() != null) {
      return done(Replies.status(read.error()));
    }
    ObjectNode named = read.request().config();
    ApplyOptions options = read.request().options();
    return pods.get(namespace, name)
        .thenCompose(
            current -> {
              boolean exists = current.outcome() == Outcome.OK;
              if (!exists && status) {
                return done(objectOrNotFound(current, name));
              }
              ApplyResult result =
                  ServerSideApply.apply(
                      exists ? Json.mapper().valueToTree(current.pod().withTypeMeta()) : null,
                      named,
                      Pod.KIND,
                      options.fieldManager(),
                      Pod.API_VERSION,
                      options.force(),
                      clock.instant());
              if (result instanceof ApplyResult.Conflicted conflicted) {
                return done(Replies.status(ApiErrors.applyConflicts(conflicted)));
              }
              if (result instanceof ApplyResult.Rejected rejected) {
                return done(Replies.status(ApiErrors.applyRejected(rejected)));
              }
              ApplyResult.Applied applied = (ApplyResult.Applied) result;
              Bodies.Decoded<Pod> decoded =
                  Bodies.check(applied.object(), Pod.class, Pod.KIND, body.validation());
              if (decoded.error() != null) {
                return done(Replies.status(decoded.error()));
              }
              if (!exists) {
                return createDecoded(namespace, decoded.value(), dryRun, cause)
                    .thenApply(r -> Replies.withWarnings(r, decoded.warnings()));
              }
              if (!applied.changed()) {
                return done(Replies.ok(current.pod().withTypeMeta()));
              }
              return update(
                      decoded.value(),
                      current.pod().metadata().resourceVersion(),
                      status,
                      dryRun,
                      cause)
                  .thenApply(r -> Replies.withWarnings(r, decoded.warnings()));
            });
  }

  /**
   * Stores {@code pod} as an update (with {@code status}, its status alone), or (dry run) answers
   * what would be stored.
   */
  CompletionStage<HttpResponse> update(
      Pod pod, String expectedVersion, boolean status, boolean dryRun, Cause cause) {
    if (status) {
      return updateStatus(pod, expectedVersion, dryRun, cause);
    }
    if (dryRun) {
      return pods.get(pod.namespace(), pod.name())
          .thenApply(
              current -> {
                if (current.outcome() != Outcome.OK) {
                  return objectOrNotFound(current, pod.name());
                }
                if (expectedVersion != null
                    && !expectedVersion.equals(current.pod().metadata().resourceVersion())) {
                  return Replies.status(ApiErrors.conflict(RESOURCE, pod.name()));
                }
                PodUpdates.Updated updated = PodUpdates.prepare(current.pod(), pod);
                return updated.isValid()
                    ? Replies.ok(updated.pod().withTypeMeta())
                    : Replies.status(ApiErrors.invalid(Pod.KIND, pod.name(), updated.errors()));
              });
    }
    return pods.update(pod, expectedVersion, cause)
        .thenApply(
            reply ->
                switch (reply.outcome()) {
                  case OK -> Replies.ok(reply.pod().withTypeMeta());
                  case CONFLICT -> Replies.status(ApiErrors.conflict(RESOURCE, pod.name()));
                  case INVALID ->
                      Replies.status(ApiErrors.invalid(Pod.KIND, pod.name(), reply.errors()));
                  case NOT_FOUND, ALREADY_EXISTS ->
                      Replies.status(ApiErrors.notFound(RESOURCE, pod.name()));
                });
  }

  /** The {@code /status} write: the node's view replaced by the one sent, as kubelet writes it. */
  private CompletionStage<HttpResponse> updateStatus(
      Pod pod, String expectedVersion, boolean dryRun, Cause cause) {
    if (pod.status() == null) {
      return done(
          Replies.status(
              ApiErrors.invalid(Pod.KIND, pod.name(), List.of(FieldError.required("status")))));
    }
    if (dryRun) {
      return pods.get(pod.namespace(), pod.name())
          .thenApply(
              current -> {
                if (current.outcome() != Outcome.OK) {
                  return objectOrNotFound(current, pod.name());
                }
                if (expectedVersion != null
                    && !expectedVersion.equals(current.pod().metadata().resourceVersion())) {
                  return Replies.status(ApiErrors.conflict(RESOURCE, pod.name()));
                }
                return Replies.ok(current.pod().withStatus(pod.status()).withTypeMeta());
              });
    }
    return pods.updateStatus(pod.namespace(), pod.name(), pod.status(), expectedVersion, cause)
        .thenApply(
            reply ->
                switch (reply.outcome()) {
                  case OK -> Replies.ok(reply.pod().withTypeMeta());
                  case CONFLICT -> Replies.status(ApiErrors.conflict(RESOURCE, pod.name()));
                  default -> Replies.status(ApiErrors.notFound(RESOURCE, pod.name()));
                });
  }

  /** A decoded pod body and its warnings, or the answer refusing it. */
  private record Sent(Pod pod, HttpResponse error, List<String> warnings) {
    Sent(Pod pod, HttpResponse error) {
      this(pod, error, List.of());
    }
  }

  /** Decodes a pod body and checks its kind, apiVersion and namespace against the request. */
  private static Sent decodeSent(
      String namespace, byte[] body, String mediaType, FieldValidation validation) {
    Bodies.Decoded<Pod> decoded =
        Bodies.decodeChecked(body, mediaType, Pod.class, Pod.KIND, validation);
    if (decoded.error() != null) {
      return new Sent(null, Replies.status(decoded.error()));
    }
    Pod sent = decoded.value();
    if (sent.apiVersion() != null
        && !sent.apiVersion().isEmpty()
        && !sent.apiVersion().equals(Pod.API_VERSION)) {
      return new Sent(
          null,
          Replies.status(
              ApiErrors.badRequest(
                  "the API version in the data (%s) does not match the expected API version (v1)"
                      .formatted(sent.apiVersion()))));
    }
    if (sent.kind() != null && !sent.kind().isEmpty() && !sent.kind().equals(Pod.KIND)) {
      return new Sent(
          null,
          Replies.status(
              ApiErrors.badRequest(
                  "Pod in version \"v1\" cannot be handled as a Pod: the kind in the data (%s)"
                          .formatted(sent.kind())
                      + " does not match the expected kind (Pod)")));
    }
    ObjectMeta meta = sent.metadata();
    if (meta != null
        && meta.namespace() != null
        && !meta.namespace().isEmpty()
        && !meta.namespace().equals(namespace)) {
      return new Sent(
          null,
          Replies.status(
              ApiErrors.badRequest(
                  "the namespace of the provided object does not match the namespace sent on the"
                      + " request")));
    }
    return new Sent(sent, null, decoded.warnings());
  }

  CompletionStage<HttpResponse> get(String namespace, String name, ReadRequest read) {
    return pods.get(namespace, name)
        .thenApply(
            reply -> {
              if (reply.outcome() != Outcome.OK || !read.table()) {
                return objectOrNotFound(reply, name);
              }
              return Replies.table(
                  Tables.single(
                      reply.pod().withTypeMeta(), PRINTER, read.include(), clock.instant()));
            });
  }

  /** A list, or a watch when the request asks for one. */
  CompletionStage<HttpResponse> list(ReadRequest read) {
    if (read.watch()) {
      return watch(read);
    }
    return pods.list(read.selection(), read.page())
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
              List<Pod> items = listing.items().stream().map(Pod::withTypeMeta).toList();
              if (read.table()) {
                return Replies.table(
                    Tables.of(items, PRINTER, read.include(), version, clock.instant())
                        .withContinue(next));
              }
              return podList(items, version, next);
            });
  }

  private CompletionStage<HttpResponse> watch(ReadRequest read) {
    return WatchStream.serve(
        system,
        read,
        (ActorRef<PodIndex.WatchEvent> subscriber) ->
            pods.watch(read.selection(), read.resourceVersion(), read.bookmarks(), subscriber)
                .thenApply(s -> new WatchStream.Started(s.started(), s.oldestResourceVersion())),
        event ->
            new WatchStream.Frame(
                event.type(),
                event.object() == null ? null : event.object().withTypeMeta(),
                event.resourceVersion()),
        new WatchStream.Printed<>(Pod.KIND, Pod.API_VERSION, read.table() ? PRINTER : null),
        clock);
  }

  CompletionStage<HttpResponse> delete(
      String namespace,
      String name,
      byte[] body,
      String mediaType,
      Optional<Long> graceParam,
      boolean dryRun,
      Cause cause) {
    Deletion deletion = Deletion.of(body, mediaType, graceParam, dryRun);
    if (deletion.error() != null) {
      return done(Replies.status(deletion.error()));
    }
    return deleteOne(namespace, name, deletion, cause)
        .thenApply(reply -> objectOrNotFound(reply, name));
  }

  /**
   * deletecollection: deletes every pod {@code read} selects, each as a DELETE of it would, and
   * answers the list of the pods as their deletes answered (one that went away meanwhile is left
   * out).
   */
  CompletionStage<HttpResponse> deleteCollection(
      ReadRequest read,
      byte[] body,
      String mediaType,
      Optional<Long> graceParam,
      boolean dryRun,
      Cause cause) {
    Deletion deletion = Deletion.of(body, mediaType, graceParam, dryRun);
    if (deletion.error() != null) {
      return done(Replies.status(deletion.error()));
    }
    return pods.list(read.selection())
        .thenCompose(
            listing -> {
              List<CompletableFuture<PodEntity.Reply>> replies = new ArrayList<>();
              for (Pod pod : listing.items()) {
                replies.add(
                    deleteOne(pod.namespace(), pod.name(), deletion, cause).toCompletableFuture());
              }
              return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
                  .thenApply(
                      all ->
                          podList(
                              replies.stream()
                                  .map(CompletableFuture::join)
                                  .filter(r -> r.outcome() == Outcome.OK)
                                  .map(r -> r.pod().withTypeMeta())
                                  .toList(),
                              Long.toString(listing.resourceVersion())));
            });
  }

  /** Deletes one pod, or (dry run) answers it as its delete would leave it. */
  private CompletionStage<PodEntity.Reply> deleteOne(
      String namespace, String name, Deletion deletion, Cause cause) {
    if (!deletion.dryRun()) {
      return pods.delete(namespace, name, deletion.grace(), cause);
    }
    return pods.get(namespace, name)
        .thenApply(
            reply -> {
              if (reply.outcome() != Outcome.OK || reply.pod().isTerminating()) {
                return reply;
              }
              Pod pod = reply.pod();
              long grace =
                  deletion.grace() != null
                      ? deletion.grace()
                      : pod.spec().terminationGracePeriodSeconds();
              return new PodEntity.Reply(
                  Outcome.OK,
                  pod.withMetadata(pod.metadata().withDeletion(clock.instant(), grace)));
            });
  }

  private static HttpResponse podList(List<Pod> items, String resourceVersion) {
    return podList(items, resourceVersion, null);
  }

  private static HttpResponse podList(List<Pod> items, String resourceVersion, String next) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("resourceVersion", resourceVersion);
    if (next != null) {
      metadata.put("continue", next);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", "PodList");
    body.put("apiVersion", "v1");
    body.put("metadata", metadata);
    body.put("items", items);
    return Replies.ok(body);
  }

  /** {@code dryRun} accepts only {@code All}, as in Kubernetes. */
  static String unsupportedDryRun(Object value) {
    return "dryRun: Unsupported value: %s: supported values: \"All\"".formatted(value);
  }

  private static HttpResponse objectOrNotFound(PodEntity.Reply reply, String name) {
    if (reply.outcome() == Outcome.OK) {
      return Replies.ok(reply.pod().withTypeMeta());
    }
    return Replies.status(ApiErrors.notFound(RESOURCE, name));
  }

  private static CompletionStage<HttpResponse> done(HttpResponse response) {
    return CompletableFuture.completedFuture(response);
  }
}
