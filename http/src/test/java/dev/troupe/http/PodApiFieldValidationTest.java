package dev.troupe.http;

import static dev.troupe.http.ApiAssertions.created;
import static dev.troupe.http.ApiClient.JSON;
import static dev.troupe.http.ApiTestServer.freshNamespace;
import static dev.troupe.http.TestPods.pod;
import static dev.troupe.http.TestPods.pods;
import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.http.ApiClient.Call;
import dev.troupe.http.ApiClient.Reply;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code fieldValidation}: fields the model does not have are refused, warned about or ignored. */
@ExtendWith(ApiTestServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodApiFieldValidationTest {

  private static final String WITH_UNKNOWN_FIELDS =
      """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},
       "spec":{"foo":1,"containers":[{"name":"web","image":"troupe/hello:1","imagee":"x"}]}}
      """;

  private final ApiClient api;

  PodApiFieldValidationTest(ApiClient api) {
    this.api = api;
  }

  @Test
  void strictValidationRefusesEveryUnknownFieldAndStoresNothing() {
    String ns = freshNamespace();

    Reply reply = api.post(pods(ns) + "?fieldValidation=Strict", WITH_UNKNOWN_FIELDS);

    assertThat(reply.code()).isEqualTo(400);
    assertThat(reply.json().path("message").asText())
        .isEqualTo(
            "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown"
                + " field \"spec.foo\", unknown field \"spec.containers[0].imagee\"");
    assertThat(api.get(pod(ns, "web")).code()).isEqualTo(404);
  }

  @Test
  void byDefaultUnknownFieldsAreDroppedWithAWarningKubectlPrints() {
    Reply reply = api.post(pods(freshNamespace()), WITH_UNKNOWN_FIELDS);

    assertThat(created(reply).at("/spec").has("foo")).isFalse();
    assertThat(reply.warnings())
        .containsExactly(
            "299 - \"unknown field \\\"spec.foo\\\"\"",
            "299 - \"unknown field \\\"spec.containers[0].imagee\\\"\"");
  }

  @Test
  void ignoringUnknownFieldsWarnsAboutNothing() {
    Reply reply = api.post(pods(freshNamespace()) + "?fieldValidation=Ignore", WITH_UNKNOWN_FIELDS);

    assertThat(reply.code()).isEqualTo(201);
    assertThat(reply.warnings()).isEmpty();
  }

  @Test
  void aStrictPatchWhoseResultHasAnUnknownFieldIsRefused() {
    String ns = freshNamespace();
    created(api.post(pods(ns), WITH_UNKNOWN_FIELDS));

    Reply reply =
        api.send(
            new Call(
                "PATCH",
                pod(ns, "web") + "?fieldValidation=Strict",
                "application/merge-patch+json",
                "{\"metadata\":{\"labelz\":{}}}".getBytes(StandardCharsets.UTF_8)),
            JSON);

    assertThat(reply.code()).isEqualTo(400);
    assertThat(reply.json().path("message").asText())
        .endsWith("strict decoding error: unknown field \"metadata.labelz\"");
  }

  @Test
  void anUnknownDirectiveIsRefused() {
    Reply reply = api.post(pods(freshNamespace()) + "?fieldValidation=Loose", WITH_UNKNOWN_FIELDS);

    assertThat(reply.code()).isEqualTo(400);
    assertThat(reply.json().path("message").asText())
        .isEqualTo(
            "fieldValidation: Unsupported value: \"Loose\": supported values: \"Ignore\","
                + " \"Strict\", \"Warn\"");
  }
}
