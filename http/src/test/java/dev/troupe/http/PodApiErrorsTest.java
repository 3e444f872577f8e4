package dev.troupe.http;

import static dev.troupe.http.ApiAssertions.assertStatus;
import static dev.troupe.http.ApiAssertions.assertStatusShape;
import static dev.troupe.http.ApiAssertions.causes;
import static dev.troupe.http.ApiAssertions.created;
import static dev.troupe.http.ApiAssertions.ok;
import static dev.troupe.http.ApiClient.JSON;
import static dev.troupe.http.ApiClient.YAML;
import static dev.troupe.http.ApiTestServer.freshNamespace;
import static dev.troupe.http.TestPods.oversizedPod;
import static dev.troupe.http.TestPods.pod;
import static dev.troupe.http.TestPods.podJson;
import static dev.troupe.http.TestPods.pods;
import static dev.troupe.http.TestPods.uids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.http.ApiAssertions.Cause;
import dev.troupe.http.ApiAssertions.ExpectedStatus;
import dev.troupe.http.ApiClient.Call;
import dev.troupe.http.ApiClient.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests the API refuses over real HTTP (see {@link ApiTestServer}), each answered with a
 * Kubernetes Status: malformed or unsupported bodies, missing objects and paths, methods it does
 * not serve, invalid pods with every cause, and unsupported dryRun values, API versions and kinds.
 */
