package dev.troupe.http;

import static dev.troupe.http.ApiAssertions.WHOLE_SECONDS_UTC;
import static dev.troupe.http.ApiAssertions.assertStatus;
import static dev.troupe.http.ApiAssertions.created;
import static dev.troupe.http.ApiAssertions.ok;
import static dev.troupe.http.ApiClient.JSON;
import static dev.troupe.http.ApiTestServer.freshNamespace;
import static dev.troupe.http.TestPods.pod;
import static dev.troupe.http.TestPods.podJson;
import static dev.troupe.http.TestPods.pods;
import static dev.troupe.http.TestPods.rv;
import static dev.troupe.http.TestPods.uids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.http.ApiAssertions.ExpectedStatus;
import dev.troupe.http.ApiClient.Call;
import dev.troupe.http.ApiClient.Reply;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deleting pods over real HTTP (see {@link ApiTestServer}): the reply and what remains, every way
 * kubectl asks for a deletion, creating a deleted name again, and dry runs that keep the pod.
 */
@ExtendWith(ApiTestServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodApiDeleteTest {

  private final ApiClient api;

  PodApiDeleteTest(ApiClient api) {
    this.api = api;
  }

  // --- Delete ------------------------------------------------------------------------------------

  @Test
  void deletingTheCollectionDeletesTheSelectedPodsAndAnswersThem() {
    String ns = freshNamespace();
    created(api.post(pods(ns), podJson("a")));
    created(api.post(pods(ns), podJson("b")));
    created(
        api.post(
            pods(ns),
            "{\"metadata\":{\"name\":\"c\",\"labels\":{\"app\":\"other\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"m\",\"image\":\"troupe/hello:1\"}]}}"));

    JsonNode deleted = ok(api.delete(pods(ns) + "?labelSelector=app%3Dhello"));

    assertThat(deleted.path("kind").asText()).isEqualTo("PodList");
    assertThat(TestPods.items(deleted))
        .extracting(p -> p.at("/metadata/name").asText())
        .containsExactlyInAnyOrder("a", "b");
    assertThat(TestPods.items(deleted))
        .allSatisfy(p -> assertThat(p.at("/metadata/deletionTimestamp").isMissingNode()).isFalse());
    assertThat(TestPods.items(ok(api.get(pods(ns)))))
        .extracting(p -> p.at("/metadata/name").asText())
        .containsExactly("c");
  }

  @Test
  void aDryRunDeleteOfTheCollectionKeepsEveryPod() {
    String ns = freshNamespace();
    created(api.post(pods(ns), podJson("a")));

    JsonNode answered = ok(api.delete(pods(ns) + "?dryRun=All"));

    assertThat(TestPods.items(answered)).hasSize(1);
    assertThat(TestPods.items(ok(api.get(pods(ns))))).hasSize(1);
  }

  @Test
  void deletingAnUnscheduledPodAnswersItTerminatingAndItIsGone() {
    String ns = freshNamespace();
    JsonNode pod = created(api.post(pods(ns), podJson("doomed")));

    Reply reply = api.delete(pod(ns, "doomed"));

    assertThat(reply.code()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo(JSON);
    JsonNode deleted = reply.json();
    assertThat(deleted.path("kind").asText()).isEqualTo("Pod");
    assertThat(deleted.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(deleted.at("/metadata/uid")).isEqualTo(pod.at("/metadata/uid"));
    assertThat(deleted.at("/metadata/deletionTimestamp").asText()).matches(WHOLE_SECONDS_UTC);
    assertThat(deleted.at("/metadata/deletionGracePeriodSeconds").asLong()).isZero();

    assertStatus(
        api.get(pod(ns, "doomed")),
        ExpectedStatus.exactly(404, "NotFound", "pods \"doomed\" not found")
            .about("doomed", "pods"));
    // The list that follows the delete's reply already reflects it.
    assertThat(ok(api.get(pods(ns))).path("items")).isEmpty();
    assertThat(uids(ok(api.get("/api/v1/pods")))).doesNotContain(pod.at("/metadata/uid").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deleteRequests")
  void everyWayKubectlAsksForADeletionWorks(String description, String query, String options) {
    String ns = freshNamespace();
    created(api.post(pods(ns), podJson("gone")));

    Reply reply =
        api.send(
            options == null
                ? Call.delete(pod(ns, "gone") + query)
                : Call.delete(pod(ns, "gone") + query, JSON, options));

    assertThat(reply.code()).isEqualTo(200);
    assertThat(reply.json().at("/metadata/deletionTimestamp").isMissingNode()).isFalse();
    assertThat(api.get(pod(ns, "gone")).code()).isEqualTo(404);
  }

  Stream<Arguments> deleteRequests() {
    return Stream.of(
        Arguments.of("no body", "", null),
        Arguments.of(
            "DeleteOptions with gracePeriodSeconds 0",
            "",
            "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"gracePeriodSeconds\":0}"),
        Arguments.of(
            "kubectl delete's propagationPolicy", "", "{\"propagationPolicy\":\"Background\"}"),
        Arguments.of("gracePeriodSeconds=0 in the query", "?gracePeriodSeconds=0", null),
        Arguments.of("a negative grace period in the query", "?gracePeriodSeconds=-1", null));
  }

  @Test
  void aDeletedNameCanBeCreatedAgainAsANewPod() {
    String ns = freshNamespace();
    JsonNode first = created(api.post(pods(ns), podJson("phoenix")));
    assertThat(api.delete(pod(ns, "phoenix")).code()).isEqualTo(200);

    JsonNode second = created(api.post(pods(ns), podJson("phoenix")));

    assertThat(second.at("/metadata/uid").asText())
        .isNotEqualTo(first.at("/metadata/uid").asText());
    assertThat(second.at("/metadata/deletionTimestamp").isMissingNode()).isTrue();
    assertThat(Long.parseLong(rv(second))).isGreaterThan(Long.parseLong(rv(first)));
    assertThat(ok(api.get(pod(ns, "phoenix"))).at("/metadata/uid"))
        .isEqualTo(second.at("/metadata/uid"));
  }

  @ParameterizedTest(name = "dry run asked for {0}")
  @ValueSource(strings = {"?dryRun=All", ""})
  void aDryRunDeleteAnswersThePodTerminatingAndKeepsIt(String query) {
    String ns = freshNamespace();
    JsonNode pod = created(api.post(pods(ns), podJson("kept")));

    Reply reply =
        query.isEmpty()
            ? api.send(
                Call.delete(
                    pod(ns, "kept"), JSON, "{\"kind\":\"DeleteOptions\",\"dryRun\":[\"All\"]}"))
            : api.delete(pod(ns, "kept") + query);

    assertThat(reply.code()).isEqualTo(200);
    assertThat(reply.json().at("/metadata/deletionTimestamp").asText()).matches(WHOLE_SECONDS_UTC);
    JsonNode stored = ok(api.get(pod(ns, "kept")));
    assertThat(stored.at("/metadata/uid")).isEqualTo(pod.at("/metadata/uid"));
    assertThat(stored.at("/metadata/deletionTimestamp").isMissingNode()).isTrue();
  }
}
