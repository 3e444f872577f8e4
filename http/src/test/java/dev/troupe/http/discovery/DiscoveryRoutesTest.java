package dev.troupe.http.discovery;

import static dev.troupe.http.discovery.DiscoveryTestServer.JSON_OR_ANYTHING;
import static dev.troupe.http.discovery.DiscoveryTestServer.KUBECTL_DISCOVERY_ACCEPT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.http.discovery.DiscoveryTestServer.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Discovery over real HTTP, aggregated and legacy, as kubectl and fabric8 ask for it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscoveryRoutesTest {

  private static final String AGGREGATED_TYPE =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
  private static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  private final DiscoveryTestServer server = DiscoveryTestServer.start();

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  // --- Aggregated --------------------------------------------------------------------------------

  @Test
  void aggregatedApiAnswersKubectlWithExactlyTheDiscoveryContentType() {
    Reply reply = server.get("/api?timeout=32s", KUBECTL_DISCOVERY_ACCEPT);

    assertThat(reply.code()).isEqualTo(200);
    // kubectl sees no resources at all if this header is plain application/json.
    assertThat(reply.contentType()).isEqualTo(AGGREGATED_TYPE);
    JsonNode list = reply.json();
    assertThat(list.path("kind").asText()).isEqualTo("APIGroupDiscoveryList");
    assertThat(list.path("apiVersion").asText()).isEqualTo("apidiscovery.k8s.io/v2");
    assertThat(list.path("items")).hasSize(1);
    JsonNode core = list.path("items").get(0);
    assertThat(core.path("metadata").isObject()).isTrue();
    assertThat(core.path("metadata")).isEmpty();
    assertThat(core.path("versions")).hasSize(1);
    assertThat(core.path("versions").get(0).path("version").asText()).isEqualTo("v1");
    assertThat(core.path("versions").get(0).path("freshness").asText()).isEqualTo("Current");
  }

  @Test
  void aggregatedPodsAreNamespacedWithShortNamePoInCategoryAllWithStatusAndLog() {
    JsonNode pods = aggregatedResource("/api", "pods");

    assertThat(pods.path("responseKind").toString())
        .isEqualTo("{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"}");
    assertThat(pods.path("scope").asText()).isEqualTo("Namespaced");
    assertThat(pods.path("singularResource").asText()).isEqualTo("pod");
    assertThat(texts(pods.path("shortNames"))).containsExactly("po");
    assertThat(texts(pods.path("categories"))).containsExactly("all");
    assertThat(texts(pods.path("verbs"))).containsExactlyElementsOf(ALL_VERBS);
    assertThat(pods.path("subresources").toString())
        .isEqualTo(
            "[{\"subresource\":\"status\","
                + "\"responseKind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},"
                + "\"verbs\":[\"get\",\"patch\",\"update\"]},"
                + "{\"subresource\":\"log\","
                + "\"responseKind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},"
                + "\"verbs\":[\"get\"]}]");
  }

  @Test
  void aggregatedNodesAreClusterScopedAndEmptyListsAreLeftOut() {
    JsonNode nodes = aggregatedResource("/api", "nodes");
    JsonNode events = aggregatedResource("/api", "events");

    assertThat(nodes.path("scope").asText()).isEqualTo("Cluster");
    assertThat(aggregatedResource("/api", "namespaces").path("scope").asText())
        .isEqualTo("Cluster");
    assertThat(nodes.has("categories")).isFalse();
    assertThat(events.has("subresources")).isFalse();
    assertThat(texts(events.path("shortNames"))).containsExactly("ev");
  }

  @Test
  void aggregatedApisListsAppsWhoseDeploymentsScaleAnswersAutoscalingV1Scale() {
    Reply reply = server.get("/apis?timeout=32s", KUBECTL_DISCOVERY_ACCEPT);

    assertThat(reply.contentType()).isEqualTo(AGGREGATED_TYPE);
    JsonNode items = reply.json().path("items");
    assertThat(items).hasSize(2);
    assertThat(items.get(0).path("metadata").toString()).isEqualTo("{\"name\":\"apps\"}");
    assertThat(items.get(1).path("metadata").toString())
        .isEqualTo("{\"name\":\"discovery.k8s.io\"}");
    JsonNode deployments = aggregatedResource("/apis", "deployments");
    assertThat(texts(deployments.path("shortNames"))).containsExactly("deploy");
    assertThat(texts(deployments.path("categories"))).containsExactly("all");
    assertThat(deployments.path("subresources").get(0).toString())
        .isEqualTo(
            "{\"subresource\":\"scale\","
                + "\"responseKind\":{\"group\":\"autoscaling\",\"version\":\"v1\",\"kind\":\"Scale\"},"
                + "\"verbs\":[\"get\",\"patch\",\"update\"]}");
    assertThat(texts(aggregatedResource("/apis", "replicasets").path("shortNames")))
        .containsExactly("rs");
  }

  /** The parameters of a media range may come in any order, with spaces; q=0 refuses it. */
  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList | true",
        "application/json;as=APIGroupDiscoveryList;v=v2;g=apidiscovery.k8s.io | true",
        "application/json; g=apidiscovery.k8s.io; v=v2; as=APIGroupDiscoveryList | true",
        "text/html, application/json ;as=APIGroupDiscoveryList ;g=apidiscovery.k8s.io;v=v2 | true",
        "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList | false",
        "application/json;g=apidiscovery.k8s.io;v=v2 | false",
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0 | false",
        "application/yaml;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList | false",
        "application/json, */* | false",
      })
  void acceptsAggregatedOnlyForTheV2MediaRange(String accept, boolean aggregated) {
    assertThat(DiscoveryRoutes.acceptsAggregated(accept)).isEqualTo(aggregated);
  }

  // --- Legacy ------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {JSON_OR_ANYTHING, "application/json"})
  void legacyApiListsV1AndTheAddressTheClientUsed(String accept) {
    Reply reply = server.get("/api?timeout=32s", accept);

    assertThat(reply.code()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo("application/json");
    assertThat(reply.json().toString())
        .isEqualTo(
            "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
                + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1:%d\"}]}"
                    .formatted(server.port()));
  }

  @Test
  void legacyApisListsEachGroupWithItsPreferredVersion() {
    Reply reply = server.get("/apis", JSON_OR_ANYTHING);

    assertThat(reply.contentType()).isEqualTo("application/json");
    assertThat(reply.json().toString())
        .isEqualTo(
            "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[{\"name\":\"apps\","
                + "\"versions\":[{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}],"
                + "\"preferredVersion\":{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}},"
                + "{\"name\":\"discovery.k8s.io\",\"versions\":[{\"groupVersion\":"
                + "\"discovery.k8s.io/v1\",\"version\":\"v1\"}],\"preferredVersion\":"
                + "{\"groupVersion\":\"discovery.k8s.io/v1\",\"version\":\"v1\"}}]}");
  }

  @Test
  void legacyAppsGroupNamesItsVersions() {
    JsonNode group = server.get("/apis/apps", JSON_OR_ANYTHING).json();

    assertThat(group.path("kind").asText()).isEqualTo("APIGroup");
    assertThat(group.path("preferredVersion").path("groupVersion").asText()).isEqualTo("apps/v1");
  }

  @Test
  void coreV1ListsPodsAndTheirStatusAndLogSubresources() {
    Reply reply = server.get("/api/v1?timeout=32s", JSON_OR_ANYTHING);

    assertThat(reply.code()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo("application/json");
    JsonNode list = reply.json();
    assertThat(list.path("kind").asText()).isEqualTo("APIResourceList");
    assertThat(list.path("groupVersion").asText()).isEqualTo("v1");
    assertThat(texts(list.path("resources"), "name"))
        .containsSubsequence("pods", "pods/status", "pods/log")
        .contains("namespaces", "services", "nodes", "events", "endpoints");
    JsonNode pods = resource(list, "pods");
    assertThat(pods.path("singularName").asText()).isEqualTo("pod");
    assertThat(pods.path("namespaced").asBoolean()).isTrue();
    assertThat(pods.path("kind").asText()).isEqualTo("Pod");
    assertThat(texts(pods.path("shortNames"))).containsExactly("po");
    assertThat(texts(pods.path("categories"))).containsExactly("all");
    assertThat(resource(list, "pods/log").toString())
        .isEqualTo(
            "{\"name\":\"pods/log\",\"singularName\":\"\",\"namespaced\":true,"
                + "\"kind\":\"Pod\",\"verbs\":[\"get\"]}");
    assertThat(resource(list, "nodes").path("namespaced").asBoolean()).isFalse();
  }

  @Test
  void appsV1DeploymentsScaleIsAnAutoscalingV1ScaleAndStatusStaysInApps() {
    JsonNode list = server.get("/apis/apps/v1?timeout=32s", JSON_OR_ANYTHING).json();

    assertThat(list.path("groupVersion").asText()).isEqualTo("apps/v1");
    assertThat(resource(list, "deployments/scale").toString())
        .isEqualTo(
            "{\"name\":\"deployments/scale\",\"singularName\":\"\",\"namespaced\":true,"
                + "\"group\":\"autoscaling\",\"version\":\"v1\",\"kind\":\"Scale\","
                + "\"verbs\":[\"get\",\"patch\",\"update\"]}");
    assertThat(resource(list, "deployments/status").has("group")).isFalse();
    assertThat(texts(resource(list, "deployments").path("verbs")))
        .containsExactlyElementsOf(ALL_VERBS);
    assertThat(texts(list.path("resources"), "name"))
        .containsExactly(
            "deployments",
            "deployments/scale",
            "deployments/status",
            "replicasets",
            "replicasets/scale",
            "replicasets/status");
  }

  // --- Unknown paths -----------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"/apis/nope/v1", "/apis/nope", "/apis/apps/v2", "/api/v2"})
  void anUnknownGroupOrVersionIsANotFoundStatus(String path) {
    Reply reply = server.get(path, JSON_OR_ANYTHING);

    assertThat(reply.code()).isEqualTo(404);
    assertThat(reply.contentType()).isEqualTo("application/json");
    assertThat(reply.json().toString())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"the server could not find the requested resource\","
                + "\"reason\":\"NotFound\",\"code\":404}");
  }

  /** The resource routes own everything below a group version; these routes must let it pass. */
  @Test
  void pathsBelowAGroupVersionAreLeftToTheResourceRoutes() {
    Reply reply = server.get("/apis/apps/v1/namespaces/default/deployments", JSON_OR_ANYTHING);

    // No route matched, so Pekko's own default answer, not a Status from these routes.
    assertThat(reply.code()).isEqualTo(404);
    assertThat(reply.contentType()).startsWith("text/plain");
  }

  // --- Helpers -----------------------------------------------------------------------------------

  private JsonNode aggregatedResource(String root, String plural) {
    JsonNode items = server.get(root, KUBECTL_DISCOVERY_ACCEPT).json().path("items");
    for (JsonNode group : items) {
      for (JsonNode version : group.path("versions")) {
        for (JsonNode resource : version.path("resources")) {
          if (resource.path("resource").asText().equals(plural)) {
            return resource;
          }
        }
      }
    }
    throw new AssertionError(plural + " is not in " + root);
  }

  private static JsonNode resource(JsonNode list, String name) {
    for (JsonNode resource : list.path("resources")) {
      if (resource.path("name").asText().equals(name)) {
        return resource;
      }
    }
    throw new AssertionError(name + " is not in " + list);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.path(field).asText()));
    return texts;
  }
}
