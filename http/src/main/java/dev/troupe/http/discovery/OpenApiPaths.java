package dev.troupe.http.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.api.ResourceType;
import dev.troupe.core.api.ResourceType.Subresource;
import dev.troupe.http.discovery.DiscoveryDocuments.GroupVersionKind;
import java.util.List;
import java.util.Map;

/**
 * The {@code paths} of a group version's OpenAPI document: for each kind its collection, item and
 * subresource paths with one operation per served verb.
 *
 * <p>kubectl's default validation ({@code --validate=strict}) looks for a PATCH operation whose
 * {@code x-kubernetes-group-version-kind} is the object's and which takes a {@code fieldValidation}
 * query parameter; only then does it leave validation to the server.
 */
final class OpenApiPaths {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * The patch content types listed for a PATCH operation. Strategic merge is accepted by the server
   * but deliberately not listed: when it is, kubectl's client-side apply computes its patch from
   * these schemas, which carry no merge keys; it then replaces a pod's container list instead of
   * sending {@code $setElementOrder} and {@code $patch: delete}, so a removed container stays, and
   * for a kind with an open schema it warns "unable to find api field". Unlisted, kubectl computes
   * the patch from its compiled-in types, exact for every built-in kind.
   */
  private static final List<String> PATCH_TYPES =
      List.of(
          "application/apply-patch+yaml",
          "application/json-patch+json",
          "application/merge-patch+json");

  private static final List<String> LIST_PARAMETERS =
      List.of(
          "allowWatchBookmarks",
          "continue",
          "fieldSelector",
          "labelSelector",
          "limit",
          "resourceVersion",
          "timeoutSeconds",
          "watch");

  private static final List<String> LOG_PARAMETERS =
      List.of(
          "container",
          "follow",
          "limitBytes",
          "previous",
          "sinceSeconds",
          "tailLines",
          "timestamps");

  /** A query parameter's schema type and what it does. */
  private record QueryParameter(String type, String description) {}

  private static final Map<String, QueryParameter> QUERY_PARAMETERS =
      Map.ofEntries(
          Map.entry(
              "allowWatchBookmarks",
              new QueryParameter("boolean", "Asks a watch for BOOKMARK events.")),
          Map.entry("continue", new QueryParameter("string", "Continues a paged list.")),
          Map.entry(
              "fieldSelector",
              new QueryParameter("string", "Restricts the objects returned by their fields.")),
          Map.entry(
              "labelSelector",
              new QueryParameter("string", "Restricts the objects returned by their labels.")),
          Map.entry("limit", new QueryParameter("integer", "The most objects a list returns.")),
          Map.entry(
              "resourceVersion",
              new QueryParameter("string", "The version a list or watch starts from.")),
          Map.entry(
              "timeoutSeconds", new QueryParameter("integer", "How long a watch lasts at most.")),
          Map.entry("watch", new QueryParameter("boolean", "Streams changes instead of listing.")),
          Map.entry(
              "dryRun",
              new QueryParameter("string", "All: validate and answer, but store nothing.")),
          Map.entry(
              "fieldManager",
              new QueryParameter("string", "The name of the actor making the change.")),
          Map.entry(
              "fieldValidation",
              new QueryParameter(
                  "string",
                  "How the server treats unknown or duplicate fields: Ignore, Warn or Strict.")),
          Map.entry(
              "force",
              new QueryParameter("boolean", "Server-side apply takes over conflicting fields.")),
          Map.entry(
              "gracePeriodSeconds",
              new QueryParameter("integer", "Seconds before the object is deleted.")),
          Map.entry(
              "propagationPolicy",
              new QueryParameter(
                  "string",
                  "Whether and how dependents are deleted: Orphan, Background, Foreground.")),
          Map.entry("container", new QueryParameter("string", "The container to read logs of.")),
          Map.entry("follow", new QueryParameter("boolean", "Streams the log as it grows.")),
          Map.entry("limitBytes", new QueryParameter("integer", "The most bytes of log returned.")),
          Map.entry(
              "previous",
              new QueryParameter("boolean", "The log of the previous, terminated container.")),
          Map.entry("sinceSeconds", new QueryParameter("integer", "Only log lines this recent.")),
          Map.entry("tailLines", new QueryParameter("integer", "Only this many last lines.")),
          Map.entry(
              "timestamps", new QueryParameter("boolean", "Prefixes each line with its time.")));

  private OpenApiPaths() {}

