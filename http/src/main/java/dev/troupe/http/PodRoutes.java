package dev.troupe.http;

import dev.troupe.actors.pod.PodEntity;
import dev.troupe.actors.pod.Pods;
import dev.troupe.core.events.Cause;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import dev.troupe.core.pod.PodAdmission;
import dev.troupe.core.printing.PodPrinter;
import dev.troupe.core.printing.Tables;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/** The pod resource: create, get, list and delete, as core/v1 serves them. */
final class PodRoutes {

  private static final String RESOURCE = "pods";

  private static final PodPrinter PRINTER = new PodPrinter();

  private final Pods pods;
  private final ActorSystem<?> system;
  private final Clock clock;
  private final RandomGenerator random = new SecureRandom();

  PodRoutes(Pods pods, ActorSystem<?> system, Clock clock) {
    this.pods = pods;
    this.system = system;
    this.clock = clock;
  }

  CompletionStage<HttpResponse> create(
      String namespace, byte[] body, String mediaType, boolean dryRun, Cause cause) {
    Bodies.Decoded<Pod> decoded = Bodies.decode(body, mediaType, Pod.class, Pod.KIND);
    if (decoded.error() != null) {
      return done(Replies.status(decoded.error()));
    }
    Pod sent = decoded.value();
    if (sent.apiVersion() != null
        && !sent.apiVersion().isEmpty()
        && !sent.apiVersion().equals(Pod.API_VERSION)) {
      return done(
          Replies.status(
              ApiErrors.badRequest(
                  "the API version in the data (%s) does not match the expected API version (v1)"
                      .formatted(sent.apiVersion()))));
    }
    if (sent.kind() != null && !sent.kind().isEmpty() && !sent.kind().equals(Pod.KIND)) {
      return done(
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
      return done(
          Replies.status(
              ApiErrors.badRequest(
                  "the namespace of the provided object does not match the namespace sent on the"
                      + " request")));
    }
    PodAdmission.Admitted admitted = PodAdmission.prepare(sent, namespace, random);
    if (!admitted.isValid()) {
      return done(
          Replies.status(ApiErrors.invalid(Pod.KIND, admitted.pod().name(), admitted.errors())));
    }
    if (dryRun) {
      return pods.get(namespace, admitted.pod().name())
          .thenApply(
              existing ->
                  existing.outcome() == PodEntity.Outcome.OK
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
                  case NOT_FOUND ->
                      Replies.status(ApiErrors.notFound(RESOURCE, admitted.pod().name()));
                });
  }

  CompletionStage<HttpResponse> get(String namespace, String name, ReadRequest read) {
    return pods.get(namespace, name)
        .thenApply(
            reply -> {
              if (reply.outcome() != PodEntity.Outcome.OK || !read.table()) {
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
    return pods.list(read.selection())
        .thenApply(
            listing -> {
              String version = Long.toString(listing.resourceVersion());
              List<Pod> items = listing.items().stream().map(Pod::withTypeMeta).toList();
              if (read.table()) {
                return Replies.table(
                    Tables.of(items, PRINTER, read.include(), version, clock.instant()));
              }
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("kind", "PodList");
              body.put("apiVersion", "v1");
              body.put("metadata", Map.of("resourceVersion", version));
              body.put("items", items);
              return Replies.ok(body);
            });
  }

  private CompletionStage<HttpResponse> watch(ReadRequest read) {
    var stream = WatchStream.open(system);
    return pods.watch(read.selection(), read.resourceVersion(), read.bookmarks(), stream.first())
        .thenApply(
            started -> {
              if (!started.started()) {
                WatchStream.close(stream.first());
                return Replies.status(
                    ApiErrors.expired(read.resourceVersion(), started.oldestResourceVersion()));
              }
              return Replies.stream(
                  read.table(),
                  WatchStream.body(stream.second(), read.timeout(), read.table(), clock));
            });
  }

  CompletionStage<HttpResponse> delete(
      String namespace,
      String name,
      byte[] body,
      String mediaType,
      Optional<Long> graceParam,
      boolean dryRunParam,
      Cause cause) {
    Long grace = graceParam.orElse(null);
    boolean dryRun = dryRunParam;
    if (body.length > 0) {
      Bodies.Decoded<DeleteOptions> options =
          Bodies.decode(body, mediaType, DeleteOptions.class, "DeleteOptions");
      if (options.error() != null) {
        return done(Replies.status(options.error()));
      }
      if (options.value().gracePeriodSeconds() != null) {
        grace = options.value().gracePeriodSeconds();
      }
      List<String> dryRunOption = options.value().dryRun();
      if (dryRunOption != null && !dryRunOption.isEmpty()) {
        if (!dryRunOption.equals(List.of("All"))) {
          return done(Replies.status(ApiErrors.badRequest(unsupportedDryRun(dryRunOption))));
        }
        dryRun = true;
      }
    }
    if (grace != null && grace < 0) {
      grace = 0L;
    }
    if (dryRun) {
      Long dryRunGrace = grace;
      return pods.get(namespace, name)
          .thenApply(
              reply -> {
                if (reply.outcome() != PodEntity.Outcome.OK || reply.pod().isTerminating()) {
                  return objectOrNotFound(reply, name);
                }
                Pod pod = reply.pod();
                long g =
                    dryRunGrace != null ? dryRunGrace : pod.spec().terminationGracePeriodSeconds();
                return Replies.ok(
                    pod.withMetadata(pod.metadata().withDeletion(clock.instant(), g))
                        .withTypeMeta());
              });
    }
    return pods.delete(namespace, name, grace, cause)
        .thenApply(reply -> objectOrNotFound(reply, name));
  }

  /** {@code dryRun} accepts only {@code All}, as in Kubernetes. */
  static String unsupportedDryRun(Object value) {
    return "dryRun: Unsupported value: %s: supported values: \"All\"".formatted(value);
  }

  private static HttpResponse objectOrNotFound(PodEntity.Reply reply, String name) {
    if (reply.outcome() == PodEntity.Outcome.OK) {
      return Replies.ok(reply.pod().withTypeMeta());
    }
    return Replies.status(ApiErrors.notFound(RESOURCE, name));
  }

  private static CompletionStage<HttpResponse> done(HttpResponse response) {
    return CompletableFuture.completedFuture(response);
  }
}
