package dev.troupe.http.discovery;

import static dev.troupe.http.discovery.DiscoveryTestServer.JSON_OR_ANYTHING;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.api.ResourceType;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.http.discovery.DiscoveryTestServer.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OpenAPI v3 index and documents over real HTTP, as kubectl's validation and explain read them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiRoutesTest {

  private static final String REFS = "#/components/schemas/";
  private static final String CORE = REFS + "io.k8s.api.core.v1.";
  private static final String APPS = "io.k8s.api.apps.v1.";

  private final DiscoveryTestServer server = DiscoveryTestServer.start();

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  @Test
  void theIndexListsEveryGroupVersionWithUrlsThatAnswer() {
    Reply index = server.get("/openapi/v3?timeout=32s", JSON_OR_ANYTHING);

    assertThat(index.code()).isEqualTo(200);
    assertThat(index.contentType()).isEqualTo("application/json");
    JsonNode paths = index.json().path("paths");
    List<String> groupVersions = List.of("api/v1", "apis/apps/v1", "apis/discovery.k8s.io/v1");
    assertThat(fieldNames(paths)).containsExactlyElementsOf(groupVersions);
    for (String groupVersion : groupVersions) {
      String url = paths.path(groupVersion).path("serverRelativeURL").asText();
      assertThat(url).matches("/openapi/v3/" + groupVersion + "\\?hash=[0-9A-F]{64}");

      Reply document = server.get(url + "&timeout=32s", "application/json");

      assertThat(document.code()).isEqualTo(200);
      assertThat(document.contentType()).isEqualTo("application/json");
      assertThat(document.json().path("openapi").asText()).isEqualTo("3.0.0");
      assertThat(document.json().path("info").toString())
          .isEqualTo("{\"title\":\"Kubernetes\",\"version\":\"v1.32.0\"}");
      String hash = url.substring(url.indexOf("hash=") + 5);
      assertThat(OpenApiDocuments.sha256(document.body().getBytes(StandardCharsets.UTF_8)))
          .isEqualTo(hash);
    }
  }

  @Test
  void theHashIsStableAcrossBuilds() {
    assertThat(OpenApiDocuments.served().indexJson())
        .isEqualTo(OpenApiDocuments.served().indexJson());
  }

  @Test
  void theDeploymentPatchTakesFieldValidationSoKubectlLeavesValidationToTheServer() {
    JsonNode patch =
        document("apis/apps/v1")
            .path("paths")
            .path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}")
            .path("patch");

    assertThat(patch.path("x-kubernetes-group-version-kind").toString())
        .isEqualTo("{\"group\":\"apps\",\"version\":\"v1\",\"kind\":\"Deployment\"}");
    assertThat(patch.path("x-kubernetes-action").asText()).isEqualTo("patch");
    assertThat(queryParameters(patch))
        .containsExactly("dryRun", "fieldManager", "fieldValidation", "force");
    // Strategic merge unlisted: kubectl then builds apply patches from its own types, whose merge
    // keys these schemas lack (see KubectlDiscoveryTest).
    assertThat(fieldNames(patch.path("requestBody").path("content")))
        .containsExactly(
            "application/apply-patch+yaml",
            "application/json-patch+json",
            "application/merge-patch+json");
  }

  /** kubectl searches every path's patch for the object's GVK; each served kind must be found. */
  @Test
  void everyServedKindHasAPatchOperationWithItsGvkAndFieldValidation() {
    for (ResourceType type : ResourceTypes.ALL) {
      String groupVersion = type.groupVersionPath().substring(1);
      JsonNode paths = document(groupVersion).path("paths");
      String expected =
          "{\"group\":\"%s\",\"version\":\"%s\",\"kind\":\"%s\"}"
              .formatted(type.group(), type.version(), type.kind());
      List<JsonNode> matching = new ArrayList<>();
      paths.forEach(
          item -> {
            JsonNode patch = item.path("patch");
            if (patch.path("x-kubernetes-group-version-kind").toString().equals(expected)
                && queryParameters(patch).contains("fieldValidation")) {
              matching.add(patch);
            }
          });
      assertThat(matching).as(type.kind()).isNotEmpty();
    }
  }

  @Test
  void podPathsCarryTheirVerbsAndWritesTakeFieldValidation() {
    JsonNode paths = document("api/v1").path("paths");
    JsonNode item = paths.path("/api/v1/namespaces/{namespace}/pods/{name}");
    JsonNode collection = paths.path("/api/v1/namespaces/{namespace}/pods");

    assertThat(fieldNames(item)).contains("get", "put", "patch", "delete");
    assertThat(fieldNames(collection)).contains("get", "post");
    assertThat(collection.path("get").path("x-kubernetes-action").asText()).isEqualTo("list");
    assertThat(queryParameters(collection.path("post"))).contains("fieldValidation");
    assertThat(queryParameters(item.path("put"))).contains("fieldValidation");
    assertThat(item.path("get").path("responses").path("200").path("content"))
        .hasToString("{\"application/json\":{\"schema\":{\"$ref\":\"" + CORE + "Pod\"}}}");
    assertThat(paths.path("/api/v1/nodes/{name}").path("get").isObject()).isTrue();
    assertThat(paths.has("/api/v1/namespaces/{namespace}/nodes/{name}")).isFalse();
  }

  @Test
  void thePodSchemaIsGeneratedFromTheJavaModel() {
    JsonNode schemas = schemas("api/v1");
    JsonNode pod = schemas.path("io.k8s.api.core.v1.Pod");
    JsonNode podSpec = schemas.path("io.k8s.api.core.v1.PodSpec");
    JsonNode container = schemas.path("io.k8s.api.core.v1.Container");

    assertThat(pod.path("x-kubernetes-group-version-kind").toString())
        .isEqualTo("[{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"}]");
    assertThat(fieldNames(pod.path("properties")))
        .containsExactly("apiVersion", "kind", "metadata", "spec", "status");
    assertThat(pod.path("properties").path("spec").path("allOf").get(0).path("$ref").asText())
        .isEqualTo(CORE + "PodSpec");
    JsonNode containers = podSpec.path("properties").path("containers");
    assertThat(containers.path("type").asText()).isEqualTo("array");
    assertThat(containers.path("items").path("$ref").asText()).isEqualTo(CORE + "Container");
    assertThat(containers.path("description").asText())
        .isEqualTo("List of containers belonging to the pod.");
    assertThat(container.path("properties").path("name").path("type").asText()).isEqualTo("string");
    assertThat(container.path("properties").path("image").path("type").asText())
        .isEqualTo("string");
  }

  @Test
  void javaTypesMapToOpenApiTypes() {
    JsonNode schemas = schemas("api/v1");
    JsonNode port = schemas.path("io.k8s.api.core.v1.ContainerPort").path("properties");
    JsonNode meta =
        schemas.path("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta").path("properties");
    JsonNode status = schemas.path("io.k8s.api.core.v1.ContainerStatus").path("properties");

    assertThat(port.path("containerPort").toString())
        .isEqualTo("{\"type\":\"integer\",\"format\":\"int32\"}");
    assertThat(meta.path("generation").toString())
        .isEqualTo("{\"type\":\"integer\",\"format\":\"int64\"}");
    assertThat(meta.path("creationTimestamp").toString())
        .isEqualTo("{\"type\":\"string\",\"format\":\"date-time\"}");
    assertThat(meta.path("labels").path("additionalProperties").toString())
        .isEqualTo("{\"type\":\"string\"}");
    assertThat(meta.path("ownerReferences").path("items").path("$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference");
    assertThat(status.path("ready").toString()).isEqualTo("{\"type\":\"boolean\"}");
    assertThat(
            schemas
                .path("io.k8s.api.core.v1.ContainerState")
                .path("properties")
                .path("waiting")
                .path("$ref")
                .asText())
        .isEqualTo(CORE + "ContainerStateWaiting");
    assertThat(schemas.has("io.k8s.api.core.v1.ContainerStateWaiting")).isTrue();
  }

  @Test
  void everyServedKindHasASchemaGeneratedFromItsJavaModel() {
    for (ResourceType type : ResourceTypes.ALL) {
      String groupVersion = type.groupVersionPath().substring(1);
      String name = ModelSchemas.packageOf(type.group(), type.version()) + type.kind();
      JsonNode schema = schemas(groupVersion).path(name);

      assertThat(schema.path("x-kubernetes-group-version-kind").toString())
          .as(name)
          .isEqualTo(
              "[{\"group\":\"%s\",\"version\":\"%s\",\"kind\":\"%s\"}]"
                  .formatted(type.group(), type.version(), type.kind()));
      assertThat(schema.has("x-kubernetes-preserve-unknown-fields")).as(name).isFalse();
      assertThat(fieldNames(schema.path("properties")))
          .as(name)
          .startsWith("apiVersion", "kind", "metadata");
    }
  }

  @Test
  void theDeploymentSchemaNamesEachTypeInTheGroupKubernetesDefinesItIn() {
    JsonNode schemas = schemas("apis/apps/v1");
    JsonNode spec = schemas.path(APPS + "DeploymentSpec").path("properties");
    JsonNode strategy = schemas.path(APPS + "DeploymentStrategy").path("properties");
    JsonNode rollingUpdate = schemas.path(APPS + "RollingUpdateDeployment").path("properties");

    assertThat(fieldNames(spec))
        .containsExactly(
            "replicas",
            "selector",
            "template",
            "strategy",
            "minReadySeconds",
            "revisionHistoryLimit",
            "paused",
            "progressDeadlineSeconds");
    assertThat(spec.path("selector").path("allOf").get(0).path("$ref").asText())
        .isEqualTo(REFS + "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector");
    assertThat(spec.path("template").path("allOf").get(0).path("$ref").asText())
        .isEqualTo(CORE + "PodTemplateSpec");
    assertThat(strategy.path("rollingUpdate").path("allOf").get(0).path("$ref").asText())
        .isEqualTo(REFS + APPS + "RollingUpdateDeployment");
    assertThat(rollingUpdate.path("maxSurge").path("allOf").get(0).path("$ref").asText())
        .isEqualTo(REFS + ModelSchemas.INT_OR_STRING);
    assertThat(schemas.has("io.k8s.api.core.v1.PodSpec")).isTrue();
    assertThat(schemas.has("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement"))
        .isTrue();
    assertThat(schemas.has("io.k8s.api.core.v1.RollingUpdateDeployment")).isFalse();
  }

  @Test
  void theEndpointSliceSchemaNamesItsTypesInTheDiscoveryGroup() {
    String discovery = REFS + "io.k8s.api.discovery.v1.";
    JsonNode schemas = schemas("apis/discovery.k8s.io/v1");
    JsonNode slice = schemas.path("io.k8s.api.discovery.v1.EndpointSlice").path("properties");
    JsonNode endpoint = schemas.path("io.k8s.api.discovery.v1.Endpoint").path("properties");

    assertThat(slice.path("endpoints").path("items").path("$ref").asText())
        .isEqualTo(discovery + "Endpoint");
    assertThat(slice.path("ports").path("items").path("$ref").asText())
        .isEqualTo(discovery + "EndpointPort");
    assertThat(endpoint.path("conditions").path("$ref").asText())
        .isEqualTo(discovery + "EndpointConditions");
    assertThat(endpoint.path("targetRef").path("$ref").asText())
        .isEqualTo(CORE + "ObjectReference");
    assertThat(schemas.has("io.k8s.api.core.v1.EndpointPort")).isFalse();
  }

  @Test
  void theCoreKindsSchemasFollowKubernetesFieldNames() {
    JsonNode schemas = schemas("api/v1");
    JsonNode port = schemas.path("io.k8s.api.core.v1.ServicePort").path("properties");
    JsonNode kubelet = schemas.path("io.k8s.api.core.v1.DaemonEndpoint").path("properties");
    JsonNode event = schemas.path("io.k8s.api.core.v1.Event").path("properties");
    JsonNode serviceStatus = schemas.path("io.k8s.api.core.v1.ServiceStatus").path("properties");

    assertThat(port.path("targetPort").path("allOf").get(0).path("$ref").asText())
        .isEqualTo(REFS + ModelSchemas.INT_OR_STRING);
    assertThat(schemas.path(ModelSchemas.INT_OR_STRING).path("format").asText())
        .isEqualTo("int-or-string");
    assertThat(schemas.path(ModelSchemas.INT_OR_STRING).path("oneOf").toString())
        .isEqualTo("[{\"type\":\"integer\"},{\"type\":\"string\"}]");
    assertThat(port.path("port").path("format").asText()).isEqualTo("int32");
    assertThat(fieldNames(kubelet)).containsExactly("Port");
    assertThat(event.path("involvedObject").path("$ref").asText())
        .isEqualTo(CORE + "ObjectReference");
    assertThat(event.path("eventTime").path("format").asText()).isEqualTo("date-time");
    assertThat(serviceStatus.path("conditions").path("items").path("$ref").asText())
        .isEqualTo(REFS + "io.k8s.apimachinery.pkg.apis.meta.v1.Condition");
  }

  @Test
  void theScaleSubresourceHasNoJavaModelAndAcceptsAnyFieldWithItsGvk() {
    JsonNode scale = schemas("apis/apps/v1").path("io.k8s.api.autoscaling.v1.Scale");

    assertThat(scale.path("x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
    assertThat(scale.path("x-kubernetes-group-version-kind").toString())
        .isEqualTo("[{\"group\":\"autoscaling\",\"version\":\"v1\",\"kind\":\"Scale\"}]");
    assertThat(fieldNames(scale.path("properties")))
        .containsExactly("apiVersion", "kind", "metadata");
  }

  @Test
  void everyReferenceInEveryDocumentResolves() {
    for (String groupVersion : List.of("api/v1", "apis/apps/v1")) {
      JsonNode document = document(groupVersion);
      List<String> references = new ArrayList<>();
      collectReferences(document, references);

      assertThat(references).isNotEmpty();
      for (String reference : references) {
        String name = reference.substring("#/components/schemas/".length());
        assertThat(document.path("components").path("schemas").has(name))
            .as(groupVersion + " " + reference)
            .isTrue();
      }
    }
  }

  @Test
  void anUnknownDocumentIsANotFoundStatus() {
    Reply reply = server.get("/openapi/v3/apis/nope/v1?hash=X", "application/json");

    assertThat(reply.code()).isEqualTo(404);
    assertThat(reply.json().path("kind").asText()).isEqualTo("Status");
    assertThat(reply.json().path("reason").asText()).isEqualTo("NotFound");
  }

  // --- Helpers -----------------------------------------------------------------------------------

  private JsonNode document(String groupVersion) {
    Reply reply = server.get("/openapi/v3/" + groupVersion, "application/json");
    assertThat(reply.code()).as(groupVersion).isEqualTo(200);
    return reply.json();
  }

  private JsonNode schemas(String groupVersion) {
    return document(groupVersion).path("components").path("schemas");
  }

  private static List<String> queryParameters(JsonNode operation) {
    List<String> names = new ArrayList<>();
    operation
        .path("parameters")
        .forEach(
            p -> {
              if (p.path("in").asText().equals("query")) {
                names.add(p.path("name").asText());
              }
            });
    return names;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static void collectReferences(JsonNode node, List<String> references) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (field.getKey().equals("$ref")) {
          references.add(field.getValue().asText());
        } else {
          collectReferences(field.getValue(), references);
        }
      }
    } else if (node.isArray()) {
      node.forEach(child -> collectReferences(child, references));
    }
  }
}
