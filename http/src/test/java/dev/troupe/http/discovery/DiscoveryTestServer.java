package dev.troupe.http.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@link DiscoveryRoutes} bound on a free loopback port in an actor system of its own, with a
 * {@code /version} answering 1.32 as the kubectl dispatcher needs, and a plain HTTP client for it.
 */
final class DiscoveryTestServer extends AllDirectives implements AutoCloseable {

  /** The Accept header kubectl 1.32 sends to {@code /api} and {@code /apis}. */
  static final String KUBECTL_DISCOVERY_ACCEPT =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
          + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
          + "application/json";

  /** What kubectl sends for legacy discovery and the OpenAPI index. */
  static final String JSON_OR_ANYTHING = "application/json, */*";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String VERSION =
      """
      {"major":"1","minor":"32","gitVersion":"v1.32.0","gitCommit":"","gitTreeState":"clean",\
      "buildDate":"1970-01-01T00:00:00Z","goVersion":"java17","compiler":"javac",\
      "platform":"linux/amd64"}""";

  private final ActorSystem<Void> system;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** An answer: status, Content-Type exactly as on the wire (empty when absent), body. */
  record Reply(int code, String contentType, String body) {
    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  private DiscoveryTestServer(Route extra)
      throws InterruptedException, ExecutionException, TimeoutException {
    system = ActorSystem.create(Behaviors.empty(), "discovery-test");
    Route route =
        concat(
            new DiscoveryRoutes().routes(),
            extra,
            path(
                "version",
                () ->
                    get(
                        () ->
                            complete(
                                HttpEntities.create(ContentTypes.APPLICATION_JSON, VERSION)))));
    try {
      port =
          Http.get(system)
              .newServerAt("127.0.0.1", 0)
              .bind(route)
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS)
              .localAddress()
              .getPort();
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      system.terminate();
      throw e;
    }
  }

  static DiscoveryTestServer start() {
    return start(Directives.reject());
  }

  /** The server with {@code extra} routes after discovery's, standing in for resource routes. */
  static DiscoveryTestServer start(Route extra) {
    try {
      return new DiscoveryTestServer(extra);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the discovery routes did not bind", e);
    }
  }

  int port() {
    return port;
  }

  /** GET {@code path} with this Accept header, or none when {@code accept} is null. */
  Reply get(String path, String accept) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .GET();
    if (accept != null) {
      request.header("Accept", accept);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("GET " + path + " interrupted", e);
    }
  }

  @Override
  public void close() throws ExecutionException, TimeoutException {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the actor system stopped", e);
    }
  }
}
