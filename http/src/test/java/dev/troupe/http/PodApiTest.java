package dev.troupe.http;

import static dev.troupe.http.ApiClient.JSON;
import static dev.troupe.http.ApiClient.YAML;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.actors.ControlPlane;
import dev.troupe.config.TroupeSettings;
import dev.troupe.http.ApiClient.Call;
import dev.troupe.http.ApiClient.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pod API over real HTTP: a one-member cluster with in-memory persistence, the API bound on a
 * free loopback port, and {@link java.net.http.HttpClient} as the client. No node agent runs, so
 * pods stay Pending and unbound. Each test works in a namespace of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodApiTest {

  private static final String UUID_SHAPE =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  private static final String WHOLE_SECONDS_UTC = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";
  private static final String NO_NODES = "0/0 nodes are available: no nodes registered.";
  private static final String SUBDOMAIN_RULE =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'example.com',"
          + " regex used for validation is"
          + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  private static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

  private final AtomicInteger namespaces = new AtomicInteger();
  private ActorSystem<Void> system;
  private ApiClient api;

  @BeforeAll
  void startAOneMemberClusterServingTheApi() throws Exception {
    Config config =
        ConfigFactory.parseString(
                """
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical.hostname = 127.0.0.1
                pekko.remote.artery.canonical.port = 0
                pekko.cluster.roles = [control-plane, worker]
                pekko.actor.serialize-messages = on
                pekko.cluster.jmx.enabled = off
                """)
            .withFallback(PersistenceTestKitPlugin.getInstance().config())
            .withFallback(PersistenceTestKitSnapshotPlugin.getInstance().config())
            .withFallback(ConfigFactory.load());
    system = ActorSystem.create(Behaviors.empty(), "api-test", config);
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    TroupeSettings settings = TroupeSettings.load(Map.of("troupe.api.port", 0));
    ControlPlane controlPlane =
        ControlPlane.start(system, settings, Clock.systemUTC(), Source::empty);
    ServerBinding binding =
        new ApiServer(controlPlane.pods(), settings.api(), "test")
            .bind(system)
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    api = new ApiClient(binding.localAddress().getPort());
    eventually(
        Duration.ofSeconds(20),
        () -> assertThat(api.send(Call.get("/readyz"), null).code()).isEqualTo(200));
  }

  @AfterAll
  void stopTheCluster() throws Exception {
    if (system != null) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
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

  // --- Delete ------------------------------------------------------------------------------------

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
            Call.get(pod("errors", "nope") + "/status"),
            ExpectedStatus.exactly(
                404, "NotFound", "the server could not find the requested resource")));
  }

  /**
   * The server has no PUT, PATCH, POST to the cluster-wide list, nor DELETE of a collection yet:
   * like Kubernetes for a method a path does not serve, it answers 405 and writes nothing.
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
    byte[] patch = "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}".getBytes(StandardCharsets.UTF_8);
    return Stream.of(
        Arguments.of("PUT on a pod", Call.put(pods("{ns}") + "/web", podJson("web"))),
        Arguments.of(
            "PATCH on a pod",
            new Call("PATCH", pods("{ns}") + "/web", "application/merge-patch+json", patch)),
        Arguments.of(
            "POST to the cluster-wide list", Call.post("/api/v1/pods", JSON, podJson("web"))),
        Arguments.of("DELETE of the collection", Call.delete(pods("{ns}"))));
  }

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

  // --- Expectations ------------------------------------------------------------------------------

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

  private static void assertStatus(Reply reply, ExpectedStatus expected) {
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
  private static void assertStatusShape(JsonNode status, int httpCode) {
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(status.path("metadata").isObject()).isTrue();
    assertThat(status.path("status").asText()).isEqualTo("Failure");
    assertThat(status.path("code").isInt()).isTrue();
    assertThat(status.path("code").asInt()).isEqualTo(httpCode);
  }

  /** The condition the scheduler writes when no node can take the pod. */
  private static void assertUnschedulable(JsonNode pod) {
    JsonNode conditions = pod.at("/status/conditions");
    assertThat(conditions).hasSize(1);
    JsonNode scheduled = conditions.path(0);
    assertThat(scheduled.path("type").asText()).isEqualTo("PodScheduled");
    assertThat(scheduled.path("status").asText()).isEqualTo("False");
    assertThat(scheduled.path("reason").asText()).isEqualTo("Unschedulable");
    assertThat(scheduled.path("message").asText()).isEqualTo(NO_NODES);
    assertThat(pod.at("/status/phase").asText()).isEqualTo("Pending");
  }

  // --- Helpers -----------------------------------------------------------------------------------

  private String freshNamespace() {
    return "ns-" + namespaces.incrementAndGet();
  }

  private static String pods(String namespace) {
    return "/api/v1/namespaces/" + namespace + "/pods";
  }

  private static String pod(String namespace, String name) {
    return pods(namespace) + "/" + name;
  }

  private static String podJson(String name) {
    return """
        {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"name": "%s", "labels": {"app": "hello"}},
         "spec": {"containers": [{"name": "hello", "image": "troupe/hello:1",
                                  "ports": [{"containerPort": 8080}]}]}}
        """
        .formatted(name);
  }

  private static String podYaml(String name) {
    return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
          labels:
            app: hello
        spec:
          containers:
          - name: hello
            image: troupe/hello:1
            ports:
            - containerPort: 8080
        """
        .formatted(name);
  }

  /** A well-formed pod, padded by one annotation to one byte over the limit. */
  private static byte[] oversizedPod() {
    String head = "{\"metadata\": {\"name\": \"huge\", \"annotations\": {\"pad\": \"";
    String tail =
        "\"}}, \"spec\": {\"containers\": [{\"name\": \"app\", \"image\": \"troupe/hello:1\"}]}}";
    byte[] body = new byte[MAX_BODY_BYTES + 1];
    java.util.Arrays.fill(body, (byte) 'x');
    System.arraycopy(head.getBytes(StandardCharsets.UTF_8), 0, body, 0, head.length());
    byte[] end = tail.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(end, 0, body, body.length - end.length, end.length);
    return body;
  }

  private static JsonNode created(Reply reply) {
    assertThat(reply.code()).as(reply.body()).isEqualTo(201);
    assertThat(reply.contentType()).isEqualTo(JSON);
    return reply.json();
  }

  private static JsonNode ok(Reply reply) {
    assertThat(reply.code()).as(reply.body()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo(JSON);
    return reply.json();
  }

  private static String rv(JsonNode object) {
    return object.at("/metadata/resourceVersion").asText();
  }

  private static JsonNode withoutSchedulerWrite(JsonNode pod) {
    ObjectNode copy = pod.deepCopy();
    ((ObjectNode) copy.path("metadata")).remove("resourceVersion");
    ((ObjectNode) copy.path("status")).remove("conditions");
    return copy;
  }

  private static List<JsonNode> items(JsonNode list) {
    List<JsonNode> items = new ArrayList<>();
    list.path("items").forEach(items::add);
    return items;
  }

  private static List<String> uids(JsonNode list) {
    return items(list).stream().map(i -> i.at("/metadata/uid").asText()).toList();
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<Cause> causes(JsonNode status) {
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

  /** Retries {@code assertion} until it passes or {@code within} has passed. */
  private static void eventually(Duration within, Runnable assertion) {
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
