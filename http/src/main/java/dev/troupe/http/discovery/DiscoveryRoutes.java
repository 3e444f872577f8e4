package dev.troupe.http.discovery;

import dev.troupe.core.api.ResourceType;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.Status;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Discovery ({@code /api}, {@code /apis} and below) and OpenAPI ({@code /openapi/v3}) over HTTP, as
 * kubectl 1.32 and fabric8 read them.
 *
 * <p>Only the exact discovery paths are handled: a deeper path such as {@code
 * /apis/apps/v1/namespaces/...} is rejected here so that the resource routes can take it.
 */
public final class DiscoveryRoutes extends AllDirectives {

  /** The media type of aggregated discovery, as kubectl asks for it and checks the reply for. */
  static final String AGGREGATED =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

  /**
   * Pekko renders modelled media type parameters with a space after each semicolon ({@code
   * application/json; g=...; v=v2; ...}). kubectl 1.32 parses either form, but the Kubernetes
   * apiserver sends no spaces and a client comparing strings would miss ours; so the parameters
   * ride in the subtype, which Pekko renders verbatim.
   */
  private static final ContentType AGGREGATED_TYPE =
      ContentTypes.create(
          MediaTypes.customWithFixedCharset(
              "application",
              AGGREGATED.substring("application/".length()),
              HttpCharsets.UTF_8,
              Map.of(),
              false));

  private static final Map<String, String> AGGREGATED_PARAMETERS =
      Map.of("g", "apidiscovery.k8s.io", "v", "v2", "as", "APIGroupDiscoveryList");

  private final DiscoveryDocuments discovery;
  private final OpenApiDocuments openApi;
  private final byte[] aggregatedCore;
  private final byte[] aggregatedGroups;
  private final byte[] groups;

  /** The routes of the kinds Troupe serves. */
  public DiscoveryRoutes() {
    this(ResourceTypes.ALL, OpenApiDocuments.SERVED_MODELS);
  }

  /** The routes of {@code types}; {@code models} maps each kind with a Java model to it. */
  public DiscoveryRoutes(
      List<ResourceType> types, Map<ResourceType, Class<? extends Record>> models) {
    this.discovery = new DiscoveryDocuments(types);
    this.openApi = new OpenApiDocuments(types, models);
    // The documents never change while the server runs: serialize them once.
    this.aggregatedCore = Json.writeBytes(discovery.aggregatedCore());
    this.aggregatedGroups = Json.writeBytes(discovery.aggregatedGroups());
    this.groups = Json.writeBytes(discovery.groups());
  }

  /**
   * GET {@code /api}, {@code /api/v1}, {@code /apis}, {@code /apis/<g>[/<v>]}, {@code
   * /openapi/v3…}.
   */
  public Route routes() {
    return concat(
        pathPrefix("api", this::core),
        pathPrefix("apis", this::groups),
        pathPrefix("openapi", () -> pathPrefix("v3", this::openApi)));
  }

  /** {@code /api} and {@code /api/<version>}. */
  private Route core() {
    return concat(
        pathEndOrSingleSlash(
            () ->
                get(
                    () ->
                        extractRequest(
                            request ->
                                complete(
                                    negotiate(
                                        request,
                                        aggregatedCore,
                                        () ->
                                            jsonOf(
                                                discovery.coreVersions(
                                                    serverAddress(request)))))))),
        pathPrefix(
            PathMatchers.segment(),
            version -> pathEndOrSingleSlash(() -> get(() -> complete(resources("", version))))));
  }

  /** {@code /apis}, {@code /apis/<group>} and {@code /apis/<group>/<version>}. */
  private Route groups() {
    return concat(
        pathEndOrSingleSlash(
            () ->
                get(
                    () ->
                        extractRequest(
                            request ->
                                complete(
                                    negotiate(request, aggregatedGroups, () -> json(groups)))))),
        pathPrefix(
            PathMatchers.segment(),
            group ->
                concat(
                    pathEndOrSingleSlash(
                        () ->
                            get(
                                () ->
                                    complete(found(discovery.group(group).map(Json::writeBytes))))),
                    pathPrefix(
                        PathMatchers.segment(),
                        version ->
                            pathEndOrSingleSlash(
                                () -> get(() -> complete(resources(group, version))))))));
  }

