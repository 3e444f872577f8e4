package dev.troupe.http;

import static dev.troupe.http.ApiClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.http.ApiClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the API tests expect of a reply: its status, its Kubernetes Status error, its shapes. */
final class ApiAssertions {

  static final String UUID_SHAPE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  static final String WHOLE_SECONDS_UTC = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";
  static final String NO_NODES = "0/0 nodes are available: no nodes registered.";

  private ApiAssertions() {}

  /** One {@code details.causes[]} entry. */
  record Cause(String reason, String message, String field) {
    static Cause required(String field) {
      return new Cause("FieldValueRequired", "Required value", field);
    }
  }

  /**
   * What a Status error must say: {@code message} exactly, or as its start when {@code prefix};
   * {@code details.name} and {@code details.kind} when {@code detailsKind} is set, else no details.
   */
  record ExpectedStatus(
      int code,
      String reason,
      String message,
      boolean prefix,
      String detailsName,
      String detailsKind) {

    static ExpectedStatus exactly(int code, String reason, String message) {
      return new ExpectedStatus(code, reason, message, false, null, null);
    }

    static ExpectedStatus startingWith(int code, String reason, String message) {
      return new ExpectedStatus(code, reason, message, true, null, null);
    }

    ExpectedStatus about(String name, String kind) {
      return new ExpectedStatus(code, reason, message, prefix, name, kind);
    }

    @Override
    public String toString() {
      return code + " " + reason;
    }
  }

  static void assertStatus(Reply reply, ExpectedStatus expected) {
    assertThat(reply.code()).as(reply.body()).isEqualTo(expected.code());
    assertThat(reply.contentType()).isEqualTo(JSON);
    JsonNode status = reply.json();
    assertStatusShape(status, expected.code());
    assertThat(status.path("reason").asText()).isEqualTo(expected.reason());
    if (expected.prefix()) {
      assertThat(status.path("message").asText()).startsWith(expected.message());
    } else {
      assertThat(status.path("message").asText()).isEqualTo(expected.message());
    }
    if (expected.detailsKind() == null) {
      assertThat(status.has("details")).as("details of %s", status).isFalse();
      return;
    }
    JsonNode details = status.path("details");
    assertThat(details.path("kind").asText()).isEqualTo(expected.detailsKind());
    if (expected.detailsName() == null) {
      assertThat(details.path("name").asText("")).isEmpty();
    } else {
      assertThat(details.path("name").asText()).isEqualTo(expected.detailsName());
    }
  }

  /** kind, apiVersion, metadata, status Failure and a code equal to the HTTP status. */
  static void assertStatusShape(JsonNode status, int httpCode) {
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(status.path("metadata").isObject()).isTrue();
    assertThat(status.path("status").asText()).isEqualTo("Failure");
    assertThat(status.path("code").isInt()).isTrue();
    assertThat(status.path("code").asInt()).isEqualTo(httpCode);
  }

  /** The {@code details.causes[]} of a Status error. */
  static List<Cause> causes(JsonNode status) {
    List<Cause> causes = new ArrayList<>();
    status
        .at("/details/causes")
        .forEach(
            c ->
                causes.add(
                    new Cause(
                        c.path("reason").asText(),
                        c.path("message").asText(),
                        c.path("field").asText())));
    return causes;
  }

  /** The condition the scheduler writes when no node can take the pod. */
  static void assertUnschedulable(JsonNode pod) {
    JsonNode conditions = pod.at("/status/conditions");
    assertThat(conditions).hasSize(1);
    JsonNode scheduled = conditions.path(0);
    assertThat(scheduled.path("type").asText()).isEqualTo("PodScheduled");
    assertThat(scheduled.path("status").asText()).isEqualTo("False");
    assertThat(scheduled.path("reason").asText()).isEqualTo("Unschedulable");
    assertThat(scheduled.path("message").asText()).isEqualTo(NO_NODES);
    assertThat(pod.at("/status/phase").asText()).isEqualTo("Pending");
  }

  /** The body of a 201 Created JSON reply. */
  static JsonNode created(Reply reply) {
    assertThat(reply.code()).as(reply.body()).isEqualTo(201);
    assertThat(reply.contentType()).isEqualTo(JSON);
    return reply.json();
  }

  /** The body of a 200 OK JSON reply. */
  static JsonNode ok(Reply reply) {
    assertThat(reply.code()).as(reply.body()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo(JSON);
    return reply.json();
  }

  /** Retries {@code assertion} until it passes or {@code within} has passed. */
  static void eventually(Duration within, Runnable assertion) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
