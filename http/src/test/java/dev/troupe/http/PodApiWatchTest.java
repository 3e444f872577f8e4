package dev.troupe.http;

import static dev.troupe.http.ApiAssertions.created;
import static dev.troupe.http.ApiAssertions.ok;
import static dev.troupe.http.ApiTestServer.freshNamespace;
import static dev.troupe.http.TestPods.pod;
import static dev.troupe.http.TestPods.podJson;
import static dev.troupe.http.TestPods.pods;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.http.ApiClient.Call;
import dev.troupe.http.ApiClient.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lists with selectors, server-side printing and watches, over real HTTP (see {@link
 * ApiTestServer}), with the query strings and Accept headers kubectl sends.
 */
@ExtendWith(ApiTestServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodApiWatchTest {

  /** What kubectl sends for a human-readable {@code get}. */
  static final String TABLE =
      "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;"
          + "g=meta.k8s.io,application/json";

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ApiClient api;

  PodApiWatchTest(ApiClient api) {
    this.api = api;
  }

  @Test
  void aLabelSelectorListsOnlyTheMatchingPods() {
    String ns = freshNamespace();
    created(api.post(pods(ns), labelled("web", "web")));
    created(api.post(pods(ns), labelled("db", "db")));

    JsonNode webs = ok(api.get(pods(ns) + "?labelSelector=app%3Dweb"));
    JsonNode notWebs = ok(api.get(pods(ns) + "?labelSelector=app%21%3Dweb"));

    assertThat(names(webs)).containsExactly("web");
    assertThat(names(notWebs)).containsExactly("db");
  }

  @Test
  void aFieldSelectorByNameListsThatPodAsRolloutStatusAsksForIt() {
    String ns = freshNamespace();
    created(api.post(pods(ns), podJson("a")));
    created(api.post(pods(ns), podJson("b")));

    JsonNode list =
        ok(api.get(pods(ns) + "?fieldSelector=metadata.name%3Db&limit=500&resourceVersion=0"));

    assertThat(names(list)).containsExactly("b");
  }

  @Test
  void selectorsThatDoNotParseOrNameUnknownFieldsAreRefusedWithTheReason() {
    Reply badLabels = api.get(pods(freshNamespace()) + "?labelSelector=app%20in%20(a");
    Reply unknownField = api.get(pods(freshNamespace()) + "?fieldSelector=spec.hostname%3Dx");

    assertThat(badLabels.code()).isEqualTo(400);
    assertThat(badLabels.json().path("message").asText()).startsWith("unable to parse requirement");
    assertThat(unknownField.code()).isEqualTo(400);
    assertThat(unknownField.json().path("message").asText())
        .isEqualTo("field label not supported: spec.hostname");
  }

  @Test
  void aLimitedListContinuesWithItsTokenUntilEveryPodWasServedOnce() {
    String ns = freshNamespace();
    for (String name : List.of("a", "b", "c")) {
      created(api.post(pods(ns), podJson(name)));
    }

    JsonNode first = ok(api.get(pods(ns) + "?limit=2"));
    String token = first.at("/metadata/continue").asText();
    JsonNode rest = ok(api.get(pods(ns) + "?limit=2&continue=" + token));

    assertThat(names(first)).containsExactly("a", "b");
    assertThat(token).isNotEmpty();
    assertThat(names(rest)).containsExactly("c");
    assertThat(rest.at("/metadata").has("continue")).isFalse();
    assertThat(rest.at("/metadata/resourceVersion").asText())
        .isEqualTo(first.at("/metadata/resourceVersion").asText());
  }

  @Test
  void aContinueTokenThatIsNotOneIsRefused() {
    Reply reply = api.get(pods(freshNamespace()) + "?continue=bm90LWEtdG9rZW4");

    assertThat(reply.code()).isEqualTo(400);
    assertThat(reply.json().path("message").asText())
        .isEqualTo("continue key is not valid: bm90LWEtdG9rZW4");
  }

  @Test
  void kubectlsTableAcceptHeaderGetsATableWithTheServersColumnsAndMetadataRows() {
    String ns = freshNamespace();
    created(api.post(pods(ns), podJson("web")));

    Reply reply = api.send(Call.get(pods(ns)), TABLE);

    assertThat(reply.code()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo("application/json;as=Table;v=v1;g=meta.k8s.io");
    JsonNode table = reply.json();
    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("columnDefinitions").findValuesAsText("name"))
        .startsWith("Name", "Ready", "Status", "Restarts", "Age");
    JsonNode row = table.path("rows").get(0);
    assertThat(row.path("cells").get(0).asText()).isEqualTo("web");
    assertThat(row.path("cells").get(1).asText()).isEqualTo("0/1");
    assertThat(row.path("cells").get(2).asText()).isEqualTo("Pending");
    assertThat(row.at("/object/kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThat(row.at("/object/metadata/namespace").asText()).isEqualTo(ns);
  }

  @Test
  void oneObjectAsATableIsAOneRowTableAndIncludeObjectGivesTheWholePod() {
    String ns = freshNamespace();
    created(api.post(pods(ns), podJson("web")));

    JsonNode single = api.send(Call.get(pod(ns, "web")), TABLE).json();
    JsonNode full = api.send(Call.get(pods(ns) + "?includeObject=Object"), TABLE).json();

    assertThat(single.path("rows")).hasSize(1);
    assertThat(full.at("/rows/0/object/kind").asText()).isEqualTo("Pod");
    assertThat(full.at("/rows/0/object/spec/containers/0/image").asText())
        .isEqualTo("troupe/hello:1");
  }

  @Test
  void aWatchFromTheListsVersionStreamsEachLaterChangeAsItHappens() {
    String ns = freshNamespace();
    created(api.post(pods(ns), podJson("before")));
    String listed = ok(api.get(pods(ns))).at("/metadata/resourceVersion").asText();

    ApiClient.Watch watch =
        api.watch(pods(ns) + "?watch=true&resourceVersion=" + listed, "application/json");
    created(api.post(pods(ns), podJson("after")));
    assertThat(api.delete(pod(ns, "after")).code()).isEqualTo(200);

    assertThat(watch.code()).isEqualTo(200);
    // "before" may still change (the scheduler records that no node fits); "after" is new.
    JsonNode added = watch.next(WAIT);
    while (added.at("/object/metadata/name").asText().equals("before")) {
      assertThat(added.path("type").asText()).isEqualTo("MODIFIED");
      added = watch.next(WAIT);
    }
    assertThat(added.path("type").asText()).isEqualTo("ADDED");
    assertThat(added.at("/object/kind").asText()).isEqualTo("Pod");
    assertThat(added.at("/object/metadata/name").asText()).isEqualTo("after");
    JsonNode last = added;
    while (!last.path("type").asText().equals("DELETED")) {
      last = watch.next(WAIT);
      assertThat(last.at("/object/metadata/name").asText()).isEqualTo("after");
    }
    watch.done().cancel(true);
  }

  @Test
  void aWatchFromZeroStartsWithTheCurrentPodsAndHonoursTimeoutSeconds() {
    String ns = freshNamespace();
    created(api.post(pods(ns), podJson("present")));

    ApiClient.Watch watch =
        api.watch(pods(ns) + "?watch=true&resourceVersion=0&timeoutSeconds=1", TABLE);

    JsonNode first = watch.next(WAIT);
    assertThat(first.path("type").asText()).isEqualTo("ADDED");
    assertThat(first.at("/object/kind").asText()).isEqualTo("Table");
    assertThat(first.at("/object/rows/0/cells/0").asText()).isEqualTo("present");
    assertThat(watch.done()).succeedsWithin(WAIT);
  }

  @Test
  void aWatchFromAVersionOlderThanTheIndexIsGoneSoTheClientListsAgain() {
    Reply reply = api.get(pods(freshNamespace()) + "?watch=true&resourceVersion=1");

    assertThat(reply.code()).isEqualTo(410);
    assertThat(reply.json().path("reason").asText()).isEqualTo("Expired");
    assertThat(reply.json().path("message").asText()).startsWith("too old resource version: 1 (");
  }

  private static java.util.List<String> names(JsonNode list) {
    return TestPods.items(list).stream().map(i -> i.at("/metadata/name").asText()).toList();
  }

  private static String labelled(String name, String app) {
    return """
        {"metadata":{"name":"%s","labels":{"app":"%s"}},
         "spec":{"containers":[{"name":"main","image":"troupe/hello:1"}]}}
        """
        .formatted(name, app);
  }
}
