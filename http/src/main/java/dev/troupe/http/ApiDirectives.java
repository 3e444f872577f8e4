package dev.troupe.http;

import dev.troupe.config.TroupeSettings;
import dev.troupe.core.events.Cause;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.MalformedQueryParamRejection;
import org.apache.pekko.http.javadsl.server.MethodRejection;
import org.apache.pekko.http.javadsl.server.Rejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.pattern.AskTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every request of the API goes through, whatever it asks: a read's query and Accept header
 * parsed, a write's body (size-limited, with its media type, field validation and manager) and its
 * cause for the journal, {@code dryRun}, and every failure, exception and rejection answered as a
 * Kubernetes Status.
 */
abstract class ApiDirectives extends AllDirectives {

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  final TroupeSettings.ApiSettings settings;

  ApiDirectives(TroupeSettings.ApiSettings settings) {
    this.settings = settings;
  }

  /** {@code ?dryRun=All}: validate and answer, store nothing. Any other value is refused. */
  final Route dryRun(Function<Boolean, Route> inner) {
    return parameterList(
        "dryRun",
        values -> {
          if (values.isEmpty()) {
            return inner.apply(false);
          }
          if (!values.stream().allMatch("All"::equals)) {
            return complete(
                Replies.status(ApiErrors.badRequest(PodRoutes.unsupportedDryRun(values))));
          }
          return inner.apply(true);
        });
  }

  /** A read: its query and Accept header checked, then answered by {@code handler}. */
  final Route read(String namespace, Function<ReadRequest, CompletionStage<HttpResponse>> handler) {
    return read(namespace, ReadRequest.Fields.PODS, handler);
  }

  final Route read(
      String namespace,
      ReadRequest.Fields fields,
      Function<ReadRequest, CompletionStage<HttpResponse>> handler) {
    return withReadRequest(namespace, fields, request -> onResponse(handler.apply(request)));
  }

  /** The selection and reading options of a request, or a 400 when they do not parse. */
  final Route withReadRequest(
      String namespace, ReadRequest.Fields fields, Function<ReadRequest, Route> inner) {
    return parameterMap(
        query ->
            extractRequest(
                request -> {
                  String accept =
                      request.getHeader("Accept").map(h -> h.value()).orElse("application/json");
                  ReadRequest.Parsed parsed = ReadRequest.parse(namespace, query, accept, fields);
                  if (parsed.error() != null) {
                    return complete(Replies.status(parsed.error()));
                  }
                  return inner.apply(
                      parsed
                          .request()
                          .withWebSocket(request.getAttribute(AttributeKeys.webSocketUpgrade)));
                }));
  }

  /**
   * A request body, its media type ("" when the client sent none) and what to do with fields the
   * model does not have.
   */
  record Body(
      byte[] bytes,
      String mediaType,
      FieldValidation validation,
      Optional<String> fieldManagerParameter,
      String userAgent,
      Optional<String> force) {

    /**
     * The field manager of this write: the one the client named, or, as the API server derives it,
     * the client's User-Agent up to its first slash ({@code kubectl}, {@code
     * fabric8-kubernetes-client}).
     */
    String fieldManager() {
      return fieldManagerParameter.orElseGet(() -> managerOf(userAgent));
    }
  }