@ExtendWith(ApiTestServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodApiErrorsTest {

  private static final String SUBDOMAIN_RULE =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'example.com',"
          + " regex used for validation is"
          + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

  private final ApiClient api;

  PodApiErrorsTest(ApiClient api) {
    this.api = api;
  }

  // --- Errors ------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("failedRequests")
  void aFailedRequestAnswersAKubernetesStatus(
      String description, Call call, ExpectedStatus expected) {
    assertStatus(api.send(call), expected);
  }

  Stream<Arguments> failedRequests() {
    String pods = pods("errors");
    String cannotHandle = "Pod in version \"v1\" cannot be handled as a Pod: ";
    return Stream.of(
        Arguments.of(
            "GET of a missing pod: 404 NotFound",
            Call.get(pod("errors", "nope")),
            ExpectedStatus.exactly(404, "NotFound", "pods \"nope\" not found")
                .about("nope", "pods")),
        Arguments.of(
            "DELETE of a missing pod: 404 NotFound",
            Call.delete(pod("errors", "nope")),
            ExpectedStatus.exactly(404, "NotFound", "pods \"nope\" not found")
                .about("nope", "pods")),
        Arguments.of(
            "malformed JSON: 400 BadRequest",
            Call.post(pods, JSON, "{\"metadata\": {\"name\": "),
            ExpectedStatus.startingWith(400, "BadRequest", cannotHandle)),
        Arguments.of(
            "a field of the wrong type: 400 BadRequest",
            Call.post(
                pods, JSON, "{\"metadata\": {\"name\": \"x\"}, \"spec\": {\"containers\": 7}}"),
            ExpectedStatus.startingWith(400, "BadRequest", cannotHandle)),
        Arguments.of(
            "malformed YAML: 400 BadRequest",
            Call.post(pods, YAML, "metadata:\n  name: [x\n"),
            ExpectedStatus.startingWith(400, "BadRequest", cannotHandle)),
        Arguments.of(
            "an empty body: 400 BadRequest",
            Call.post(pods, JSON, ""),
            ExpectedStatus.exactly(400, "BadRequest", "the request body is empty")),
        Arguments.of(
            "a namespace in the body other than the path's: 400 BadRequest",
            Call.post(
                pods, JSON, podJson("x").replace("\"name\"", "\"namespace\": \"other\", \"name\"")),
            ExpectedStatus.exactly(
                400,
                "BadRequest",
                "the namespace of the provided object does not match the namespace sent on the"
                    + " request")),
        Arguments.of(
            "an apply whose namespace is other than the path's: 400 BadRequest",
            new Call(
                "PATCH",
                pods + "/x?fieldManager=me",
                "application/apply-patch+yaml",
                podJson("x")
                    .replace("\"name\"", "\"namespace\": \"other\", \"name\"")
                    .getBytes(StandardCharsets.UTF_8)),
            ExpectedStatus.exactly(
                400,
                "BadRequest",
                "the namespace of the provided object does not match the namespace sent on the"
                    + " request")),
        Arguments.of(
            "a protobuf body: 415 UnsupportedMediaType",
            new Call(
                "POST",
                pods,
                "application/vnd.kubernetes.protobuf",
                "k8s\0\n\u0002v1\u0012\u0003Pod".getBytes(StandardCharsets.UTF_8)),
            ExpectedStatus.exactly(
                415,
                "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include:"
                    + " application/json, application/yaml")),
        Arguments.of(
            "a text/plain body: 415 UnsupportedMediaType",
            Call.post(pods, "text/plain", podJson("x")),
            ExpectedStatus.exactly(
                415,
                "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include:"
                    + " application/json, application/yaml")),
        Arguments.of(
            "a body over 3 MiB: 413 RequestEntityTooLarge",
            new Call("POST", pods, JSON, oversizedPod()),
            ExpectedStatus.exactly(
                413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728")),
        Arguments.of(
            "DeleteOptions that are not JSON: 400 BadRequest",
            Call.delete(pod("errors", "nope"), JSON, "{\"kind\": "),
            ExpectedStatus.startingWith(
                400,
                "BadRequest",
                "DeleteOptions in version \"v1\" cannot be handled as a DeleteOptions: ")),
        Arguments.of(
            "a grace period that is not a number: 400 BadRequest",
            Call.delete(pod("errors", "nope") + "?gracePeriodSeconds=soon"),
            ExpectedStatus.exactly(
                400, "BadRequest", "invalid number: For input string: \"soon\"")),
        Arguments.of(
            "an unknown path: 404 NotFound",
            Call.get("/apis/example.com/v1/things"),
            ExpectedStatus.exactly(
                404, "NotFound", "the server could not find the requested resource")),
        Arguments.of(
            "a pod subresource that is not served: 404 NotFound",
            Call.get(pod("errors", "nope") + "/ephemeralcontainers"),
            ExpectedStatus.exactly(
                404, "NotFound", "the server could not find the requested resource")));
  }

  /**
   * The server has no POST to, nor DELETE of, the cluster-wide list: like Kubernetes for a method a
   * path does not serve, it answers 405 and writes nothing.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("unservedMethods")
  void aMethodThePodsDoNotServeAnswersAStatusAndWritesNothing(String description, Call call) {
    String ns = freshNamespace();
    JsonNode pod = created(api.post(pods(ns), podJson("web")));
    Call onThisNamespace =
        new Call(call.method(), call.path().replace("{ns}", ns), call.contentType(), call.body());

    Reply reply = api.send(onThisNamespace);

    assertThat(reply.contentType()).isEqualTo(JSON);
    JsonNode status = reply.json();
    assertStatusShape(status, reply.code());
    assertThat(
            reply.code()
                + " "
                + status.path("reason").asText()
                + ": "
                + status.path("message").asText())
        .isEqualTo(
            "405 MethodNotAllowed: the server does not allow this method on the requested"
                + " resource");
    assertThat(ok(api.get(pod(ns, "web"))).at("/metadata/uid")).isEqualTo(pod.at("/metadata/uid"));
    assertThat(uids(ok(api.get(pods(ns))))).containsExactly(pod.at("/metadata/uid").asText());
  }

  Stream<Arguments> unservedMethods() {
    return Stream.of(
        Arguments.of(
            "POST to the cluster-wide list", Call.post("/api/v1/pods", JSON, podJson("web"))),
        Arguments.of("DELETE of the cluster-wide list", Call.delete("/api/v1/pods")));
  }

  // --- Invalid pods ------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPods")
  void anInvalidPodAnswersInvalidWithEveryCauseAndIsNotStored(
      String description, String body, String name, String message, List<Cause> causes) {
    String ns = freshNamespace();

    Reply reply = api.post(pods(ns), body);

    assertStatus(reply, ExpectedStatus.exactly(422, "Invalid", message).about(name, "Pod"));
    assertThat(causes(reply.json())).containsExactlyElementsOf(causes);
    assertThat(ok(api.get(pods(ns))).path("items")).isEmpty();
  }

  Stream<Arguments> invalidPods() {
    return Stream.of(
        Arguments.of(
            "a container without an image",
            """
            {"metadata": {"name": "no-image"}, "spec": {"containers": [{"name": "app"}]}}
            """,
            "no-image",
            "Pod \"no-image\" is invalid: spec.containers[0].image: Required value",
            List.of(Cause.required("spec.containers[0].image"))),
        Arguments.of(
            "a name that is not a DNS subdomain",
            """
            {"metadata": {"name": "Bad_Name"},
             "spec": {"containers": [{"name": "app", "image": "troupe/hello:1"}]}}
            """,
            "Bad_Name",
            "Pod \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": "
                + SUBDOMAIN_RULE,
            List.of(
                new Cause(
                    "FieldValueInvalid",
                    "Invalid value: \"Bad_Name\": " + SUBDOMAIN_RULE,
                    "metadata.name"))),
        Arguments.of(
            "two errors in one pod, both listed",
            """
            {"metadata": {"name": "two-errors"},
             "spec": {"containers": [{"name": "app"}, {"name": "app", "image": "troupe/hello:1"}]}}
            """,
            "two-errors",
            "Pod \"two-errors\" is invalid: [spec.containers[0].image: Required value,"
                + " spec.containers[1].name: Duplicate value: \"app\"]",
            List.of(
                Cause.required("spec.containers[0].image"),
                new Cause(
                    "FieldValueDuplicate", "Duplicate value: \"app\"", "spec.containers[1].name"))),
        Arguments.of(
            "neither name nor generateName",
            """
            {"metadata": {}, "spec": {"containers": [{"name": "app", "image": "troupe/hello:1"}]}}
            """,
            null,
            "Pod \"\" is invalid: metadata.name: Required value: name or generateName is required",
            List.of(
                new Cause(
                    "FieldValueRequired",
                    "Required value: name or generateName is required",
                    "metadata.name"))),
        Arguments.of(
            "no containers",
            """
            {"metadata": {"name": "empty"}, "spec": {"containers": []}}
            """,
            "empty",
            "Pod \"empty\" is invalid: spec.containers: Required value",
            List.of(Cause.required("spec.containers"))),
        Arguments.of(
            "an unsupported restart policy",
            """
            {"metadata": {"name": "flaky"},
             "spec": {"restartPolicy": "Sometimes",
                      "containers": [{"name": "app", "image": "troupe/hello:1"}]}}
            """,
            "flaky",
            "Pod \"flaky\" is invalid: spec.restartPolicy: Unsupported value: \"Sometimes\":"
                + " supported values: \"Always\", \"Never\", \"OnFailure\"",
            List.of(
                new Cause(
                    "FieldValueNotSupported",
                    "Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\","
                        + " \"OnFailure\"",
                    "spec.restartPolicy"))),
        Arguments.of(
            "a container port out of range",
            """
            {"metadata": {"name": "far"},
             "spec": {"containers": [{"name": "app", "image": "troupe/hello:1",
                                      "ports": [{"containerPort": 70000}]}]}}
            """,
            "far",
            "Pod \"far\" is invalid: spec.containers[0].ports[0].containerPort: Invalid value:"
                + " 70000: must be between 1 and 65535, inclusive",
            List.of(
                new Cause(
                    "FieldValueInvalid",
                    "Invalid value: 70000: must be between 1 and 65535, inclusive",
                    "spec.containers[0].ports[0].containerPort"))),
        Arguments.of(
            "a negative termination grace period",
            """
            {"metadata": {"name": "hasty"},
             "spec": {"terminationGracePeriodSeconds": -1,
                      "containers": [{"name": "app", "image": "troupe/hello:1"}]}}
            """,
            "hasty",
            "Pod \"hasty\" is invalid: spec.terminationGracePeriodSeconds: Invalid value: -1:"
                + " must be greater than or equal to 0",
            List.of(
                new Cause(
                    "FieldValueInvalid",
                    "Invalid value: -1: must be greater than or equal to 0",
                    "spec.terminationGracePeriodSeconds"))),
        Arguments.of(
            "a request above its limit",
            """
            {"metadata": {"name": "greedy"},
             "spec": {"containers": [{"name": "app", "image": "troupe/hello:1",
                                      "resources": {"limits": {"cpu": "1"},
                                                    "requests": {"cpu": "2"}}}]}}
            """,
            "greedy",
            "Pod \"greedy\" is invalid: spec.containers[0].resources.requests: Invalid value:"
                + " \"2\": must be less than or equal to cpu limit of 1",
            List.of(
                new Cause(
                    "FieldValueInvalid",
                    "Invalid value: \"2\": must be less than or equal to cpu limit of 1",
                    "spec.containers[0].resources.requests"))));
  }

  // --- Refused options and types -----------------------------------------------------------------

  @Test
  void aDryRunValueOtherThanAllIsRefusedAndNothingIsStored() {
    String ns = freshNamespace();

    assertStatus(
        api.post(pods(ns) + "?dryRun=Some", podJson("x")),
        ExpectedStatus.exactly(
            400, "BadRequest", "dryRun: Unsupported value: [Some]: supported values: \"All\""));
    assertThat(api.get(pod(ns, "x")).code()).isEqualTo(404);
  }

  @Test
  void aBodyOfAnotherApiVersionOrKindIsRefused() {
    String ns = freshNamespace();
    String apps = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"a\"}}";
    String service = "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"s\"}}";

    assertStatus(
        api.post(pods(ns), apps),
        ExpectedStatus.exactly(
            400,
            "BadRequest",
            "the API version in the data (apps/v1) does not match the expected API version (v1)"));
    assertStatus(
        api.post(pods(ns), service),
        ExpectedStatus.exactly(
            400,
            "BadRequest",
            "Pod in version \"v1\" cannot be handled as a Pod: the kind in the data (Service)"
                + " does not match the expected kind (Pod)"));
    assertThat(ok(api.get(pods(ns))).path("items")).isEmpty();
  }
}
