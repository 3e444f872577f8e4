package dev.troupe.core.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.validation.FieldError;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Cluster IPs and node ports as the API server's allocators hand them out and refuse them. */
class ServiceAddressesTest {

  private static final ServiceAddresses.Range RANGE = ServiceAddresses.Range.parse("127.77.0.0/16");

  private static KubeObject service(String spec) {
    try {
      return KubeObject.of(
          (ObjectNode)
              Json.mapper()
                  .readTree(
                      """
                      {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"d"},
                       "spec":%s}
                      """
                          .formatted(spec)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static ServiceAddresses.Allocated allocate(
      KubeObject service, Set<String> ips, Set<Integer> ports) {
    return ServiceAddresses.allocate(service, ips, ports, RANGE, 30000, 32767, new Random(7));
  }

  private static List<String> errors(ServiceAddresses.Allocated allocated) {
    return allocated.errors().stream().map(FieldError::toString).toList();
  }

  @Test
  void theRangeLeavesOutItsNetworkAndBroadcastAddresses() {
    assertThat(ServiceAddresses.toText(RANGE.first())).isEqualTo("127.77.0.1");
    assertThat(ServiceAddresses.toText(RANGE.last())).isEqualTo("127.77.255.254");
  }

  @Test
  void aServiceWithoutAClusterIpGetsAFreeOneInTheRange() {
    ServiceAddresses.Allocated allocated =
        allocate(service("{\"type\":\"ClusterIP\",\"ports\":[{\"port\":80}]}"), Set.of(), Set.of());

    String ip = allocated.service().at("/spec/clusterIP").asText();
    assertThat(allocated.isValid()).isTrue();
    assertThat(ip).startsWith("127.77.");
    assertThat(allocated.service().at("/spec/clusterIPs/0").asText()).isEqualTo(ip);
  }

  @Test
  void aRangeWithOneFreeAddressHandsOutThatOneAndThenNone() {
    ServiceAddresses.Range tiny = ServiceAddresses.Range.parse("127.78.0.0/30");
    KubeObject web = service("{\"type\":\"ClusterIP\",\"ports\":[{\"port\":80}]}");

    var first =
        ServiceAddresses.allocate(web, Set.of("127.78.0.1"), Set.of(), tiny, 1, 2, new Random());
    var none =
        ServiceAddresses.allocate(
            web, Set.of("127.78.0.1", "127.78.0.2"), Set.of(), tiny, 1, 2, new Random());

    assertThat(first.service().at("/spec/clusterIP").asText()).isEqualTo("127.78.0.2");
    assertThat(errors(none))
        .containsExactly(
            "spec.clusterIPs: Invalid value: \"[]\": failed to allocate IP: range is full");
  }

  @Test
  void aRequestedClusterIpIsHonouredWhenFreeAndRefusedWhenTakenOrOutOfRange() {
    KubeObject asking = service("{\"clusterIP\":\"127.77.0.9\",\"ports\":[{\"port\":80}]}");
    KubeObject outside = service("{\"clusterIP\":\"10.0.0.9\",\"ports\":[{\"port\":80}]}");

    assertThat(allocate(asking, Set.of(), Set.of()).service().at("/spec/clusterIPs/0").asText())
        .isEqualTo("127.77.0.9");
    assertThat(errors(allocate(asking, Set.of("127.77.0.9"), Set.of())))
        .containsExactly(
            "spec.clusterIPs: Invalid value: \"[\"127.77.0.9\"]\": failed to allocate IP"
                + " 127.77.0.9: provided IP is already allocated");
    assertThat(errors(allocate(outside, Set.of(), Set.of())))
        .singleElement()
        .asString()
        .endsWith("is not in the valid range. The range of valid IPs is 127.77.0.0/16");
  }

  @Test
  void headlessAndExternalNameServicesGetNoClusterIp() {
    var headless =
        allocate(
            service("{\"clusterIP\":\"None\",\"selector\":{\"a\":\"b\"}}"), Set.of(), Set.of());
    var external =
        allocate(
            service("{\"type\":\"ExternalName\",\"externalName\":\"db.example\"}"),
            Set.of(),
            Set.of());

    assertThat(headless.service().at("/spec/clusterIP").asText()).isEqualTo("None");
    assertThat(external.service().at("/spec/clusterIP").isMissingNode()).isTrue();
  }

  @Test
  void nodePortsAreHandedOutUniquelyAndARequestedOneIsCheckedLikeKubernetes() {
    KubeObject two =
        service(
            "{\"type\":\"NodePort\",\"ports\":[{\"name\":\"a\",\"port\":80},{\"name\":\"b\",\"port\":81}]}");
    Set<Integer> nearlyFull = new HashSet<>();
    for (int p = 30000; p <= 32767; p++) {
      nearlyFull.add(p);
    }
    nearlyFull.remove(31000);
    nearlyFull.remove(31001);

    var allocated = allocate(two, Set.of(), nearlyFull);

    assertThat(
            List.of(
                allocated.service().at("/spec/ports/0/nodePort").asInt(),
                allocated.service().at("/spec/ports/1/nodePort").asInt()))
        .containsExactlyInAnyOrder(31000, 31001);
    assertThat(
            errors(
                allocate(
                    service("{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":30080}]}"),
                    Set.of(),
                    Set.of(30080))))
        .containsExactly(
            "spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated");
    assertThat(
            errors(
                allocate(
                    service("{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":80}]}"),
                    Set.of(),
                    Set.of())))
        .containsExactly(
            "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range."
                + " The range of valid ports is 30000-32767");
  }

  @Test
  void theAddressesServicesHoldAreReadBackFromThem() {
    List<KubeObject> services =
        List.of(
            service("{\"clusterIP\":\"127.77.0.3\",\"ports\":[{\"port\":80,\"nodePort\":30001}]}"),
            service("{\"clusterIP\":\"None\",\"ports\":[{\"port\":80}]}"));

    assertThat(ServiceAddresses.ipsOf(services)).containsExactly("127.77.0.3");
    assertThat(ServiceAddresses.nodePortsOf(services)).containsExactly(30001);
  }
}
