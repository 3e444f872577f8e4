package dev.troupe.http;

import static dev.troupe.http.ApiTestServer.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.http.ApiClient.Call;
import dev.troupe.http.ApiClient.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * discovery.k8s.io/v1 EndpointSlices over real HTTP (see {@link ApiTestServer}): written by hand as
 * Kubernetes allows, refused naming the field, selected by the service-name label and printed with
 * kubectl's columns.
 */
@ExtendWith(ApiTestServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointSliceApiTest {

  private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

  private final ApiClient api;

  EndpointSliceApiTest(ApiClient api) {
    this.api = api;
  }

  private static String slices(String ns) {
    return "/apis/discovery.k8s.io/v1/namespaces/" + ns + "/endpointslices";
  }

  private static String sliceJson(String name, String service, String address) {
    return """
        {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice",
         "metadata":{"name":"%s","labels":{"kubernetes.io/service-name":"%s"}},
         "addressType":"IPv4",
         "endpoints":[{"addresses":["%s"],"conditions":{"ready":true}}],
         "ports":[{"port":8080}]}
        """
        .formatted(name, service, address);
  }

  @Test
  void aSliceWrittenByHandIsStoredWithItsPortsDefaulted() {
    String ns = freshNamespace();

    Reply created = api.post(slices(ns), sliceJson("web-1", "web", "10.0.0.1"));
    Reply read = api.get(slices(ns) + "/web-1");

    assertThat(created.code()).as(created.body()).isEqualTo(201);
    JsonNode port = read.json().at("/ports/0");
    assertThat(port.path("name").isTextual() && port.path("name").asText().isEmpty()).isTrue();
    assertThat(port.path("protocol").asText()).isEqualTo("TCP");
    assertThat(port.path("port").asInt()).isEqualTo(8080);
    assertThat(read.json().at("/endpoints/0/conditions/ready").asBoolean()).isTrue();
  }

  @Test
  void anInvalidSliceIsRefusedNamingTheField() {
    Reply reply = api.post(slices(freshNamespace()), sliceJson("web-1", "web", "10.0.0.300"));

    assertThat(reply.code()).as(reply.body()).isEqualTo(422);
    assertThat(reply.json().path("reason").asText()).isEqualTo("Invalid");
    assertThat(reply.json().path("message").asText())
        .isEqualTo(
            "EndpointSlice.discovery.k8s.io \"web-1\" is invalid: endpoints[0].addresses[0]:"
                + " Invalid value: \"10.0.0.300\": must be a valid IPv4 address");
  }

  @Test
  void slicesAreSelectedByTheirServiceNameAndPrintWithKubectlsColumns() {
    String ns = freshNamespace();
    api.post(slices(ns), sliceJson("web-1", "web", "10.0.0.1"));
    api.post(slices(ns), sliceJson("db-1", "db", "10.0.0.2"));

    Reply reply =
        api.send(Call.get(slices(ns) + "?labelSelector=kubernetes.io%2Fservice-name%3Dweb"), TABLE);

    List<String> columns = new ArrayList<>();
    reply.json().path("columnDefinitions").forEach(c -> columns.add(c.path("name").asText()));
    assertThat(columns).containsExactly("Name", "AddressType", "Ports", "Endpoints", "Age");
    JsonNode rows = reply.json().path("rows");
    assertThat(rows).hasSize(1);
    assertThat(rows.at("/0/cells/0").asText()).isEqualTo("web-1");
    assertThat(rows.at("/0/cells/2").asText()).isEqualTo("8080");
    assertThat(rows.at("/0/cells/3").asText()).isEqualTo("10.0.0.1");
  }
}
