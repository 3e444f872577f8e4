package dev.troupe.node.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.KubeObject;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The routing table the proxy makes of services and their EndpointSlices. */
class ServiceProxyRoutesTest {

  private static KubeObject object(String json) {
    try {
      return KubeObject.of((ObjectNode) Json.mapper().readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static final KubeObject WEB =
      object(
          """
          {"kind":"Service","metadata":{"name":"web","namespace":"d"},
           "spec":{"clusterIP":"127.77.0.5","type":"NodePort","sessionAffinity":"ClientIP",
                   "sessionAffinityConfig":{"clientIP":{"timeoutSeconds":60}},
                   "ports":[{"name":"http","port":80,"nodePort":30080},{"name":"admin","port":9000}]}}
          """);

  /** A slice of a service named {@code service} with one endpoint and these ports. */
  private static KubeObject slice(String service, String conditions, int http, int admin) {
    return object(
        """
        {"kind":"EndpointSlice","metadata":{"name":"%s-%d","namespace":"d",
           "labels":{"kubernetes.io/service-name":"%s"}},
         "addressType":"IPv4",
         "endpoints":[{"addresses":["127.0.0.1"],"conditions":%s}],
         "ports":[{"name":"http","port":%d},{"name":"admin","port":%d}]}
        """
            .formatted(service, http, service, conditions, http, admin));
  }

  private static final String READY = "{\"ready\":true,\"serving\":true,\"terminating\":false}";
  private static final String NOT_READY =
      "{\"ready\":false,\"serving\":false,\"terminating\":false}";
  private static final String TERMINATING =
      "{\"ready\":false,\"serving\":true,\"terminating\":true}";

  private static final List<KubeObject> WEB_SLICES =
      List.of(
          slice("web", READY, 32001, 33001),
          slice("web", NOT_READY, 32002, 33002),
          slice("other", READY, 32003, 33003));

  @Test
  void eachServicePortRoutesItsClusterAndNodeAddressesToTheReadyEndpointsOfItsSlices() {
    Map<String, ServiceProxy.Route> routes =
        ServiceProxy.Routes.of(List.of(WEB), WEB_SLICES, "127.0.0.1");

    assertThat(routes.keySet())
        .containsExactlyInAnyOrder("127.77.0.5:80", "127.0.0.1:30080", "127.77.0.5:9000");
    assertThat(routes.get("127.77.0.5:80").endpoints())
        .containsExactly(InetSocketAddress.createUnresolved("127.0.0.1", 32001));
    assertThat(routes.get("127.0.0.1:30080")).isEqualTo(routes.get("127.77.0.5:80"));
    assertThat(routes.get("127.77.0.5:9000").endpoints())
        .containsExactly(InetSocketAddress.createUnresolved("127.0.0.1", 33001));
    assertThat(routes.get("127.77.0.5:80").affinity()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aHeadlessServiceIsNotProxiedAndAServiceWithoutEndpointsHasNone() {
    KubeObject headless =
        object(
            """
            {"kind":"Service","metadata":{"name":"h","namespace":"d"},
             "spec":{"clusterIP":"None","ports":[{"port":80}]}}
            """);
    KubeObject lonely =
        object(
            """
            {"kind":"Service","metadata":{"name":"l","namespace":"d"},
             "spec":{"clusterIP":"127.77.0.6","ports":[{"port":80}]}}
            """);

    Map<String, ServiceProxy.Route> routes =
        ServiceProxy.Routes.of(List.of(headless, lonely), List.of(), "127.0.0.1");

    assertThat(routes).containsOnlyKeys("127.77.0.6:80");
    assertThat(routes.get("127.77.0.6:80").endpoints()).isEmpty();
    assertThat(routes.get("127.77.0.6:80").affinity()).isNull();
  }

  @Test
  void withoutAReadyEndpointTheServingTerminatingOnesTakeTheTraffic() {
    List<KubeObject> going =
        List.of(slice("web", TERMINATING, 32005, 33005), slice("web", NOT_READY, 32006, 33006));

    Map<String, ServiceProxy.Route> routes =
        ServiceProxy.Routes.of(List.of(WEB), going, "127.0.0.1");
    Map<String, ServiceProxy.Route> withOneReady =
        ServiceProxy.Routes.of(
            List.of(WEB),
            List.of(going.get(0), going.get(1), slice("web", READY, 32007, 33007)),
            "127.0.0.1");

    assertThat(routes.get("127.77.0.5:80").endpoints())
        .containsExactly(InetSocketAddress.createUnresolved("127.0.0.1", 32005));
    assertThat(withOneReady.get("127.77.0.5:80").endpoints())
        .containsExactly(InetSocketAddress.createUnresolved("127.0.0.1", 32007));
  }
}
