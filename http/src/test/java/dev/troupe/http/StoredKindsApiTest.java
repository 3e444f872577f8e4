package dev.troupe.http;

import static dev.troupe.http.ApiAssertions.assertStatus;
import static dev.troupe.http.ApiTestServer.freshNamespace;
import static dev.troupe.http.TestPods.podJson;
import static dev.troupe.http.TestPods.pods;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.http.ApiAssertions.ExpectedStatus;
import dev.troupe.http.ApiClient.Call;
import dev.troupe.http.ApiClient.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The kinds stored as JSON over real HTTP (see {@link ApiTestServer}): services, deployments and
 * namespaces through the generic layer — CRUD, defaults, generation, status and scale subresources,
 * preconditions, selectors, Tables, watches — and the namespace lifecycle.
 */
@ExtendWith(ApiTestServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredKindsApiTest {

  private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

  private final ApiClient api;

  StoredKindsApiTest(ApiClient api) {
    this.api = api;
  }

  private static String services(String ns) {
    return "/api/v1/namespaces/" + ns + "/services";
  }

  private static String deployments(String ns) {
    return "/apis/apps/v1/namespaces/" + ns + "/deployments";
  }

  private static String serviceJson(String name) {
    return """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s","labels":{"app":"web"}},
         "spec":{"selector":{"app":"web"},"ports":[{"port":80,"targetPort":8080}]}}
        """
        .formatted(name);
  }

  private static String deploymentJson(String name, String image) {
    return """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s"},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"%s"}},
          "template":{"metadata":{"labels":{"app":"%s"}},
           "spec":{"containers":[{"name":"web","image":"%s"}]}}}}
        """
        .formatted(name, name, name, image);
  }

  private Reply put(String path, String body) {
    return api.send(Call.put(path, body));
  }

  private Reply patch(String path, String contentType, String body) {
    return api.send(new Call("PATCH", path, contentType, body.getBytes(StandardCharsets.UTF_8)));
  }

  // --- Namespaces --------------------------------------------------------------------------------

  @Test
  void theNamespacesEveryClusterHasExistFromTheStart() {
    Reply reply = api.get("/api/v1/namespaces");

    assertThat(reply.code()).isEqualTo(200);
    assertThat(reply.json().path("kind").asText()).isEqualTo("NamespaceList");
    List<String> names = new ArrayList<>();
    reply.json().path("items").forEach(n -> names.add(n.path("metadata").path("name").asText()));
    assertThat(names).contains("default", "kube-system", "kube-public", "kube-node-lease");
    JsonNode defaultNamespace = api.get("/api/v1/namespaces/default").json();
    assertThat(defaultNamespace.at("/status/phase").asText()).isEqualTo("Active");
    assertThat(defaultNamespace.at("/spec/finalizers/0").asText()).isEqualTo("kubernetes");
  }

  @Test
  void creatingInANamespaceThatDoesNotExistIsNotFound() {
    Reply pod = api.post(pods("nowhere"), podJson("lost"));
    Reply service = api.post(services("nowhere"), serviceJson("lost"));

    assertStatus(
        pod,
        ExpectedStatus.exactly(404, "NotFound", "namespaces \"nowhere\" not found")
            .about("nowhere", "namespaces"));
    assertStatus(
        service,
        ExpectedStatus.exactly(404, "NotFound", "namespaces \"nowhere\" not found")
            .about("nowhere", "namespaces"));
  }

  @Test
  void deletingANamespaceDeletesEverythingInItThenTheNamespace() {
    String ns = freshNamespace();
    assertThat(api.post(services(ns), serviceJson("web")).code()).isEqualTo(201);
    assertThat(api.post(deployments(ns), deploymentJson("web", "nginx:1")).code()).isEqualTo(201);
    assertThat(api.post(pods(ns), podJson("solo")).code()).isEqualTo(201);

    Reply deleted = api.delete("/api/v1/namespaces/" + ns);

    assertThat(deleted.code()).as(deleted.body()).isEqualTo(200);
    assertThat(deleted.json().at("/status/phase").asText()).isEqualTo("Terminating");
    assertThat(deleted.json().at("/metadata/deletionTimestamp").isTextual()).isTrue();
    assertStatus(
        api.post(services(ns), serviceJson("late")),
        ExpectedStatus.exactly(
                403,
                "Forbidden",
                "services \"late\" is forbidden: unable to create new content in namespace "
                    + ns
                    + " because it is being terminated")
            .about("late", "services"));
    ApiAssertions.eventually(
        Duration.ofSeconds(20),
        () -> {
          assertThat(api.get("/api/v1/namespaces/" + ns).code()).isEqualTo(404);
          assertThat(api.get(services(ns)).json().path("items")).isEmpty();
          assertThat(api.get(deployments(ns)).json().path("items")).isEmpty();
          assertThat(api.get(pods(ns)).json().path("items")).isEmpty();
        });
  }

  @Test
  void namespacesPrintAsKubernetesPrintsThem() {
    Reply reply = api.send(Call.get("/api/v1/namespaces/default"), TABLE);

    assertThat(reply.code()).isEqualTo(200);
    JsonNode table = reply.json();
    assertThat(table.path("kind").asText()).isEqualTo("Table");
    List<String> columns = new ArrayList<>();
    table.path("columnDefinitions").forEach(c -> columns.add(c.path("name").asText()));
    assertThat(columns).containsExactly("Name", "Status", "Age");
    assertThat(table.at("/rows/0/cells/0").asText()).isEqualTo("default");
    assertThat(table.at("/rows/0/cells/1").asText()).isEqualTo("Active");
  }

  // --- Services ----------------------------------------------------------------------------------

  @Test
  void aServiceGetsAClusterIpOfItsOwnFromTheLoopbackRangeAndARequestedTakenOneIsRefused() {
    String ns = freshNamespace();

    JsonNode first = api.post(services(ns), serviceJson("first")).json();
    JsonNode second = api.post(services(ns), serviceJson("second")).json();
    String taken = first.at("/spec/clusterIP").asText();
    Reply again =
        api.post(
            services(ns),
            "{\"kind\":\"Service\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"third\"},"
                + "\"spec\":{\"clusterIP\":\"%s\",\"ports\":[{\"port\":80}]}}".formatted(taken));

    assertThat(taken).matches("127\\.77\\.\\d+\\.\\d+");
    assertThat(first.at("/spec/clusterIPs/0").asText()).isEqualTo(taken);
    assertThat(second.at("/spec/clusterIP").asText()).startsWith("127.77.").isNotEqualTo(taken);
    assertThat(again.code()).as(again.body()).isEqualTo(422);
    assertThat(again.json().path("message").asText())
        .contains("spec.clusterIPs")
        .contains("provided IP is already allocated");
    assertThat(api.get(services(ns) + "/third").code()).isEqualTo(404);
  }

  @Test
  void aNodePortServiceGetsAFreeNodePortAndARequestedTakenOneIsRefused() {
    String ns = freshNamespace();
    String nodePort =
        "{\"kind\":\"Service\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"%s\"},"
            + "\"spec\":{\"type\":\"NodePort\",\"ports\":[{\"port\":80%s}]}}";

    JsonNode given = api.post(services(ns), nodePort.formatted("given", "")).json();
    int port = given.at("/spec/ports/0/nodePort").asInt();
    Reply clash = api.post(services(ns), nodePort.formatted("clash", ",\"nodePort\":" + port));

    assertThat(port).isBetween(30000, 32767);
    assertThat(clash.code()).as(clash.body()).isEqualTo(422);
    assertThat(clash.json().path("message").asText())
        .contains(
            "spec.ports[0].nodePort: Invalid value: "
                + port
                + ": provided port is already allocated");
  }

  @Test
  void aServiceTurnedNodePortGetsItsNodePortAndKeepsItsClusterIp() {
    String ns = freshNamespace();
    JsonNode created = api.post(services(ns), serviceJson("web")).json();

    Reply patched =
        patch(
            services(ns) + "/web",
            "application/merge-patch+json",
            "{\"spec\":{\"type\":\"NodePort\"}}");

    assertThat(patched.code()).as(patched.body()).isEqualTo(200);
    assertThat(patched.json().at("/spec/ports/0/nodePort").asInt()).isBetween(30000, 32767);
    assertThat(patched.json().at("/spec/clusterIP").asText())
        .isEqualTo(created.at("/spec/clusterIP").asText());
  }

  @Test
  void aServiceIsCreatedWithDefaultsAndReadBack() {
    String ns = freshNamespace();

    Reply created = api.post(services(ns), serviceJson("web"));

    assertThat(created.code()).as(created.body()).isEqualTo(201);
    JsonNode service = created.json();
    assertThat(service.path("kind").asText()).isEqualTo("Service");
    assertThat(service.at("/metadata/uid").asText()).isNotEmpty();
    assertThat(service.at("/metadata/namespace").asText()).isEqualTo(ns);
    assertThat(service.at("/spec/type").asText()).isEqualTo("ClusterIP");
    assertThat(service.at("/spec/ports/0/protocol").asText()).isEqualTo("TCP");
    assertThat(service.at("/spec/sessionAffinity").asText()).isEqualTo("None");
    assertThat(service.at("/metadata/generation").isMissingNode()).isTrue();
    Reply read = api.get(services(ns) + "/web");
    assertThat(read.code()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(service);
  }

  @Test
  void aSecondServiceOfTheSameNameAlreadyExists() {
    String ns = freshNamespace();
    api.post(services(ns), serviceJson("web"));

    assertStatus(
        api.post(services(ns), serviceJson("web")),
        ExpectedStatus.exactly(409, "AlreadyExists", "services \"web\" already exists")
            .about("web", "services"));
  }

  @Test
  void anInvalidServiceIsRefusedNamingTheField() {
    String ns = freshNamespace();

    Reply reply =
        api.post(
            services(ns),
            """
            {"metadata":{"name":"web"},"spec":{"ports":[{"port":70000}]}}
            """);

    assertThat(reply.code()).as(reply.body()).isEqualTo(422);
    assertThat(reply.json().path("reason").asText()).isEqualTo("Invalid");
    assertThat(reply.json().path("message").asText())
        .startsWith("Service \"web\" is invalid: ")
        .contains("spec.ports[0].port");
  }

  @Test
  void aReplaceWithAStaleResourceVersionConflicts() {
    String ns = freshNamespace();
    JsonNode created = api.post(services(ns), serviceJson("web")).json();
    String stale = created.at("/metadata/resourceVersion").asText();
    api.send(
        new Call(
            "PATCH",
            services(ns) + "/web",
            "application/merge-patch+json",
            "{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}".getBytes(StandardCharsets.UTF_8)));

    Reply reply =
        put(
            services(ns) + "/web",
            ((com.fasterxml.jackson.databind.node.ObjectNode) created).toString());

    assertStatus(
        reply,
        ExpectedStatus.exactly(
                409,
                "Conflict",
                "Operation cannot be fulfilled on services \"web\": the object has been modified;"
                    + " please apply your changes to the latest version and try again")
            .about("web", "services"));
    assertThat(stale).isNotEmpty();
  }

  @Test
  void aWriteThatChangesNothingKeepsTheResourceVersion() {
    String ns = freshNamespace();
    JsonNode created = api.post(services(ns), serviceJson("web")).json();

    Reply replaced = put(services(ns) + "/web", created.toString());

    assertThat(replaced.code()).as(replaced.body()).isEqualTo(200);
    assertThat(replaced.json().at("/metadata/resourceVersion").asText())
        .isEqualTo(created.at("/metadata/resourceVersion").asText());
  }

  @Test
  void statusWritesGoThroughStatusAndNeverTouchTheSpec() {
    String ns = freshNamespace();
    api.post(services(ns), serviceJson("web"));

    Reply viaMain =
        patch(
            services(ns) + "/web",
            "application/merge-patch+json",
            "{\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"127.0.0.9\"}]}}}");
    Reply viaStatus =
        patch(
            services(ns) + "/web/status",
            "application/merge-patch+json",
            "{\"spec\":{\"type\":\"NodePort\"},"
                + "\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"127.0.0.9\"}]}}}");

    assertThat(viaMain.code()).isEqualTo(200);
    assertThat(viaMain.json().at("/status/loadBalancer/ingress").isMissingNode()).isTrue();
    assertThat(viaStatus.code()).as(viaStatus.body()).isEqualTo(200);
    assertThat(viaStatus.json().at("/status/loadBalancer/ingress/0/ip").asText())
        .isEqualTo("127.0.0.9");
    assertThat(viaStatus.json().at("/spec/type").asText()).isEqualTo("ClusterIP");
  }

  @Test
  void servicesAreSelectedByLabelAndByTheirOwnFields() {
    String ns = freshNamespace();
    api.post(services(ns), serviceJson("web"));
    api.post(
        services(ns),
        """
        {"metadata":{"name":"db","labels":{"app":"db"}},
         "spec":{"type":"NodePort","ports":[{"port":5432}]}}
        """);

    Reply byLabel = api.get(services(ns) + "?labelSelector=app%3Dweb");
    Reply byType = api.get(services(ns) + "?fieldSelector=spec.type%3DNodePort");
    Reply unknownField = api.get(services(ns) + "?fieldSelector=spec.selector%3Dx");

    assertThat(byLabel.json().at("/items/0/metadata/name").asText()).isEqualTo("web");
    assertThat(byLabel.json().path("items")).hasSize(1);
    assertThat(byType.json().at("/items/0/metadata/name").asText()).isEqualTo("db");
    assertThat(byType.json().path("items")).hasSize(1);
    assertStatus(
        unknownField,
        ExpectedStatus.exactly(400, "BadRequest", "field label not supported: spec.selector"));
  }

  @Test
  void deleteHonoursItsPreconditions() {
    String ns = freshNamespace();
    api.post(services(ns), serviceJson("web"));

    Reply refused =
        api.send(
            Call.delete(
                services(ns) + "/web",
                "application/json",
                "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\","
                    + "\"preconditions\":{\"uid\":\"not-its-uid\"}}"));
    Reply deleted = api.delete(services(ns) + "/web");

    assertThat(refused.code()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().path("message").asText())
        .startsWith("Operation cannot be fulfilled on services \"web\": Precondition failed:");
    assertThat(deleted.code()).isEqualTo(200);
    assertThat(deleted.json().path("status").asText()).isEqualTo("Success");
    assertThat(api.get(services(ns) + "/web").code()).isEqualTo(404);
  }

  @Test
  void aServiceWatchSeesTheCurrentStateThenChanges() {
    String ns = freshNamespace();
    api.post(services(ns), serviceJson("web"));

    ApiClient.Watch watch =
        api.watch(services(ns) + "?watch=true&timeoutSeconds=5", "application/json");
    JsonNode added = watch.next(Duration.ofSeconds(5));
    api.delete(services(ns) + "/web");
    JsonNode deleted = watch.next(Duration.ofSeconds(5));

    assertThat(added.path("type").asText()).isEqualTo("ADDED");
    assertThat(added.at("/object/kind").asText()).isEqualTo("Service");
    assertThat(deleted.path("type").asText()).isEqualTo("DELETED");
    assertThat(deleted.at("/object/metadata/name").asText()).isEqualTo("web");
  }

  @Test
  void servicesPrintWithTheColumnsOfKubernetes() {
    String ns = freshNamespace();
    api.post(services(ns), serviceJson("web"));

    Reply reply = api.send(Call.get(services(ns)), TABLE);

    List<String> columns = new ArrayList<>();
    reply.json().path("columnDefinitions").forEach(c -> columns.add(c.path("name").asText()));
    assertThat(columns)
        .containsExactly("Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector");
    JsonNode cells = reply.json().at("/rows/0/cells");
    assertThat(cells.get(0).asText()).isEqualTo("web");
    assertThat(cells.get(1).asText()).isEqualTo("ClusterIP");
    assertThat(cells.get(4).asText()).isEqualTo("80/TCP");
  }

  // --- Events ------------------------------------------------------------------------------------

  @Test
  void aPodNoNodeCanTakeGetsAFailedSchedulingEventThatDescribeFinds() {
    String ns = freshNamespace();
    String uid = api.post(pods(ns), podJson("waiting")).json().at("/metadata/uid").asText();
    String describeQuery =
        "/api/v1/namespaces/"
            + ns
            + "/events?fieldSelector=involvedObject.name%3Dwaiting%2CinvolvedObject.namespace%3D"
            + ns
            + "%2CinvolvedObject.uid%3D"
            + uid;

    ApiAssertions.eventually(
        Duration.ofSeconds(10),
        () -> {
          JsonNode events = api.get(describeQuery).json().path("items");
          assertThat(events).hasSize(1);
          JsonNode event = events.get(0);
          assertThat(event.path("reason").asText()).isEqualTo("FailedScheduling");
          assertThat(event.path("type").asText()).isEqualTo("Warning");
          assertThat(event.at("/source/component").asText()).isEqualTo("default-scheduler");
          assertThat(event.at("/involvedObject/kind").asText()).isEqualTo("Pod");
          assertThat(event.path("count").asInt()).isEqualTo(1);
        });
    Reply table = api.send(Call.get("/api/v1/namespaces/" + ns + "/events"), TABLE);
    assertThat(table.json().at("/rows/0/cells/2").asText()).isEqualTo("FailedScheduling");
    assertThat(table.json().at("/rows/0/cells/3").asText()).isEqualTo("pod/waiting");
  }

  // --- Deployments -------------------------------------------------------------------------------

  @Test
  void aDeploymentCountsGenerationOnSpecChangesOnly() {
    String ns = freshNamespace();
    JsonNode created = api.post(deployments(ns), deploymentJson("web", "nginx:1")).json();

    JsonNode relabelled =
        patch(
                deployments(ns) + "/web",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}")
            .json();
    JsonNode newImage =
        patch(
                deployments(ns) + "/web",
                "application/strategic-merge-patch+json",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":"
                    + "[{\"name\":\"web\",\"image\":\"nginx:2\"}]}}}}")
            .json();

    assertThat(created.at("/metadata/generation").asLong()).isEqualTo(1);
    assertThat(created.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
    assertThat(created.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(10);
    assertThat(relabelled.at("/metadata/generation").asLong()).isEqualTo(1);
    assertThat(newImage.at("/metadata/generation").asLong()).isEqualTo(2);
    assertThat(newImage.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:2");
  }

  @Test
  void aDeploymentScalesThroughItsScaleSubresource() {
    String ns = freshNamespace();
    api.post(deployments(ns), deploymentJson("web", "nginx:1"));

    Reply scale = api.get(deployments(ns) + "/web/scale");
    Reply patched =
        patch(
            deployments(ns) + "/web/scale",
            "application/merge-patch+json",
            "{\"spec\":{\"replicas\":5}}");
    Reply negative =
        put(
            deployments(ns) + "/web/scale",
            "{\"kind\":\"Scale\",\"apiVersion\":\"autoscaling/v1\","
                + "\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":-1}}");

    assertThat(scale.json().path("kind").asText()).isEqualTo("Scale");
    assertThat(scale.json().at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(scale.json().at("/status/selector").asText()).isEqualTo("app=web");
    assertThat(patched.code()).as(patched.body()).isEqualTo(200);
    assertThat(patched.json().at("/spec/replicas").asInt()).isEqualTo(5);
    assertThat(api.get(deployments(ns) + "/web").json().at("/spec/replicas").asInt()).isEqualTo(5);
    assertThat(negative.code()).isEqualTo(422);
    assertThat(negative.json().path("message").asText()).contains("spec.replicas");
  }

  @Test
  void aScalePutWithTheCurrentResourceVersionSucceedsAndWithAStaleOneConflicts() {
    String ns = freshNamespace();
    api.post(deployments(ns), deploymentJson("web", "nginx:1"));
    String scale =
        "{\"kind\":\"Scale\",\"apiVersion\":\"autoscaling/v1\",\"metadata\":{\"name\":\"web\","
            + "\"resourceVersion\":\"%s\"},\"spec\":{\"replicas\":%d}}";

    // The Deployment's controller writes its status meanwhile, as in Kubernetes: like kubectl,
    // read the current version and try again until no write came in between.
    String version = null;
    Reply current = null;
    for (int attempt = 0; attempt < 20 && (current == null || current.code() == 409); attempt++) {
      version =
          api.get(deployments(ns) + "/web/scale").json().at("/metadata/resourceVersion").asText();
      current = put(deployments(ns) + "/web/scale", scale.formatted(version, 3));
    }
    Reply stale = put(deployments(ns) + "/web/scale", scale.formatted(version, 7));

    assertThat(current.code()).as(current.body()).isEqualTo(200);
    assertThat(current.json().at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(current.json().at("/metadata/resourceVersion").asText()).isNotEqualTo(version);
    assertThat(stale.code()).as(stale.body()).isEqualTo(409);
    assertThat(stale.json().path("reason").asText()).isEqualTo("Conflict");
    assertThat(api.get(deployments(ns) + "/web").json().at("/spec/replicas").asInt()).isEqualTo(3);
  }

  // --- Server-side apply -------------------------------------------------------------------------

  private Reply apply(String path, String manager, boolean force, String body) {
    return patch(
        path + "?fieldManager=" + manager + (force ? "&force=true" : ""),
        "application/apply-patch+yaml",
        body);
  }

  @Test
  void serverSideApplyCreatesRecordsItsManagerAndConflictsWithAnotherUnlessForced() {
    String ns = freshNamespace();
    String path = deployments(ns) + "/web";
    String config = deploymentJson("web", "nginx:1");

    Reply created = apply(path, "alice", false, config);
    Reply again = apply(path, "alice", false, config);
    Reply conflicting =
        apply(path, "bob", false, config.replace("\"replicas\":2", "\"replicas\":4"));
    Reply forced = apply(path, "bob", true, config.replace("\"replicas\":2", "\"replicas\":4"));

    assertThat(created.code()).as(created.body()).isEqualTo(201);
    assertThat(created.json().at("/metadata/managedFields/0/manager").asText()).isEqualTo("alice");
    assertThat(created.json().at("/metadata/managedFields/0/operation").asText())
        .isEqualTo("Apply");
    assertThat(created.json().at("/metadata/managedFields/0/fieldsV1/f:spec/f:replicas").isObject())
        .isTrue();
    assertThat(again.code()).isEqualTo(200);
    assertThat(conflicting.code()).as(conflicting.body()).isEqualTo(409);
    assertThat(conflicting.json().path("reason").asText()).isEqualTo("Conflict");
    assertThat(conflicting.json().path("message").asText())
        .isEqualTo("Apply failed with 1 conflict: conflict with \"alice\": .spec.replicas");
    assertThat(conflicting.json().at("/details/causes/0/reason").asText())
        .isEqualTo("FieldManagerConflict");
    assertThat(conflicting.json().at("/details/causes/0/field").asText())
        .isEqualTo(".spec.replicas");
    assertThat(forced.code()).as(forced.body()).isEqualTo(200);
    assertThat(forced.json().at("/spec/replicas").asInt()).isEqualTo(4);
  }

  @Test
  void applyingTheSameConfigurationAgainChangesNothing() {
    String ns = freshNamespace();
    String path = services(ns) + "/web";

    Reply created = apply(path, "alice", false, serviceJson("web"));
    Reply again = apply(path, "alice", false, serviceJson("web"));

    assertThat(created.code()).as(created.body()).isEqualTo(201);
    assertThat(again.code()).as(again.body()).isEqualTo(200);
    assertThat(again.json().at("/metadata/resourceVersion").asText())
        .isEqualTo(created.json().at("/metadata/resourceVersion").asText());
  }

  @Test
  void aFieldChangedByAnUpdateBelongsToItsManagerSoALaterApplyConflicts() {
    String ns = freshNamespace();
    String path = deployments(ns) + "/web";
    apply(path, "alice", false, deploymentJson("web", "nginx:1"));

    Reply scaled =
        patch(
            path + "/scale?fieldManager=autoscaler",
            "application/merge-patch+json",
            "{\"spec\":{\"replicas\":7}}");
    Reply reapplied = apply(path, "alice", false, deploymentJson("web", "nginx:2"));

    assertThat(scaled.code()).as(scaled.body()).isEqualTo(200);
    assertThat(reapplied.code()).as(reapplied.body()).isEqualTo(409);
    assertThat(reapplied.json().path("message").asText())
        .contains("conflict with \"autoscaler\" using apps/v1: .spec.replicas");
  }

  @Test
  void serverSideApplyNeedsAFieldManager() {
    Reply reply =
        patch(
            deployments(freshNamespace()) + "/web",
            "application/apply-patch+yaml",
            deploymentJson("web", "nginx:1"));

    assertThat(reply.code()).isEqualTo(422);
    assertThat(reply.json().path("message").asText())
        .contains("fieldManager: Required value: is required for apply patch");
  }

  @Test
  void unknownFieldsOfAStoredKindAreRefusedWhenStrictAndWarnedOtherwise() {
    String ns = freshNamespace();
    String misspelled = deploymentJson("web", "nginx:1").replace("\"replicas\"", "\"replica\"");

    Reply strict = api.post(deployments(ns) + "?fieldValidation=Strict", misspelled);
    Reply warned = api.post(deployments(ns) + "?fieldValidation=Warn", misspelled);

    assertThat(strict.code()).isEqualTo(400);
    assertThat(strict.json().path("message").asText())
        .isEqualTo(
            "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding"
                + " error: unknown field \"spec.replica\"");
    assertThat(warned.code()).isEqualTo(201);
    assertThat(warned.warnings()).containsExactly("299 - \"unknown field \\\"spec.replica\\\"\"");
  }

  @Test
  void anAppsKindIsNotFoundUnderItsGroupName() {
    assertStatus(
        api.get(deployments(freshNamespace()) + "/nope"),
        ExpectedStatus.exactly(404, "NotFound", "deployments.apps \"nope\" not found")
            .about("nope", "deployments"));
  }

  @Test
  void deploymentsAreListedAcrossNamespaces() {
    String ns = freshNamespace();
    api.post(deployments(ns), deploymentJson("everywhere", "nginx:1"));

    Reply reply = api.get("/apis/apps/v1/deployments");

    assertThat(reply.code()).isEqualTo(200);
    assertThat(reply.json().path("kind").asText()).isEqualTo("DeploymentList");
    assertThat(reply.json().path("apiVersion").asText()).isEqualTo("apps/v1");
    List<String> names = new ArrayList<>();
    reply.json().path("items").forEach(d -> names.add(d.at("/metadata/name").asText()));
    assertThat(names).contains("everywhere");
  }
}
