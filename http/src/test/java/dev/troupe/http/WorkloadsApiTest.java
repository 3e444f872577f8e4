package dev.troupe.http;

import static dev.troupe.http.ApiTestServer.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Deployments and ReplicaSets reconciling themselves over real HTTP (see {@link ApiTestServer}; no
 * node runs there, so pods stay Pending): the ReplicaSet of a template, its pods, ownership,
 * revisions, scaling, and the garbage collection of dependants.
 */
@ExtendWith(ApiTestServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkloadsApiTest {

  private static final Duration WITHIN = Duration.ofSeconds(20);

  private final ApiClient api;

  WorkloadsApiTest(ApiClient api) {
    this.api = api;
  }

  private static String deployments(String ns) {
    return "/apis/apps/v1/namespaces/" + ns + "/deployments";
  }

  private static String replicaSets(String ns) {
    return "/apis/apps/v1/namespaces/" + ns + "/replicasets";
  }

  private static String pods(String ns) {
    return "/api/v1/namespaces/" + ns + "/pods";
  }

  private static String workload(String kind, String name, int replicas) {
    return """
        {"apiVersion":"apps/v1","kind":"%s","metadata":{"name":"%s"},
         "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"%s"}},
          "template":{"metadata":{"labels":{"app":"%s"}},
           "spec":{"containers":[{"name":"web","image":"troupe/hello:1"}]}}}}
        """
        .formatted(kind, name, replicas, name, name);
  }

  private List<JsonNode> items(String path) {
    List<JsonNode> items = new ArrayList<>();
    api.get(path).json().path("items").forEach(items::add);
    return items;
  }

  private Reply mergePatch(String path, String body) {
    return api.send(
        new Call(
            "PATCH", path, "application/merge-patch+json", body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aReplicaSetKeepsItsNumberOfPodsAndOwnsThem() {
    String ns = freshNamespace();
    String uid =
        api.post(replicaSets(ns), workload("ReplicaSet", "front", 3))
            .json()
            .at("/metadata/uid")
            .asText();

    ApiAssertions.eventually(
        WITHIN,
        () -> {
          List<JsonNode> pods = items(pods(ns));
          assertThat(pods).hasSize(3);
          for (JsonNode pod : pods) {
            assertThat(pod.at("/metadata/name").asText()).startsWith("front-");
            assertThat(pod.at("/metadata/ownerReferences/0/uid").asText()).isEqualTo(uid);
            assertThat(pod.at("/metadata/ownerReferences/0/controller").asBoolean()).isTrue();
          }
          assertThat(api.get(replicaSets(ns) + "/front").json().at("/status/replicas").asInt())
              .isEqualTo(3);
        });

    mergePatch(replicaSets(ns) + "/front/scale", "{\"spec\":{\"replicas\":1}}");
    ApiAssertions.eventually(
        WITHIN,
        () ->
            assertThat(
                    items(pods(ns)).stream()
                        .filter(p -> p.at("/metadata/deletionTimestamp").isMissingNode()))
                .hasSize(1));

    api.delete(replicaSets(ns) + "/front");
    ApiAssertions.eventually(WITHIN, () -> assertThat(items(pods(ns))).isEmpty());
  }

  @Test
  void aReplicaSetScaledFromZeroToFiveHundredCreatesThemAllAndTakesThemAllAway() {
    String ns = freshNamespace();
    api.post(replicaSets(ns), workload("ReplicaSet", "many", 0));

    mergePatch(replicaSets(ns) + "/many/scale", "{\"spec\":{\"replicas\":500}}");

    ApiAssertions.eventually(
        Duration.ofSeconds(90),
        () -> {
          assertThat(items(pods(ns))).hasSize(500);
          assertThat(api.get(replicaSets(ns) + "/many").json().at("/status/replicas").asInt())
              .isEqualTo(500);
        });
    api.delete(replicaSets(ns) + "/many");
    ApiAssertions.eventually(Duration.ofSeconds(90), () -> assertThat(items(pods(ns))).isEmpty());
  }

  @Test
  void aDeploymentRunsItsTemplateThroughAReplicaSetNamedAfterItsHash() {
    String ns = freshNamespace();
    String uid =
        api.post(deployments(ns), workload("Deployment", "web", 2))
            .json()
            .at("/metadata/uid")
            .asText();

    ApiAssertions.eventually(
        WITHIN,
        () -> {
          List<JsonNode> sets = items(replicaSets(ns));
          assertThat(sets).hasSize(1);
          JsonNode rs = sets.get(0);
          String hash = rs.at("/metadata/labels/pod-template-hash").asText();
          assertThat(hash).isNotEmpty();
          assertThat(rs.at("/metadata/name").asText()).isEqualTo("web-" + hash);
          assertThat(rs.at("/metadata/ownerReferences/0/uid").asText()).isEqualTo(uid);
          assertThat(rs.at("/spec/selector/matchLabels/pod-template-hash").asText())
              .isEqualTo(hash);
          assertThat(rs.at("/spec/template/metadata/labels/pod-template-hash").asText())
              .isEqualTo(hash);
          assertThat(rs.at("/metadata/annotations/deployment.kubernetes.io~1revision").asText())
              .isEqualTo("1");
          assertThat(items(pods(ns))).hasSize(2);
          JsonNode deployment = api.get(deployments(ns) + "/web").json();
          assertThat(
                  deployment
                      .at("/metadata/annotations/deployment.kubernetes.io~1revision")
                      .asText())
              .isEqualTo("1");
          assertThat(deployment.at("/status/observedGeneration").asLong()).isEqualTo(1);
          assertThat(deployment.at("/status/updatedReplicas").asInt()).isEqualTo(2);
        });
  }

  @Test
  void aNewTemplateMakesANewReplicaSetAtTheNextRevision() {
    String ns = freshNamespace();
    api.post(deployments(ns), workload("Deployment", "web", 1));
    ApiAssertions.eventually(WITHIN, () -> assertThat(items(replicaSets(ns))).hasSize(1));

    mergePatch(
        deployments(ns) + "/web",
        "{\"spec\":{\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\",\"v\":\"2\"}}}}}");

    ApiAssertions.eventually(
        WITHIN,
        () -> {
          List<JsonNode> sets = items(replicaSets(ns));
          assertThat(sets).hasSize(2);
          assertThat(
                  sets.stream()
                      .map(
                          s ->
                              s.at("/metadata/annotations/deployment.kubernetes.io~1revision")
                                  .asText())
                      .toList())
              .containsExactlyInAnyOrder("1", "2");
          assertThat(
                  api.get(deployments(ns) + "/web")
                      .json()
                      .at("/metadata/annotations/deployment.kubernetes.io~1revision")
                      .asText())
              .isEqualTo("2");
        });
  }

  @Test
  void deletingADeploymentDeletesItsReplicaSetsAndTheirPods() {
    String ns = freshNamespace();
    api.post(deployments(ns), workload("Deployment", "web", 2));
    ApiAssertions.eventually(WITHIN, () -> assertThat(items(pods(ns))).hasSize(2));

    api.delete(deployments(ns) + "/web");

    ApiAssertions.eventually(
        WITHIN,
        () -> {
          assertThat(items(replicaSets(ns))).isEmpty();
          assertThat(items(pods(ns))).isEmpty();
        });
  }

  @Test
  void anOrphaningDeleteLeavesTheReplicaSetWithoutItsOwner() {
    String ns = freshNamespace();
    api.post(replicaSets(ns), workload("ReplicaSet", "keep", 1));
    ApiAssertions.eventually(WITHIN, () -> assertThat(items(pods(ns))).hasSize(1));

    Reply deleted =
        api.send(
            Call.delete(
                replicaSets(ns) + "/keep",
                "application/json",
                "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Orphan\"}"));

    assertThat(deleted.code()).as(deleted.body()).isEqualTo(200);
    ApiAssertions.eventually(
        WITHIN,
        () -> {
          assertThat(api.get(replicaSets(ns) + "/keep").code()).isEqualTo(404);
          List<JsonNode> pods = items(pods(ns));
          assertThat(pods).hasSize(1);
          assertThat(pods.get(0).at("/metadata/ownerReferences").isMissingNode()).isTrue();
        });
  }
}
