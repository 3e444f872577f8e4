package dev.troupe.http;

import dev.troupe.actors.object.StoredObjects;
import dev.troupe.actors.pod.Pods;
import dev.troupe.config.TroupeSettings;
import dev.troupe.core.api.ResourceType;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.http.discovery.DiscoveryRoutes;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** The Kubernetes-compatible HTTP API, plus health, readiness and version. */
public final class ApiServer extends ApiDirectives {

  /** The Kubernetes version Troupe answers to; kubectl picks its own version from it. */
  public static final String KUBERNETES_MINOR = "32";

  private final ActorSystem<?> system;
  private final Pods pods;
  private final PodRoutes podRoutes;
  private final PodLogRoutes podLogs;
  private final Map<String, ObjectRoutes> objectRoutes = new LinkedHashMap<>();
  private final DiscoveryRoutes discovery = new DiscoveryRoutes();
  private final String troupeVersion;

  public ApiServer(
      ActorSystem<?> system,
      Pods pods,
      List<StoredObjects> stored,
      TroupeSettings.ApiSettings settings,
      String troupeVersion) {
    this(system, pods, stored, settings, troupeVersion, Clock.systemUTC());
  }

  /**
   * The API over {@code pods} and the kinds in {@code stored}, which must include namespaces: every
   * create in a namespace is checked against them.
   */
  public ApiServer(
      ActorSystem<?> system,
      Pods pods,
      List<StoredObjects> stored,
      TroupeSettings.ApiSettings settings,
      String troupeVersion,
      Clock clock) {
    super(settings);
    this.system = system;
    this.pods = pods;
    StoredObjects namespaces =
        stored.stream()
            .filter(s -> s.kind().type().equals(ResourceTypes.NAMESPACES))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("namespaces must be stored"));
    NamespaceCheck check = new NamespaceCheck(namespaces);
    this.podRoutes = new PodRoutes(pods, check, system, clock);
    this.podLogs = new PodLogRoutes(pods, system, clock, settings.requestTimeout());
    for (StoredObjects objects : stored) {
      ResourceType type = objects.kind().type();
      objectRoutes.put(
          routeKey(type.group(), type.plural()), new ObjectRoutes(objects, check, system, clock));
    }
    this.troupeVersion = troupeVersion;
  }

  private static String routeKey(String group, String plural) {
    return group + "/" + plural;
  }

  /** Binds the API on the configured loopback address and port. */
  public CompletionStage<ServerBinding> bind() {
    return Http.get(system).newServerAt(settings.host(), settings.port()).bind(routes());
  }

  public Route routes() {
    return handleExceptions(
        exceptions(),
        () ->
            handleRejections(
                rejections(),
                () ->
                    concat(
                        path("healthz", () -> get(() -> complete(plain(StatusCodes.OK, "ok")))),
                        path("livez", () -> get(() -> complete(plain(StatusCodes.OK, "ok")))),
                        path("readyz", () -> get(this::readiness)),
                        path("version", () -> get(() -> complete(Replies.ok(version())))),
                        discovery.routes(),
                        pathPrefix("api", () -> pathPrefix("v1", () -> groupVersion(""))),
                        pathPrefix(
                            "apis",
                            () ->
                                pathPrefix(
                                    PathMatchers.segment(),
                                    group ->
                                        pathPrefix(
                                            PathMatchers.segment(),
                                            version ->
                                                version.equals("v1")
                                                    ? groupVersion(group)
                                                    : reject()))))));
  }

  /**
   * The resources of one group at v1: {@code namespaces/{ns}/{plural}/…} for namespaced kinds,
   * {@code {plural}/…} for cluster-scoped kinds and for lists across all namespaces.
   */
  private Route groupVersion(String group) {
    return concat(
        pathPrefix(
            "namespaces",
            () ->
                pathPrefix(
                    PathMatchers.segment(),
                    ns ->
                        concat(
                            group.isEmpty() ? namespaceItself(ns) : reject(),
                            pathPrefix(
                                PathMatchers.segment(),
                                plural -> namespacedResource(group, plural, ns))))),
        pathPrefix(PathMatchers.segment(), plural -> topLevelResource(group, plural)));
  }

  /** {@code /api/v1/namespaces/{name}} and its subresources, before the resources inside it. */
  private Route namespaceItself(String name) {
    ObjectRoutes namespaces = objectRoutes.get(routeKey("", "namespaces"));
    return concat(
        pathEndOrSingleSlash(() -> object(namespaces, null, name)),
        path("status", () -> subresource(namespaces, null, name, true)),
        path("finalize", () -> put(() -> replace(namespaces, null, name, false))));
  }

  private Route namespacedResource(String group, String plural, String namespace) {
    if (group.isEmpty() && plural.equals("pods")) {
      return pods(namespace);
    }
    ObjectRoutes routes = objectRoutes.get(routeKey(group, plural));
    if (routes == null || !routes.type().namespaced()) {
      return reject();
    }
    return resource(routes, namespace);
  }

  private Route topLevelResource(String group, String plural) {
    if (group.isEmpty() && plural.equals("pods")) {
      return pathEndOrSingleSlash(() -> get(() -> read(null, podRoutes::list)));
    }
    ObjectRoutes routes = objectRoutes.get(routeKey(group, plural));
    if (routes == null) {
      return reject();
    }
    if (routes.type().namespaced()) {
      return pathEndOrSingleSlash(
          () -> get(() -> read(null, routes.selectableFields(), routes::list)));
    }
    return resource(routes, null);
  }

  /** The collection and the objects of one kind in one namespace (null: cluster-scoped). */
  private Route resource(ObjectRoutes routes, String namespace) {
    String kind = routes.type().kind().toLowerCase(java.util.Locale.ROOT);
    return concat(
        pathEndOrSingleSlash(
            () ->
                concat(
                    get(() -> read(namespace, routes.selectableFields(), routes::list)),
                    post(
                        () ->
                            dryRun(
                                dryRun ->
                                    write(
                                        "create " + kind,
                                        (body, cause) ->
                                            routes.create(namespace, body, dryRun, cause)))),
                    delete(
                        () ->
                            withReadRequest(
                                namespace,
                                routes.selectableFields(),
                                selection ->
                                    parameterOptional(
                                        "gracePeriodSeconds",
                                        grace ->
                                            dryRun(
                                                dryRun ->
                                                    write(
                                                        "delete " + routes.type().plural(),
                                                        (body, cause) ->
                                                            routes.deleteCollection(
                                                                selection,
                                                                body,
                                                                grace.map(Long::parseLong),
                                                                dryRun,
                                                                cause)))))))),
        pathPrefix(
            PathMatchers.segment(),
            name ->
                concat(
                    pathEndOrSingleSlash(() -> object(routes, namespace, name)),
                    path("status", () -> subresource(routes, namespace, name, true)),
                    routes
                        .scale()
                        .map(scale -> path("scale", () -> scale(scale, namespace, name)))
                        .orElseGet(() -> reject()))));
  }

  /** One object: GET, PUT, PATCH and DELETE. */
  private Route object(ObjectRoutes routes, String namespace, String name) {
    String kind = routes.type().kind().toLowerCase(java.util.Locale.ROOT);
    return concat(
        get(
            () ->
                read(
                    namespace,
                    routes.selectableFields(),
                    read -> routes.get(namespace, name, read))),
        put(() -> replace(routes, namespace, name, false)),
        patch(() -> patch(routes, namespace, name, false)),
        delete(
            () ->
                parameterOptional(
                    "gracePeriodSeconds",
                    grace ->
                        dryRun(
                            dryRun ->
                                write(
                                    "delete " + kind,
                                    (body, cause) ->
                                        routes.delete(
                                            namespace,
                                            name,
                                            body,
                                            grace.map(Long::parseLong),
                                            dryRun,
                                            cause))))));
  }

  /** {@code /status}: the object, whose status alone a PUT or PATCH changes. */
  private Route subresource(ObjectRoutes routes, String namespace, String name, boolean status) {
    return concat(
        get(
            () ->
                read(
                    namespace,
                    routes.selectableFields(),
                    read -> routes.get(namespace, name, read))),
        put(() -> replace(routes, namespace, name, status)),
        patch(() -> patch(routes, namespace, name, status)));
  }

  private Route replace(ObjectRoutes routes, String namespace, String name, boolean status) {
    return dryRun(
        dryRun ->
            write(
                "replace " + routes.type().kind().toLowerCase(java.util.Locale.ROOT),
                (body, cause) -> routes.replace(namespace, name, body, status, dryRun, cause)));
  }

  private Route patch(ObjectRoutes routes, String namespace, String name, boolean status) {
    return dryRun(
        dryRun ->
            write(
                "patch " + routes.type().kind().toLowerCase(java.util.Locale.ROOT),
                (body, cause) -> routes.patch(namespace, name, body, status, dryRun, cause)));
  }

  /** {@code /scale}: an autoscaling/v1 Scale of the object's replicas. */
  private Route scale(ScaleRoutes scale, String namespace, String name) {
    return concat(
        get(() -> onResponse(scale.get(namespace, name))),
        put(
            () ->
                dryRun(
                    dryRun ->
                        write(
                            "scale",
                            (body, cause) ->
                                scale.write(namespace, name, body, false, dryRun, cause)))),
        patch(
            () ->
                dryRun(
                    dryRun ->
                        write(
                            "scale",
                            (body, cause) ->
                                scale.write(namespace, name, body, true, dryRun, cause)))));
  }

  private Route pods(String namespace) {
    return concat(
        pathEndOrSingleSlash(
            () ->
                concat(
                    get(() -> read(namespace, podRoutes::list)),
                    post(() -> dryRun(dryRun -> createPod(namespace, dryRun))),
                    delete(() -> deletePods(namespace)))),
        pathPrefix(PathMatchers.segment(), name -> pod(namespace, name)));
  }

  /** deletecollection: every pod the selectors select, each deleted as a DELETE would. */
  private Route deletePods(String namespace) {
    return withReadRequest(
        namespace,
        ReadRequest.Fields.PODS,
        selection ->
            parameterOptional(
                "gracePeriodSeconds",
                grace ->
                    dryRun(
                        dryRun ->
                            write(
                                "delete pods",
                                (body, cause) ->
                                    podRoutes.deleteCollection(
                                        selection,
                                        body.bytes(),
                                        body.mediaType(),
                                        grace.map(Long::parseLong),
                                        dryRun,
                                        cause)))));
  }

  private Route createPod(String namespace, boolean dryRun) {
    return write(
        "create pod",
        (body, cause) ->
            podRoutes.create(
                namespace, body.bytes(), body.mediaType(), body.validation(), dryRun, cause));
  }

  private Route pod(String namespace, String name) {
    return concat(
        pathEndOrSingleSlash(() -> podItself(namespace, name, false)),
        path("status", () -> podItself(namespace, name, true)),
        path(
            "log",
            () ->
                get(
                    () ->
                        parameterMap(query -> onResponse(podLogs.read(namespace, name, query))))));
  }

  /** One pod, or with {@code status} its {@code /status} subresource (no DELETE there). */
  private Route podItself(String namespace, String name, boolean status) {
    return concat(
        get(() -> read(namespace, read -> podRoutes.get(namespace, name, read))),
        patch(
            () ->
                dryRun(
                    dryRun ->
                        write(
                            "patch pod",
                            (body, cause) ->
                                podRoutes.patch(namespace, name, body, status, dryRun, cause)))),
        put(
            () ->
                dryRun(
                    dryRun ->
                        write(
                            "replace pod",
                            (body, cause) ->
                                podRoutes.replace(
                                    namespace,
                                    name,
                                    body.bytes(),
                                    body.mediaType(),
                                    body.validation(),
                                    status,
                                    dryRun,
                                    cause)))),
        status
            ? reject()
            : delete(
                () ->
                    parameterOptional(
                        "gracePeriodSeconds",
                        grace ->
                            dryRun(
                                dryRun ->
                                    write(
                                        "delete pod",
                                        (body, cause) ->
                                            podRoutes.delete(
                                                namespace,
                                                name,
                                                body.bytes(),
                                                body.mediaType(),
                                                grace.map(Long::parseLong),
                                                dryRun,
                                                cause))))));
  }

  private Route readiness() {
    CompletionStage<Boolean> indexes = pods.isIndexReady();
    for (ObjectRoutes routes : objectRoutes.values()) {
      indexes = indexes.thenCombine(routes.isIndexReady(), Boolean::logicalAnd);
    }
    return onComplete(
        indexes,
        ready -> {
          if (ready.isSuccess() && Boolean.TRUE.equals(ready.get())) {
            return complete("ok");
          }
          return complete(
              HttpResponse.create()
                  .withStatus(StatusCodes.SERVICE_UNAVAILABLE)
                  .withEntity("not ready: the indexes are loading"));
        });
  }

  private Map<String, Object> version() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("major", "1");
    v.put("minor", KUBERNETES_MINOR);
    v.put("gitVersion", "v1." + KUBERNETES_MINOR + ".0+troupe-" + troupeVersion);
    v.put("gitCommit", "");
    v.put("gitTreeState", "clean");
    v.put("buildDate", "1970-01-01T00:00:00Z");
    v.put("goVersion", "java" + Runtime.version().feature());
    v.put("compiler", "javac");
    v.put(
        "platform",
        System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + "/" + arch());
    return v;
  }

  private static String arch() {
    String arch = System.getProperty("os.arch");
    return arch.equals("x86_64") || arch.equals("amd64") ? "amd64" : arch;
  }

  /** Plain text, whatever the client accepts: health probes send all sorts of Accept headers. */
  private static HttpResponse plain(StatusCode code, String text) {
    return HttpResponse.create().withStatus(code).withEntity(ContentTypes.TEXT_PLAIN_UTF8, text);
  }
}
