package dev.troupe.http.discovery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.api.ResourceType;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.json.Json;
import dev.troupe.core.kinds.StoredKind;
import dev.troupe.core.kinds.StoredKinds;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.Status;
import dev.troupe.http.discovery.DiscoveryDocuments.GroupVersionKind;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI v3 documents: an index ({@code /openapi/v3}) and one document per group version
 * ({@code /openapi/v3/api/v1}, {@code /openapi/v3/apis/apps/v1}), built once and served as bytes.
 *
 * <p>Kinds with a Java model get schemas generated from it ({@link ModelSchemas}); the others (the
 * {@code Scale} of the scale subresource) get an open object schema, enough for kubectl to find
 * their GVK.
 */
public final class OpenApiDocuments {

  /** The Kubernetes version the documents describe, as in {@code /version}. */
  public static final String KUBERNETES_VERSION = "v1.32.0";

  /** The kinds whose Java model exists, and that model: pods, and every kind stored as JSON. */
  public static final Map<ResourceType, Class<? extends Record>> SERVED_MODELS = servedModels();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A document's JSON and the digest that names this version of it. */
  private record Published(byte[] json, String hash) {}

  private final Map<String, Published> documents = new LinkedHashMap<>();
  private final byte[] index;

  /** Documents for {@code types}; {@code models} maps each kind with a Java model to it. */
  public OpenApiDocuments(
      List<ResourceType> types, Map<ResourceType, Class<? extends Record>> models) {
    DiscoveryDocuments discovery = new DiscoveryDocuments(types);
    ObjectNode paths = NODES.objectNode();
    for (String group : discovery.groupNames()) {
      for (String version : discovery.versionsOf(group)) {
        String path = group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
        ObjectNode document = document(types, discovery.inGroupVersion(group, version), models);
        byte[] json = Json.writeBytes(document);
        Published published = new Published(json, sha256(json));
        documents.put(path, published);
        paths
            .putObject(path)
            .put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + published.hash());
      }
    }
    ObjectNode root = NODES.objectNode();
    root.set("paths", paths);
    this.index = Json.writeBytes(root);
  }

  private static Map<ResourceType, Class<? extends Record>> servedModels() {
    Map<ResourceType, Class<? extends Record>> models = new LinkedHashMap<>();
    models.put(ResourceTypes.PODS, Pod.class);
    for (StoredKind kind : StoredKinds.all()) {
      if (kind.model() != null) {
        models.put(kind.type(), kind.model());
      }
    }
    return Map.copyOf(models);
  }

  /** The documents of the kinds Troupe serves. */
  public static OpenApiDocuments served() {
    return new OpenApiDocuments(ResourceTypes.ALL, SERVED_MODELS);
  }

  /** {@code /openapi/v3}: each group version and the URL of its current document. */
  public byte[] indexJson() {
    return index.clone();
  }

  /** The document at {@code path} ({@code api/v1}, {@code apis/apps/v1}), if served. */
  public Optional<byte[]> documentJson(String path) {
    return Optional.ofNullable(documents.get(path)).map(p -> p.json().clone());
  }

  /**
   * The OpenAPI document of one group version's {@code kinds}; {@code types} is every served kind,
   * which decides the group a model type's schema is named in.
   */
  static ObjectNode document(
      List<ResourceType> types,
      List<ResourceType> kinds,
      Map<ResourceType, Class<? extends Record>> models) {
    ObjectNode document = NODES.objectNode();
    document.put("openapi", "3.0.0");
    document.putObject("info").put("title", "Kubernetes").put("version", KUBERNETES_VERSION);
    ObjectNode paths = document.putObject("paths");
    ObjectNode schemas = document.putObject("components").putObject("schemas");
    ModelSchemas generated = new ModelSchemas(types, schemas);
    String objectMeta = generated.add(ObjectMeta.class);
    String status = generated.add(Status.class);
    markKind((ObjectNode) schemas.get(status), new GroupVersionKind("", "v1", "Status"));
    schemas.set(ModelSchemas.META_PACKAGE + "ListMeta", listMeta());
    schemas
        .putObject(ModelSchemas.META_PACKAGE + "Patch")
        .put("type", "object")
        .put("description", "The body of a PATCH request, in the format its Content-Type names.");

    for (ResourceType type : kinds) {
      GroupVersionKind gvk = new GroupVersionKind(type.group(), type.version(), type.kind());
      Class<? extends Record> model = models.get(type);
      String kindSchema;
      if (model == null) {
        kindSchema = open(schemas, gvk, objectMeta);
      } else {
        kindSchema = generated.add(model);
        markKind((ObjectNode) schemas.get(kindSchema), gvk);
      }
      String listSchema = list(schemas, gvk, kindSchema);
      type.subresources().stream()
          .filter(s -> !s.kind().equals(type.kind()))
          .forEach(
              s ->
                  open(
                      schemas, new GroupVersionKind(s.group(), s.version(), s.kind()), objectMeta));
      OpenApiPaths.add(paths, type, kindSchema, listSchema);
    }
    return document;
  }

  /** Marks a generated schema as the schema of {@code gvk}, as kubectl explain finds kinds. */
  private static void markKind(ObjectNode schema, GroupVersionKind gvk) {
    schema.putArray("x-kubernetes-group-version-kind").add(OpenApiPaths.gvk(gvk));
  }

  private static String nameFor(GroupVersionKind gvk) {
    return ModelSchemas.packageOf(gvk.group(), gvk.version()) + gvk.kind();
  }

  /** A kind without a Java model yet: any field is accepted; the server validates. */
  private static String open(ObjectNode schemas, GroupVersionKind gvk, String objectMeta) {
    String name = nameFor(gvk);
    if (schemas.has(name)) {
      return name;
    }
    ObjectNode schema = schemas.putObject(name);
    schema.put(
        "description",
        "A " + gvk.kind() + "; Troupe publishes no field schema for it yet, the server validates.");
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    typeMeta(properties, gvk);
    ObjectNode metadata = properties.putObject("metadata");
    metadata.put("description", "Standard object's metadata.");
    metadata.putArray("allOf").add(ModelSchemas.ref(objectMeta));
    schema.put("x-kubernetes-preserve-unknown-fields", true);
    markKind(schema, gvk);
    return name;
  }

  /** {@code PodList}: the list a collection GET answers. */
  private static String list(ObjectNode schemas, GroupVersionKind gvk, String kindSchema) {
    GroupVersionKind listGvk =
        new GroupVersionKind(gvk.group(), gvk.version(), gvk.kind() + "List");
    String name = nameFor(listGvk);
    ObjectNode schema = schemas.putObject(name);
    schema.put("description", "A list of " + gvk.kind() + " objects.");
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    typeMeta(properties, listGvk);
    properties.putObject("items").put("type", "array").set("items", ModelSchemas.ref(kindSchema));
    properties.set("metadata", ModelSchemas.ref(ModelSchemas.META_PACKAGE + "ListMeta"));
    schema.putArray("required").add("items");
    markKind(schema, listGvk);
    return name;
  }

  private static void typeMeta(ObjectNode properties, GroupVersionKind gvk) {
    String apiVersion = gvk.group().isEmpty() ? gvk.version() : gvk.group() + "/" + gvk.version();
    properties
        .putObject("apiVersion")
        .put("type", "string")
        .put("description", "The versioned schema of this object, here \"" + apiVersion + "\".");
    properties
        .putObject("kind")
        .put("type", "string")
        .put(
            "description",
            "The REST resource this object represents, here \"" + gvk.kind() + "\".");
  }

  private static ObjectNode listMeta() {
    ObjectNode schema = NODES.objectNode();
    schema.put("description", "Metadata of a list: the version to watch from, and paging.");
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("resourceVersion").put("type", "string");
    properties.putObject("continue").put("type", "string");
    properties.putObject("remainingItemCount").put("type", "integer").put("format", "int64");
    return schema;
  }

  /** A stable digest of a document: clients cache a document by the URL carrying it. */
  static String sha256(byte[] json) {
    try {
      return HexFormat.of()
          .withUpperCase()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
