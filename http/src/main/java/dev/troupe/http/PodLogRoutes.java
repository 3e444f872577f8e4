package dev.troupe.http;

import dev.troupe.actors.Outcome;
import dev.troupe.actors.logs.ContainerLogs;
import dev.troupe.actors.pod.Pods;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.model.Pod;
import dev.troupe.core.pod.PodLogs;
import dev.troupe.core.validation.FieldError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * {@code GET /api/v1/namespaces/{ns}/pods/{name}/log}: the log of one of the pod's containers, read
 * from the node that runs it and streamed as it comes ({@code follow} until the container ends),
 * with Kubernetes' options ({@code container}, {@code previous}, {@code tailLines}, {@code
 * sinceSeconds}, {@code sinceTime}, {@code timestamps}, {@code limitBytes}) and errors.
 */
final class PodLogRoutes {

  private static final Set<String> TRUE = Set.of("true", "1", "t", "T", "TRUE", "True");
  private static final Set<String> FALSE = Set.of("false", "0", "f", "F", "FALSE", "False");

  private final Pods pods;
  private final ActorSystem<?> system;
  private final Clock clock;
  private final Duration timeout;

  PodLogRoutes(Pods pods, ActorSystem<?> system, Clock clock, Duration timeout) {
    this.pods = pods;
    this.system = system;
    this.clock = clock;
    this.timeout = timeout;
  }

  CompletionStage<HttpResponse> read(String namespace, String name, Map<String, String> query) {
    PodLogs.Options options;
    try {
      options = options(query);
    } catch (IllegalArgumentException e) {
      return done(Replies.status(ApiErrors.badRequest(e.getMessage())));
    }
    List<FieldError> errors = PodLogs.validate(options);
    if (!errors.isEmpty()) {
      return done(Replies.status(ApiErrors.invalid("PodLogOptions", name, errors)));
    }
    return pods.get(namespace, name)
        .thenCompose(
            reply -> {
              if (reply.outcome() != Outcome.OK) {
                return done(Replies.status(ApiErrors.notFound(ResourceTypes.PODS, name)));
              }
              Pod pod = reply.pod();
              PodLogs.Target target = PodLogs.target(pod, options);
              if (target.isRefused()) {
                return done(Replies.status(ApiErrors.badRequest(target.refusal())));
              }
              return fromNode(pod, target, options);
            });
  }

  private CompletionStage<HttpResponse> fromNode(
      Pod pod, PodLogs.Target target, PodLogs.Options options) {
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
            system.receptionist(),
            replyTo -> Receptionist.find(ContainerLogs.key(target.nodeName()), replyTo),
            timeout,
            system.scheduler())
        .thenCompose(
            listing -> {
              Set<ActorRef<ContainerLogs.Command>> servers =
                  listing.getServiceInstances(ContainerLogs.key(target.nodeName()));
              if (servers.isEmpty()) {
                return done(
                    Replies.status(
                        ApiErrors.unavailable(
                            "the node %s that runs pod %s is not reachable"
                                .formatted(target.nodeName(), pod.name()))));
              }
              Instant now = clock.instant();
              return AskPattern.<ContainerLogs.Command, ContainerLogs.Reply>ask(
                      servers.iterator().next(),
                      replyTo ->
                          new ContainerLogs.Read(
                              pod.uid(),
                              target.container(),
                              target.containerId(),
                              options.follow(),
                              options.tailLines(),
                              options.since(now),
                              options.timestamps(),
                              options.limitBytes(),
                              replyTo),
                      timeout,
                      system.scheduler())
                  .thenApply(PodLogRoutes::respond);
            });
  }

  private static HttpResponse respond(ContainerLogs.Reply reply) {
    if (reply instanceof ContainerLogs.Opened opened) {
      return HttpResponse.create()
          .withStatus(StatusCodes.OK)
          .withEntity(
              HttpEntities.createChunked(ContentTypes.TEXT_PLAIN_UTF8, opened.log().getSource()));
    }
    return Replies.status(ApiErrors.badRequest(((ContainerLogs.Refused) reply).message()));
  }

  /** The options as sent; a value that does not parse is an {@link IllegalArgumentException}. */
  static PodLogs.Options options(Map<String, String> query) {
    return new PodLogs.Options(
        query.get("container"),
        bool(query, "follow"),
        bool(query, "previous"),
        number(query, "tailLines"),
        number(query, "sinceSeconds"),
        time(query, "sinceTime"),
        bool(query, "timestamps"),
        number(query, "limitBytes"));
  }

  private static boolean bool(Map<String, String> query, String name) {
    String value = query.get(name);
    if (value == null || value.isEmpty()) {
      return false;
    }
    if (TRUE.contains(value)) {
      return true;
    }
    if (FALSE.contains(value)) {
      return false;
    }
    throw new IllegalArgumentException(
        "%s: Invalid value: \"%s\": not a boolean".formatted(name, value));
  }

  private static Long number(Map<String, String> query, String name) {
    String value = query.get(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "%s: Invalid value: \"%s\": not an integer".formatted(name, value), e);
    }
  }

  private static Instant time(Map<String, String> query, String name) {
    String value = query.get(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "%s: Invalid value: \"%s\": not an RFC 3339 time".formatted(name, value), e);
    }
  }

  private static CompletionStage<HttpResponse> done(HttpResponse response) {
    return CompletableFuture.completedFuture(response);
  }
}
