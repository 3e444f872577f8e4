package dev.troupe.http;

import static dev.troupe.http.ApiAssertions.UUID_SHAPE;
import static dev.troupe.http.ApiAssertions.WHOLE_SECONDS_UTC;
import static dev.troupe.http.ApiAssertions.assertStatus;
import static dev.troupe.http.ApiAssertions.created;
import static dev.troupe.http.ApiAssertions.ok;
import static dev.troupe.http.ApiClient.JSON;
import static dev.troupe.http.ApiClient.YAML;
import static dev.troupe.http.ApiTestServer.freshNamespace;
import static dev.troupe.http.TestPods.pod;
import static dev.troupe.http.TestPods.podJson;
import static dev.troupe.http.TestPods.podYaml;
import static dev.troupe.http.TestPods.pods;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.http.ApiAssertions.ExpectedStatus;
import dev.troupe.http.ApiClient.Call;
import dev.troupe.http.ApiClient.Reply;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Creating pods over real HTTP (see {@link ApiTestServer}): the server's stamps and defaults, the
 * QoS class, YAML and untyped bodies, generated names, a name taken twice, and dry runs.
 */
@ExtendWith(ApiTestServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodApiCreateTest {

  private final ApiClient api;

  PodApiCreateTest(ApiClient api) {
    this.api = api;
  }

  // --- Create ------------------------------------------------------------------------------------

  @Test
  void creatingAJsonPodAnswersCreatedWithServerStampsAndDefaults() {
    String ns = freshNamespace();
    Instant before = Instant.now().minusSeconds(1);

    Reply reply = api.post(pods(ns), podJson("hello"));

    assertThat(reply.code()).isEqualTo(201);
    assertThat(reply.contentType()).isEqualTo(JSON);
    JsonNode pod = reply.json();
    assertThat(pod.path("kind").asText()).isEqualTo("Pod");
    assertThat(pod.path("apiVersion").asText()).isEqualTo("v1");
    JsonNode meta = pod.path("metadata");
    assertThat(meta.path("name").asText()).isEqualTo("hello");
    assertThat(meta.path("namespace").asText()).isEqualTo(ns);
    assertThat(meta.path("labels")).isEqualTo(ApiClient.parse("{\"app\":\"hello\"}"));
    assertThat(meta.path("uid").asText()).matches(UUID_SHAPE);
    assertThat(meta.path("resourceVersion").isTextual()).isTrue();
    assertThat(meta.path("resourceVersion").asText()).isNotEmpty();
    assertThat(meta.path("creationTimestamp").asText()).matches(WHOLE_SECONDS_UTC);
    assertThat(Instant.parse(meta.path("creationTimestamp").asText()))
        .isBetween(before, Instant.now().plusSeconds(1));
    assertThat(meta.has("deletionTimestamp")).isFalse();

    JsonNode spec = pod.path("spec");
    assertThat(spec.path("restartPolicy").asText()).isEqualTo("Always");
    assertThat(spec.path("terminationGracePeriodSeconds").asLong()).isEqualTo(30);
    assertThat(spec.has("nodeName")).isFalse();
    JsonNode container = spec.path("containers").path(0);
    assertThat(spec.path("containers")).hasSize(1);
    assertThat(container.path("name").asText()).isEqualTo("hello");
    assertThat(container.path("image").asText()).isEqualTo("troupe/hello:1");
    assertThat(container.path("imagePullPolicy").asText()).isEqualTo("IfNotPresent");
    assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
    assertThat(container.at("/ports/0/protocol").asText()).isEqualTo("TCP");

    assertThat(pod.at("/status/phase").asText()).isEqualTo("Pending");
    assertThat(pod.at("/status/qosClass").asText()).isEqualTo("BestEffort");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("qosClasses")
  void theQosClassFollowsTheContainersRequestsAndLimits(String resources, String qosClass) {
    String ns = freshNamespace();
    String body =
        """
        {"metadata": {"name": "qos"},
         "spec": {"containers": [{"name": "app", "image": "troupe/hello:1", "resources": %s}]}}
        """
            .formatted(resources);

    JsonNode pod = created(api.post(pods(ns), body));

    assertThat(pod.at("/status/qosClass").asText()).isEqualTo(qosClass);
  }

  Stream<Arguments> qosClasses() {
    return Stream.of(
        Arguments.of("{}", "BestEffort"),
        Arguments.of("{\"requests\": {\"cpu\": \"100m\"}}", "Burstable"),
        Arguments.of("{\"limits\": {\"cpu\": \"500m\", \"memory\": \"128Mi\"}}", "Guaranteed"));
  }

  @Test
  void creatingTheSamePodAsYamlGivesTheSameObjectAsJson() {
    String ns = freshNamespace();
    JsonNode fromJson = created(api.post(pods(ns), podJson("from-json")));

    Reply reply = api.send(Call.post(pods(ns), YAML, podYaml("from-yaml")));

    JsonNode fromYaml = created(reply);
    assertThat(fromYaml.at("/metadata/name").asText()).isEqualTo("from-yaml");
    assertThat(fromYaml.at("/metadata/namespace").asText()).isEqualTo(ns);
    assertThat(fromYaml.at("/metadata/labels")).isEqualTo(fromJson.at("/metadata/labels"));
    assertThat(fromYaml.path("spec")).isEqualTo(fromJson.path("spec"));
    assertThat(fromYaml.path("status")).isEqualTo(fromJson.path("status"));
  }

  @Test
  void aBodyWithoutContentTypeIsReadAsJson() {
    String ns = freshNamespace();

    Reply reply = api.send(Call.post(pods(ns), null, podJson("untyped")));

    JsonNode pod = created(reply);
    assertThat(pod.at("/metadata/name").asText()).isEqualTo("untyped");
    assertThat(pod.at("/spec/containers/0/image").asText()).isEqualTo("troupe/hello:1");
  }

  @Test
  void aNamespaceInTheBodyThatMatchesThePathIsAccepted() {
    String ns = freshNamespace();
    String body =
        """
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "same", "namespace": "%s"},
         "spec": {"containers": [{"name": "app", "image": "troupe/hello:1"}]}}
        """
            .formatted(ns);

    JsonNode pod = created(api.post(pods(ns), body));

    assertThat(pod.at("/metadata/namespace").asText()).isEqualTo(ns);
  }

  @Test
  void podsCreatedWithGenerateNameGetDistinctNamesWithThatPrefix() {
    String ns = freshNamespace();
    String body =
        """
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"generateName": "web-"},
         "spec": {"containers": [{"name": "app", "image": "troupe/hello:1"}]}}
        """;

    JsonNode first = created(api.post(pods(ns), body));
    JsonNode second = created(api.post(pods(ns), body));

    String firstName = first.at("/metadata/name").asText();
    String secondName = second.at("/metadata/name").asText();
    assertThat(firstName).matches("web-[a-z0-9]{5}");
    assertThat(secondName).matches("web-[a-z0-9]{5}").isNotEqualTo(firstName);
    assertThat(first.at("/metadata/generateName").asText()).isEqualTo("web-");
    assertThat(first.at("/metadata/uid").asText())
        .isNotEqualTo(second.at("/metadata/uid").asText());
    assertThat(api.get(pod(ns, firstName)).code()).isEqualTo(200);
    assertThat(api.get(pod(ns, secondName)).code()).isEqualTo(200);
  }

  @Test
  void creatingAPodTwiceAnswersAlreadyExists() {
    String ns = freshNamespace();
    JsonNode first = created(api.post(pods(ns), podJson("twice")));

    Reply second = api.post(pods(ns), podJson("twice"));

    assertStatus(
        second,
        ExpectedStatus.exactly(409, "AlreadyExists", "pods \"twice\" already exists")
            .about("twice", "pods"));
    assertThat(ok(api.get(pod(ns, "twice"))).at("/metadata/uid"))
        .isEqualTo(first.at("/metadata/uid"));
  }

  // --- Dry run -----------------------------------------------------------------------------------

  @Test
  void aDryRunCreateAnswersThePodWithoutStoringIt() {
    String ns = freshNamespace();

    JsonNode answered = created(api.post(pods(ns) + "?dryRun=All", podJson("rehearsal")));

    assertThat(answered.at("/metadata/name").asText()).isEqualTo("rehearsal");
    assertThat(answered.at("/metadata/uid").asText()).matches(UUID_SHAPE);
    assertThat(answered.at("/status/phase").asText()).isEqualTo("Pending");
    assertThat(api.get(pod(ns, "rehearsal")).code()).isEqualTo(404);
    assertThat(ok(api.get(pods(ns))).path("items")).isEmpty();
  }

  @Test
  void aDryRunCreateOfAnExistingNameAnswersAlreadyExists() {
    String ns = freshNamespace();
    created(api.post(pods(ns), podJson("taken")));

    assertStatus(
        api.post(pods(ns) + "?dryRun=All", podJson("taken")),
        ExpectedStatus.exactly(409, "AlreadyExists", "pods \"taken\" already exists")
            .about("taken", "pods"));
  }
}