  /** {@code /openapi/v3} and its documents; the {@code hash} and {@code timeout} are ignored. */
  private Route openApi() {
    return concat(
        pathEndOrSingleSlash(() -> get(() -> complete(json(openApi.indexJson())))),
        path(
            PathMatchers.remaining(),
            document -> get(() -> complete(found(openApi.documentJson(stripSlash(document)))))));
  }

  private HttpResponse resources(String group, String version) {
    return found(discovery.resources(group, version).map(Json::writeBytes));
  }

  /** Aggregated discovery when the client accepts it, else the legacy document. */
  private static HttpResponse negotiate(
      HttpRequest request, byte[] aggregated, Supplier<HttpResponse> legacy) {
    boolean wantsAggregated = false;
    for (HttpHeader header : request.getHeaders()) {
      if (header.is("accept") && acceptsAggregated(header.value())) {
        wantsAggregated = true;
      }
    }
    HttpResponse response =
        wantsAggregated
            ? HttpResponse.create()
                .withStatus(StatusCodes.OK)
                .withEntity(AGGREGATED_TYPE, aggregated)
            : legacy.get();
    // The same URL answers two shapes: a shared cache must key on Accept.
    return response.addHeader(RawHeader.create("Vary", "Accept"));
  }

  /**
   * Whether an Accept header names aggregated discovery v2: {@code application/json} with {@code
   * g=apidiscovery.k8s.io}, {@code v=v2} and {@code as=APIGroupDiscoveryList}, in any order, with
   * or without spaces, and not refused with {@code q=0}.
   */
  static boolean acceptsAggregated(String accept) {
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      if (!parts[0].trim().equalsIgnoreCase("application/json")) {
        continue;
      }
      Map<String, String> parameters = new HashMap<>();
      for (int i = 1; i < parts.length; i++) {
        String[] pair = parts[i].split("=", 2);
        if (pair.length == 2) {
          parameters.put(pair[0].trim().toLowerCase(Locale.ROOT), pair[1].trim().replace("\"", ""));
        }
      }
      boolean refused = parameters.getOrDefault("q", "1").matches("0(\\.0*)?");
      boolean matches =
          AGGREGATED_PARAMETERS.entrySet().stream()
              .allMatch(p -> p.getValue().equals(parameters.get(p.getKey())));
      if (matches && !refused) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code host:port} as the client addressed the server (its Host header), which is where it can
   * reach the server again.
   */
  static String serverAddress(HttpRequest request) {
    return request
        .getHeader("Host")
        .map(HttpHeader::value)
        .filter(host -> !host.isBlank())
        .orElseGet(() -> request.getUri().host().address() + ":" + request.getUri().port());
  }

  private static String stripSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static HttpResponse found(Optional<byte[]> document) {
    return document.map(DiscoveryRoutes::json).orElseGet(DiscoveryRoutes::notFound);
  }

  private static HttpResponse jsonOf(Object body) {
    return json(Json.writeBytes(body));
  }

  private static HttpResponse json(byte[] body) {
    return HttpResponse.create()
        .withStatus(StatusCodes.OK)
        .withEntity(ContentTypes.APPLICATION_JSON, body);
  }

  /** The Status every unknown path of the API answers, so kubectl prints NotFound. */
  private static HttpResponse notFound() {
    Status status =
        Status.failure(404, "NotFound", "the server could not find the requested resource", null);
    return HttpResponse.create()
        .withStatus(StatusCodes.NOT_FOUND)
        .withEntity(ContentTypes.APPLICATION_JSON, Json.writeBytes(status));
  }
}