  /** A write: the body (strict, size-limited) and its cause, answered by {@code handler}. */
  final Route write(String action, BiFunction<Body, Cause, CompletionStage<HttpResponse>> handler) {
    return withSizeLimit(
        settings.maxBodyBytes(),
        () ->
            extractStrictEntity(
                Duration.ofSeconds(10),
                strict -> {
                  ContentType type = strict.getContentType();
                  // Without a Content-Type header the entity says octet-stream: kubectl's PUT to
                  // /scale sends JSON that way.
                  String mediaType =
                      type.equals(ContentTypes.NO_CONTENT_TYPE)
                              || type.equals(ContentTypes.APPLICATION_OCTET_STREAM)
                          ? ""
                          : type.mediaType().toString();
                  String mediaTypeOfBody = mediaType;
                  return parameterOptional(
                      "fieldValidation",
                      directive -> {
                        var validation = FieldValidation.parse(directive.orElse(""));
                        if (validation.isEmpty()) {
                          return complete(
                              Replies.status(
                                  ApiErrors.badRequest(FieldValidation.invalid(directive.get()))));
                        }
                        return parameterOptional(
                            "fieldManager",
                            manager ->
                                parameterOptional(
                                    "force",
                                    force ->
                                        optionalHeaderValueByName(
                                            "User-Agent",
                                            agent ->
                                                withBody(
                                                    action,
                                                    new Body(
                                                        strict.getData().toArray(),
                                                        mediaTypeOfBody,
                                                        validation.get(),
                                                        manager,
                                                        agent.orElse(""),
                                                        force),
                                                    handler))));
                      });
                }));
  }

  final Route withBody(
      String action, Body body, BiFunction<Body, Cause, CompletionStage<HttpResponse>> handler) {
    return withCause(action, cause -> onResponse(handler.apply(body, cause)));
  }

  /** The User-Agent up to its first slash, at most 128 characters. */
  static String managerOf(String userAgent) {
    int slash = userAgent.indexOf('/');
    String manager = slash < 0 ? userAgent : userAgent.substring(0, slash);
    return manager.length() > 128 ? manager.substring(0, 128) : manager;
  }

  /** Who is writing and why, for the journal: the principal, the request and a reason. */
  final Route withCause(String action, Function<Cause, Route> inner) {
    return extractRequest(
        request -> {
          String trigger =
              request
                  .getHeader("Kubectl-Session")
                  .map(h -> "kubectl-session/" + h.value())
                  .orElseGet(() -> "request/" + UUID.randomUUID());
          String agent =
              request.getHeader("User-Agent").map(h -> h.value()).orElse("unknown client");
          String command = request.getHeader("Kubectl-Command").map(h -> h.value()).orElse(action);
          return inner.apply(Cause.of("system:anonymous", trigger, command + " (" + agent + ")"));
        });
  }

  final Route onResponse(CompletionStage<HttpResponse> response) {
    return onComplete(
        response,
        result -> {
          if (result.isSuccess()) {
            return complete(result.get());
          }
          return complete(failure(result.failed().get()));
        });
  }

  final HttpResponse failure(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof TimeoutException || cause instanceof AskTimeoutException) {
      return Replies.status(ApiErrors.timeout(settings.requestTimeout()));
    }
    log.error("request failed", cause);
    return Replies.status(
        ApiErrors.internal(cause.getClass().getSimpleName() + ": " + cause.getMessage()));
  }

  final ExceptionHandler exceptions() {
    return ExceptionHandler.newBuilder()
        .match(
            EntityStreamSizeException.class,
            e -> complete(Replies.status(ApiErrors.tooLarge(settings.maxBodyBytes()))))
        .match(
            NumberFormatException.class,
            e ->
                complete(Replies.status(ApiErrors.badRequest("invalid number: " + e.getMessage()))))
        .matchAny(e -> complete(failure(e)))
        .build();
  }

  /** Every rejection becomes a Status: an unknown path 404, a known path's wrong method 405. */
  final RejectionHandler rejections() {
    return RejectionHandler.newBuilder()
        .handleAll(
            MethodRejection.class, r -> complete(Replies.status(ApiErrors.methodNotAllowed())))
        .handle(
            MalformedQueryParamRejection.class,
            r ->
                complete(
                    Replies.status(
                        ApiErrors.badRequest(
                            "invalid value for query parameter %s: %s"
                                .formatted(r.parameterName(), r.errorMsg())))))
        .handle(
            Rejection.class,
            r -> complete(Replies.status(ApiErrors.badRequest("the request was refused: " + r))))
        .handleNotFound(complete(Replies.status(ApiErrors.unknownPath())))
        .build();
  }
}
