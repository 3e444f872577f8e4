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

/** The routing table the proxy makes of services and their endpoints. */
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

  private static final KubeObject WEB_ENDPOINTS =
      object(
          """
          {"kind":"Endpoints","metadata":{"name":"web","namespace":"d"},"subsets":[
            {"addresses":[{"ip":"127.0.0.1"}],
             "ports":[{"name":"http","port":32001},{"name":"admin","port":33001}]},
            {"notReadyAddresses":[{"ip":"127.0.0.1"}],
             "ports":[{"name":"http","port":32002},{"name":"admin","port":33002}]}]}
          """);

  @Test
  void eachServicePortRoutesItsClusterAndNodeAddressesToTheReadyEndpointsOfThatPort() {
    Map<String, ServiceProxy.Route> routes =
        ServiceProxy.Routes.of(List.of(WEB), List.of(WEB_ENDPOINTS), "127.0.0.1");

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
}
