package dev.troupe.http;

import static dev.troupe.http.ApiAssertions.assertUnschedulable;
import static dev.troupe.http.ApiAssertions.created;
import static dev.troupe.http.ApiAssertions.eventually;
import static dev.troupe.http.ApiAssertions.ok;
import static dev.troupe.http.ApiClient.JSON;
import static dev.troupe.http.ApiTestServer.freshNamespace;
import static dev.troupe.http.TestPods.items;
import static dev.troupe.http.TestPods.pod;
import static dev.troupe.http.TestPods.podJson;
import static dev.troupe.http.TestPods.pods;
import static dev.troupe.http.TestPods.rv;
import static dev.troupe.http.TestPods.uids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.http.ApiClient.Call;
import dev.troupe.http.ApiClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading over real HTTP (see {@link ApiTestServer}): the version and health endpoints, a pod by
 * name, and the lists of a namespace and of the whole cluster.
 */
@ExtendWith(ApiTestServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodApiReadTest {

  private final ApiClient api;

  PodApiReadTest(ApiClient api) {
    this.api = api;
  }

  // --- Health and version ------------------------------------------------------------------------

  @Test
  void versionAnswersKubernetes132SoTheKubectlDispatcherPicksItsOwnVersion() {
    Reply reply = api.get("/version");

    assertThat(reply.code()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo(JSON);
    JsonNode version = reply.json();
    assertThat(version.path("major").asText()).isEqualTo("1");
    assertThat(version.path("minor").asText()).isEqualTo("32");
    assertThat(version.path("gitVersion").asText()).startsWith("v1.32.");
  }

  /** Probes send no Accept header or a wildcard; kubectl get --raw sends JSON plus a wildcard. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/healthz", "/livez"})
  void healthEndpointsAnswerOkInPlainText(String path) {
    for (String accept : new String[] {null, "*/*", "application/json, */*"}) {
      Reply reply = api.send(Call.get(path), accept);

      assertThat(reply.code()).as("%s with Accept %s", path, accept).isEqualTo(200);
      assertThat(reply.body()).isEqualTo("ok");
      assertThat(reply.contentType()).startsWith("text/plain");
    }
  }

  @Test
  void readyzEventuallyAnswersOkOnceTheIndexIsLoaded() {
    eventually(
        Duration.ofSeconds(10),
        () -> {
          Reply reply = api.send(Call.get("/readyz"), "*/*");
          assertThat(reply.code()).isEqualTo(200);
          assertThat(reply.body()).isEqualTo("ok");
        });
  }

  // --- Read --------------------------------------------------------------------------------------

  /**
   * The scheduler answers each new pod with an Unschedulable condition (there are no nodes), a
   * write of its own that may land before the GET. Then, and only then, the object differs from the
   * POST's answer: by that condition and a newer resourceVersion.
   */
  @Test
  void aCreatedPodReadsBackExactlyAsThePostAnsweredUnlessTheSchedulerWroteSince() {
    String ns = freshNamespace();
    JsonNode posted = created(api.post(pods(ns), podJson("echo")));

    Reply reply = api.get(pod(ns, "echo"));

    assertThat(reply.code()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo(JSON);
    JsonNode read = reply.json();
    if (rv(read).equals(rv(posted))) {
      assertThat(read).isEqualTo(posted);
    } else {
      assertThat(Long.parseLong(rv(read))).isGreaterThan(Long.parseLong(rv(posted)));
      assertUnschedulable(read);
      assertThat(withoutSchedulerWrite(read)).isEqualTo(withoutSchedulerWrite(posted));
    }
  }

  @Test
  void aSettledPodReadsTheSameFromGetAndFromBothLists() {
    String ns = freshNamespace();
    String uid = created(api.post(pods(ns), podJson("settled"))).at("/metadata/uid").asText();
    eventually(Duration.ofSeconds(5), () -> assertUnschedulable(ok(api.get(pod(ns, "settled")))));

    JsonNode read = ok(api.get(pod(ns, "settled")));

    assertThat(ok(api.get(pod(ns, "settled")))).isEqualTo(read);
    assertThat(read.at("/metadata/uid").asText()).isEqualTo(uid);
    assertThat(items(ok(api.get(pods(ns))))).containsExactly(read);
    assertThat(items(ok(api.get("/api/v1/pods")))).contains(read);
  }

  // --- List --------------------------------------------------------------------------------------

  @Test
  void aListRightAfterACreateIncludesThePod() {
    String ns = freshNamespace();
    JsonNode pod = created(api.post(pods(ns), podJson("listed")));

    Reply reply = api.get(pods(ns));

    assertThat(reply.code()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo(JSON);
    JsonNode list = reply.json();
    assertThat(fieldNames(list)).containsExactly("kind", "apiVersion", "metadata", "items");
    assertThat(list.path("kind").asText()).isEqualTo("PodList");
    assertThat(list.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(list.at("/metadata/resourceVersion").isTextual()).isTrue();
    assertThat(Long.parseLong(list.at("/metadata/resourceVersion").asText()))
        .isGreaterThanOrEqualTo(Long.parseLong(rv(pod)));
    assertThat(list.path("items")).hasSize(1);
    JsonNode item = list.path("items").path(0);
    assertThat(item.path("kind").asText()).isEqualTo("Pod");
    assertThat(item.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(item.at("/metadata/uid")).isEqualTo(pod.at("/metadata/uid"));
    assertThat(item.path("spec")).isEqualTo(pod.path("spec"));
  }

  @Test
  void listsOfANamespaceHoldOnlyItsPodsAndTheClusterWideListHoldsAll() {
    String first = freshNamespace();
    String second = freshNamespace();
    String a = created(api.post(pods(first), podJson("a"))).at("/metadata/uid").asText();
    String b = created(api.post(pods(second), podJson("b"))).at("/metadata/uid").asText();

    assertThat(uids(ok(api.get(pods(first))))).containsExactly(a);
    assertThat(uids(ok(api.get(pods(second))))).containsExactly(b);
    JsonNode all = ok(api.get("/api/v1/pods"));
    assertThat(all.path("kind").asText()).isEqualTo("PodList");
    assertThat(all.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(all.at("/metadata/resourceVersion").asText()).isNotEmpty();
    assertThat(uids(all)).contains(a, b);
  }

  @Test
  void aNamespaceWithoutPodsListsNoItems() {
    JsonNode list = ok(api.get(pods(freshNamespace())));

    assertThat(list.path("kind").asText()).isEqualTo("PodList");
    assertThat(list.path("items").isArray()).isTrue();
    assertThat(list.path("items")).isEmpty();
  }

  // --- Logs --------------------------------------------------------------------------------------

  @Test
  void theLogOfAPodWithoutANodeIsRefusedWithKubernetesMessage() {
    String ns = freshNamespace();
    created(api.post(pods(ns), podJson("nowhere")));

    Reply reply = api.get(pod(ns, "nowhere") + "/log");

    assertThat(reply.code()).isEqualTo(400);
    assertThat(reply.json().path("reason").asText()).isEqualTo("BadRequest");
    assertThat(reply.json().path("message").asText())
        .isEqualTo("pod nowhere does not have a host assigned");
  }

  @Test
  void logOptionsOutOfRangeAreInvalidNamingEachField() {
    String ns = freshNamespace();
    created(api.post(pods(ns), podJson("ranges")));

    Reply reply = api.get(pod(ns, "ranges") + "/log?tailLines=-1&limitBytes=0");

    assertThat(reply.code()).isEqualTo(422);
    assertThat(reply.json().path("message").asText())
        .isEqualTo(
            "PodLogOptions \"ranges\" is invalid: [tailLines: Invalid value: -1: must be greater"
                + " than or equal to 0, limitBytes: Invalid value: 0: must be greater than 0]");
  }

  @Test
  void logOptionsThatDoNotParseAreABadRequest() {
    String ns = freshNamespace();
    created(api.post(pods(ns), podJson("garbled")));

    Reply reply = api.get(pod(ns, "garbled") + "/log?follow=maybe");

    assertThat(reply.code()).isEqualTo(400);
    assertThat(reply.json().path("message").asText())
        .isEqualTo("follow: Invalid value: \"maybe\": not a boolean");
  }

  @Test
  void theLogOfAPodThatDoesNotExistIsNotFound() {
    Reply reply = api.get(pod(freshNamespace(), "ghost") + "/log");

    assertThat(reply.code()).isEqualTo(404);
    assertThat(reply.json().path("message").asText()).isEqualTo("pods \"ghost\" not found");
  }

  // --- Helpers -----------------------------------------------------------------------------------

  private static JsonNode withoutSchedulerWrite(JsonNode pod) {
    ObjectNode copy = pod.deepCopy();
    ((ObjectNode) copy.path("metadata")).remove("resourceVersion");
    ((ObjectNode) copy.path("status")).remove("conditions");
    return copy;
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