  /** Adds the paths of {@code type} to {@code paths}; schemas are referred to by name. */
  static void add(ObjectNode paths, ResourceType type, String kindSchema, String listSchema) {
    String base = type.groupVersionPath();
    String collection =
        type.namespaced()
            ? base + "/namespaces/{namespace}/" + type.plural()
            : base + "/" + type.plural();
    String id = operationSuffix(type);
    GroupVersionKind gvk = new GroupVersionKind(type.group(), type.version(), type.kind());

    ObjectNode collectionItem = pathItem(paths, collection, type.namespaced(), false);
    if (type.verbs().contains("list")) {
      collectionItem.set(
          "get", operation("list" + id, "list", gvk, query(LIST_PARAMETERS), json(listSchema)));
    }
    if (type.verbs().contains("create")) {
      ObjectNode post =
          operation(
              "create" + id,
              "post",
              gvk,
              query(List.of("dryRun", "fieldManager", "fieldValidation")),
              json(kindSchema));
      post.set("requestBody", body(List.of("application/json"), kindSchema));
      collectionItem.set("post", post);
    }
    if (type.verbs().contains("deletecollection")) {
      collectionItem.set(
          "delete",
          operation(
              "deleteCollection" + id,
              "deletecollection",
              gvk,
              query(List.of("dryRun", "gracePeriodSeconds", "labelSelector", "fieldSelector")),
              json(ModelSchemas.META_PACKAGE + "Status")));
    }
    if (type.namespaced() && type.verbs().contains("list")) {
      // Kubernetes also lists a namespaced kind across every namespace: GET /api/v1/pods.
      pathItem(paths, base + "/" + type.plural(), false, false)
          .set(
              "get",
              operation(
                  "list" + id.replace("Namespaced", "") + "ForAllNamespaces",
                  "list",
                  gvk,
                  query(LIST_PARAMETERS),
                  json(listSchema)));
    }

    ObjectNode item = pathItem(paths, collection + "/{name}", type.namespaced(), true);
    addItemOperations(item, type.verbs(), id, gvk, kindSchema);
    for (Subresource sub : type.subresources()) {
      ObjectNode subItem =
          pathItem(paths, collection + "/{name}/" + sub.name(), type.namespaced(), true);
      GroupVersionKind subGvk = new GroupVersionKind(sub.group(), sub.version(), sub.kind());
      String subId = id + capitalize(sub.name());
      if (sub.name().equals("log")) {
        ObjectNode text = NODES.objectNode();
        text.putObject("200")
            .put("description", "OK")
            .putObject("content")
            .putObject("text/plain")
            .putObject("schema")
            .put("type", "string");
        subItem.set("get", operation("read" + subId, "get", subGvk, query(LOG_PARAMETERS), text));
        continue;
      }
      String subSchema =
          sub.kind().equals(type.kind())
              ? kindSchema
              : ModelSchemas.packageOf(sub.group(), sub.version()) + sub.kind();
      addItemOperations(subItem, sub.verbs(), subId, subGvk, subSchema);
    }
  }

  private static void addItemOperations(
      ObjectNode item, List<String> verbs, String id, GroupVersionKind gvk, String schema) {
    if (verbs.contains("get")) {
      item.set("get", operation("read" + id, "get", gvk, query(List.of()), json(schema)));
    }
    if (verbs.contains("update")) {
      ObjectNode put =
          operation(
              "replace" + id,
              "put",
              gvk,
              query(List.of("dryRun", "fieldManager", "fieldValidation")),
              json(schema));
      put.set("requestBody", body(List.of("application/json"), schema));
      item.set("put", put);
    }
    if (verbs.contains("patch")) {
      ObjectNode patch =
          operation(
              "patch" + id,
              "patch",
              gvk,
              query(List.of("dryRun", "fieldManager", "fieldValidation", "force")),
              json(schema));
      patch.set("requestBody", body(PATCH_TYPES, ModelSchemas.META_PACKAGE + "Patch"));
      item.set("patch", patch);
    }
    if (verbs.contains("delete")) {
      item.set(
          "delete",
          operation(
              "delete" + id,
              "delete",
              gvk,
              query(List.of("dryRun", "gracePeriodSeconds", "propagationPolicy")),
              json(schema)));
    }
  }

  /** {@code CoreV1NamespacedPod}, {@code AppsV1NamespacedDeployment}, {@code CoreV1Node}. */
  private static String operationSuffix(ResourceType type) {
    String group = type.group().isEmpty() ? "core" : type.group().split("\\.")[0];
    return capitalize(group)
        + capitalize(type.version())
        + (type.namespaced() ? "Namespaced" : "")
        + type.kind();
  }

  private static ObjectNode pathItem(
      ObjectNode paths, String path, boolean namespaced, boolean named) {
    ObjectNode item = paths.putObject(path);
    ArrayNode parameters = item.putArray("parameters");
    if (named) {
      parameters.add(pathParameter("name", "name of the object"));
    }
    if (namespaced) {
      parameters.add(pathParameter("namespace", "object name and auth scope, such as a team"));
    }
    return item;
  }

  private static ObjectNode operation(
      String operationId, String action, GroupVersionKind gvk, ArrayNode query, ObjectNode ok) {
    ObjectNode operation = NODES.objectNode();
    operation.put("operationId", operationId);
    operation.set("parameters", query);
    operation.set("responses", ok);
    operation.put("x-kubernetes-action", action);
    operation.set("x-kubernetes-group-version-kind", gvk(gvk));
    return operation;
  }

  private static ObjectNode json(String schema) {
    ObjectNode responses = NODES.objectNode();
    responses
        .putObject("200")
        .put("description", "OK")
        .putObject("content")
        .putObject("application/json")
        .set("schema", ModelSchemas.ref(schema));
    responses.putObject("401").put("description", "Unauthorized");
    return responses;
  }

  private static ObjectNode body(List<String> contentTypes, String schema) {
    ObjectNode body = NODES.objectNode();
    ObjectNode content = body.putObject("content");
    contentTypes.forEach(type -> content.putObject(type).set("schema", ModelSchemas.ref(schema)));
    body.put("required", true);
    return body;
  }

  private static ArrayNode query(List<String> names) {
    ArrayNode parameters = NODES.arrayNode();
    for (String name : names) {
      ObjectNode parameter = parameters.addObject().put("name", name).put("in", "query");
      QueryParameter known = QUERY_PARAMETERS.get(name);
      parameter.put("description", known.description());
      parameter.putObject("schema").put("type", known.type()).put("uniqueItems", true);
    }
    return parameters;
  }

  private static ObjectNode pathParameter(String name, String description) {
    ObjectNode parameter = NODES.objectNode().put("name", name).put("in", "path");
    parameter.put("description", description).put("required", true);
    parameter.putObject("schema").put("type", "string").put("uniqueItems", true);
    return parameter;
  }

  private static String capitalize(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  static ObjectNode gvk(GroupVersionKind gvk) {
    return NODES
        .objectNode()
        .put("group", gvk.group())
        .put("version", gvk.version())
        .put("kind", gvk.kind());
  }
}
