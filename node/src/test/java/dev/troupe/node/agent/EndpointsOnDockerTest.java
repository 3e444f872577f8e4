package dev.troupe.node.agent;

import static dev.troupe.node.agent.DockerNodeFixture.await;
import static dev.troupe.node.agent.DockerNodeFixture.isReady;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.actors.Outcome;
import dev.troupe.actors.index.Page;
import dev.troupe.actors.index.Selection;
import dev.troupe.actors.object.ObjectEntity;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.events.Cause;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A Service's endpoints follow the pods its selector selects, on the real Docker engine: each ready
 * pod at the host port its target is published on, a pod whose readiness fails moved to the
 * not-ready addresses, and the Endpoints gone with the Service; its EndpointSlices alike.
 */
class EndpointsOnDockerTest extends OnDockerNode {

  private static final String APP_WEB = "{\"app\":\"web\"}";
  private static final String GRACE = "\"terminationGracePeriodSeconds\":1";

  private static final String CONTAINER =
      """
      {"name":"web","image":"troupe/hello:1","ports":[{"name":"http","containerPort":8080}],
       "readinessProbe":{"httpGet":{"path":"/healthz","port":"http"},
                         "periodSeconds":1,"failureThreshold":1}}
      """;

  /** The Endpoints of {@code name}, once {@code condition} holds of their subsets. */
  private JsonNode awaitEndpoints(String name, java.util.function.Predicate<JsonNode> condition) {
    JsonNode[] subsets = new JsonNode[1];
    node.awaitTrue(
        () -> {
          ObjectEntity.Reply reply =
              await(node.objects(ResourceTypes.ENDPOINTS).get("default", name));
          subsets[0] = reply.outcome() == Outcome.OK ? reply.object().json().path("subsets") : null;
          return subsets[0] != null && condition.test(subsets[0]);
        },
        "the endpoints of " + name);
    return subsets[0];
  }

  /** The service's EndpointSlices by pod name, once {@code condition} holds of them. */
  private Map<String, JsonNode> awaitSlices(
      String service, java.util.function.Predicate<Map<String, JsonNode>> condition) {
    List<Map<String, JsonNode>> seen = new ArrayList<>(List.of(Map.of()));
    node.awaitTrue(
        () -> {
          Map<String, JsonNode> byPod = new TreeMap<>();
          for (KubeObject slice :
              await(
                      node.objects(ResourceTypes.ENDPOINT_SLICES)
                          .list(Selection.inNamespace("default"), Page.ALL))
                  .items()) {
            if (slice.at("/metadata/labels/kubernetes.io~1service-name").asText().equals(service)) {
              for (JsonNode endpoint : slice.json().path("endpoints")) {
                byPod.put(endpoint.at("/targetRef/name").asText(), slice.json());
              }
            }
          }
          seen.set(0, byPod);
          return condition.test(byPod);
        },
        "the endpoint slices of " + service);
    return seen.get(0);
  }

  private static List<String> names(JsonNode subsets, String field) {
    List<String> names = new ArrayList<>();
    for (JsonNode subset : subsets) {
      for (JsonNode address : subset.path(field)) {
        names.add(address.at("/targetRef/name").asText());
      }
    }
    return names;
  }

  private static int hostPort(Pod pod) {
    return pod.status().hostPorts().get(0).hostPort();
  }

  @Test
  void aServicesEndpointsAreItsReadyPodsAtTheirPublishedPortsAndFollowTheirReadiness() {
    node.create("web-1", APP_WEB, "{}", GRACE, CONTAINER);
    node.create("web-2", APP_WEB, "{}", GRACE, CONTAINER);
    node.create("other", "{\"app\":\"db\"}", "{}", GRACE, CONTAINER);
    Pod first = node.awaitPod("web-1", p -> isReady(p));
    Pod second = node.awaitPod("web-2", p -> isReady(p));

    node.createObject(
        ResourceTypes.SERVICES,
        """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","labels":{"tier":"front"}},
         "spec":{"selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":"http"}]}}
        """);

    JsonNode both = awaitEndpoints("web", s -> names(s, "addresses").size() == 2);
    assertThat(names(both, "addresses")).containsExactly("web-1", "web-2");
    assertThat(both.get(0).at("/ports/0/port").asInt()).isEqualTo(hostPort(first));
    assertThat(both.get(1).at("/ports/0/port").asInt()).isEqualTo(hostPort(second));
    assertThat(both.get(0).at("/addresses/0/ip").asText()).isEqualTo("127.0.0.1");
    Map<String, JsonNode> slices = awaitSlices("web", s -> s.size() == 2);
    assertThat(slices.keySet()).containsExactly("web-1", "web-2");
    assertThat(slices.get("web-1").at("/ports/0/port").asInt()).isEqualTo(hostPort(first));
    assertThat(slices.get("web-1").at("/endpoints/0/addresses/0").asText()).isEqualTo("127.0.0.1");
    assertThat(slices.get("web-1").at("/metadata/ownerReferences/0/name").asText())
        .isEqualTo("web");

    node.shell(first, "rm /www/healthz");
    JsonNode oneDown = awaitEndpoints("web", s -> names(s, "notReadyAddresses").size() == 1);
    assertThat(names(oneDown, "notReadyAddresses")).containsExactly("web-1");
    assertThat(names(oneDown, "addresses")).containsExactly("web-2");
    Map<String, JsonNode> sliceDown =
        awaitSlices(
            "web",
            sl ->
                sl.containsKey("web-1")
                    && !sl.get("web-1").at("/endpoints/0/conditions/ready").asBoolean());
    assertThat(sliceDown.get("web-2").at("/endpoints/0/conditions/ready").asBoolean()).isTrue();

    ObjectEntity.Reply endpoints =
        await(node.objects(ResourceTypes.ENDPOINTS).get("default", "web"));
    assertThat(endpoints.object().at("/metadata/labels/tier").asText()).isEqualTo("front");
    await(
        node.objects(ResourceTypes.SERVICES)
            .delete("default", "web", null, null, Cause.of("test", "request/test", "delete")));
    node.awaitTrue(
        () ->
            await(node.objects(ResourceTypes.ENDPOINTS).get("default", "web")).outcome()
                == Outcome.NOT_FOUND,
        "the endpoints to go with their service");
    awaitSlices("web", Map::isEmpty);
  }
}
