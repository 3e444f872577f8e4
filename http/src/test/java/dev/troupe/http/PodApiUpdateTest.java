package dev.troupe.http;

import static dev.troupe.http.ApiAssertions.created;
import static dev.troupe.http.ApiAssertions.ok;
import static dev.troupe.http.ApiClient.JSON;
import static dev.troupe.http.ApiTestServer.freshNamespace;
import static dev.troupe.http.TestPods.pod;
import static dev.troupe.http.TestPods.podJson;
import static dev.troupe.http.TestPods.pods;
import static dev.troupe.http.TestPods.rv;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.http.ApiClient.Call;
import dev.troupe.http.ApiClient.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PUT and the three PATCH formats over real HTTP (see {@link ApiTestServer}): what an update may
 * change, optimistic concurrency, and the exact errors.
 */
@ExtendWith(ApiTestServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodApiUpdateTest {

  private final ApiClient api;

  PodApiUpdateTest(ApiClient api) {
    this.api = api;
  }

  @Test
  void aMergePatchAddsAndRemovesLabelsAsKubectlLabelSendsThem() {
    String ns = freshNamespace();
    created(api.post(pods(ns), podJson("web")));

    JsonNode labelled =
        ok(patch(ns, "web", "merge", "{\"metadata\":{\"labels\":{\"tier\":\"fe\"}}}"));
    JsonNode unlabelled =
        ok(patch(ns, "web", "merge", "{\"metadata\":{\"labels\":{\"tier\":null}}}"));

    assertThat(labelled.at("/metadata/labels/tier").asText()).isEqualTo("fe");
    assertThat(unlabelled.at("/metadata/labels").has("tier")).isFalse();
    assertThat(Long.parseLong(rv(unlabelled))).isGreaterThan(Long.parseLong(rv(labelled)));
    assertThat(ok(api.get(pod(ns, "web"))).at("/metadata/labels").has("tier")).isFalse();
  }

  @Test
  void aJsonPatchAndAStrategicMergePatchAnnotateThePod() {
    String ns = freshNamespace();
    created(api.post(pods(ns), podJson("web")));

    ok(
        patch(
            ns,
            "web",
            "json",
            "[{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":{\"a\":\"1\"}}]"));
    JsonNode both =
        ok(patch(ns, "web", "strategic", "{\"metadata\":{\"annotations\":{\"b\":\"2\"}}}"));

    assertThat(both.at("/metadata/annotations/a").asText()).isEqualTo("1");
    assertThat(both.at("/metadata/annotations/b").asText()).isEqualTo("2");
  }

  @Test
  void aStrategicPatchMayChangeAContainersImageButNotTheRestOfTheSpec() {
    String ns = freshNamespace();
    created(api.post(pods(ns), podJson("web")));

    JsonNode newImage =
        ok(
            patch(
                ns,
                "web",
                "strategic",
                "{\"spec\":{\"containers\":[{\"name\":\"hello\",\"image\":\"troupe/hello:2\"}]}}"));
    Reply forbidden = patch(ns, "web", "merge", "{\"spec\":{\"restartPolicy\":\"Never\"}}");

    assertThat(newImage.at("/spec/containers/0/image").asText()).isEqualTo("troupe/hello:2");
    assertThat(forbidden.code()).isEqualTo(422);
    assertThat(forbidden.json().at("/details/causes/0/field").asText()).isEqualTo("spec");
    assertThat(forbidden.json().path("message").asText())
        .startsWith("Pod \"web\" is invalid: spec: Forbidden: pod updates may not change fields");
  }

  @Test
  void aPatchThatChangesNothingKeepsTheVersion() {
    String ns = freshNamespace();
    JsonNode pod = created(api.post(pods(ns), podJson("web")));
    String before = rv(settled(ns, "web"));

    JsonNode same =
        ok(patch(ns, "web", "merge", "{\"metadata\":{\"labels\":{\"app\":\"hello\"}}}"));

    assertThat(rv(same)).isEqualTo(before);
    assertThat(pod.at("/metadata/labels/app").asText()).isEqualTo("hello");
  }

  @Test
  void aPutWithTheCurrentVersionReplacesAndAStaleOneConflicts() {
    String ns = freshNamespace();
    created(api.post(pods(ns), podJson("web")));
    JsonNode current = settled(ns, "web");
    ObjectNode changed = current.deepCopy();
    ((ObjectNode) changed.path("metadata").path("labels")).put("tier", "db");

    JsonNode replaced = ok(put(ns, "web", changed.toString()));
    Reply stale = put(ns, "web", changed.toString());

    assertThat(replaced.at("/metadata/labels/tier").asText()).isEqualTo("db");
    assertThat(stale.code()).isEqualTo(409);
    assertThat(stale.json().path("reason").asText()).isEqualTo("Conflict");
    assertThat(stale.json().path("message").asText())
        .isEqualTo(
            "Operation cannot be fulfilled on pods \"web\": the object has been modified; please"
                + " apply your changes to the latest version and try again");
  }

  @Test
  void aPutWithoutAVersionOrWithAnotherNameIsRefused() {
    String ns = freshNamespace();
    created(api.post(pods(ns), podJson("web")));

    Reply noVersion = put(ns, "web", podJson("web"));
    Reply otherName = put(ns, "web", podJson("other"));

    assertThat(noVersion.code()).isEqualTo(422);
    assertThat(noVersion.json().path("message").asText())
        .isEqualTo(
            "Pod \"web\" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be"
                + " specified for an update");
    assertThat(otherName.code()).isEqualTo(400);
    assertThat(otherName.json().path("message").asText())
        .isEqualTo("the name of the object (other) does not match the name on the URL (web)");
  }

  @Test
  void patchesOfMissingPodsOrInUnknownFormatsAreRefused() {
    String ns = freshNamespace();
    created(api.post(pods(ns), podJson("web")));

    Reply missing = patch(ns, "nope", "merge", "{}");
    Reply unknownFormat =
        api.send(new Call("PATCH", pod(ns, "web"), "text/plain", bytes("{}")), JSON);
    Reply failedTest =
        patch(ns, "web", "json", "[{\"op\":\"test\",\"path\":\"/metadata/name\",\"value\":\"x\"}]");

    assertThat(missing.code()).isEqualTo(404);
    assertThat(unknownFormat.code()).isEqualTo(415);
    assertThat(failedTest.code()).isEqualTo(422);
    assertThat(failedTest.json().path("message").asText())
        .contains("testing value /metadata/name failed");
  }

  @Test
  void aDryRunPatchAnswersTheResultAndStoresNothing() {
    String ns = freshNamespace();
    created(api.post(pods(ns), podJson("web")));

    JsonNode answered =
        ok(
            api.send(
                new Call(
                    "PATCH",
                    pod(ns, "web") + "?dryRun=All",
                    "application/merge-patch+json",
                    bytes("{\"metadata\":{\"labels\":{\"tier\":\"x\"}}}")),
                JSON));

    assertThat(answered.at("/metadata/labels/tier").asText()).isEqualTo("x");
    assertThat(ok(api.get(pod(ns, "web"))).at("/metadata/labels").has("tier")).isFalse();
  }

  @Test
  void statusWritesGoThroughStatusAndAnUpdateNeverTouchesTheStatus() {
    String ns = freshNamespace();
    JsonNode created = created(api.post(pods(ns), podJson("web")));

    JsonNode viaMain = ok(patch(ns, "web", "merge", "{\"status\":{\"message\":\"from a user\"}}"));
    Reply viaStatus =
        api.send(
            new Call(
                "PATCH",
                pod(ns, "web") + "/status",
                "application/merge-patch+json",
                bytes(
                    "{\"spec\":{\"restartPolicy\":\"Never\"},"
                        + "\"status\":{\"message\":\"from the status\"}}")),
            JSON);
    Reply read = api.get(pod(ns, "web") + "/status");

    assertThat(viaMain.at("/status/message").isMissingNode()).isTrue();
    JsonNode statusWritten = ok(viaStatus);
    assertThat(statusWritten.at("/status/message").asText()).isEqualTo("from the status");
    assertThat(statusWritten.at("/spec/restartPolicy").asText())
        .isEqualTo(created.at("/spec/restartPolicy").asText());
    assertThat(Long.parseLong(rv(statusWritten))).isGreaterThan(Long.parseLong(rv(created)));
    assertThat(ok(read).at("/status/message").asText()).isEqualTo("from the status");
    assertThat(api.send(Call.delete(pod(ns, "web") + "/status")).code()).isEqualTo(405);
  }

  private Reply patch(String ns, String name, String format, String body) {
    String type =
        switch (format) {
          case "merge" -> "application/merge-patch+json";
          case "json" -> "application/json-patch+json";
          default -> "application/strategic-merge-patch+json";
        };
    return api.send(new Call("PATCH", pod(ns, name), type, bytes(body)), JSON);
  }

  private Reply put(String ns, String name, String body) {
    return api.send(Call.put(pod(ns, name), body), JSON);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The pod once the scheduler has written its Unschedulable condition (there are no nodes): a
   * write of its own that would otherwise race with the test's.
   */
  private JsonNode settled(String ns, String name) {
    JsonNode[] pod = new JsonNode[1];
    ApiAssertions.eventually(
        Duration.ofSeconds(5),
        () -> {
          pod[0] = ok(api.get(pod(ns, name)));
          ApiAssertions.assertUnschedulable(pod[0]);
        });
    return pod[0];
  }
}
