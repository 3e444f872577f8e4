package dev.troupe.core.services;

import static dev.troupe.core.services.ServiceFixtures.pod;
import static dev.troupe.core.services.ServiceFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Service's endpoints from the pods its selector selects, as the endpoints controller has them.
 */
class EndpointsControlTest {

  private static final KubeObject WEB = ServiceFixtures.WEB;

  @Test
  void eachSelectedPodIsAnEndpointAtTheHostPortsItsTargetsArePublishedOn() {
    List<Pod> pods =
        List.of(
            pod("web-b", "web", true, 32002, 33002, ""),
            pod("web-a", "web", true, 32001, 33001, ""),
            pod("db-a", "db", true, 32003, 33003, ""));

    String subsets = EndpointsControl.subsets(WEB, pods).toString();

    assertThat(subsets)
        .isEqualTo(
            "[{\"addresses\":[{\"ip\":\"127.0.0.1\",\"nodeName\":\"node-1\",\"targetRef\":"
                + "{\"kind\":\"Pod\",\"namespace\":\"shop\",\"name\":\"web-a\",\"uid\":\"uid-web-a\"}}],"
                + "\"ports\":[{\"name\":\"http\",\"port\":32001,\"protocol\":\"TCP\"},"
                + "{\"name\":\"admin\",\"port\":33001,\"protocol\":\"TCP\"}]},"
                + "{\"addresses\":[{\"ip\":\"127.0.0.1\",\"nodeName\":\"node-1\",\"targetRef\":"
                + "{\"kind\":\"Pod\",\"namespace\":\"shop\",\"name\":\"web-b\",\"uid\":\"uid-web-b\"}}],"
                + "\"ports\":[{\"name\":\"http\",\"port\":32002,\"protocol\":\"TCP\"},"
                + "{\"name\":\"admin\",\"port\":33002,\"protocol\":\"TCP\"}]}]");
  }

  @Test
  void aPodThatIsNotReadyIsListedApartUnlessNotReadyAddressesArePublished() {
    List<Pod> pods = List.of(pod("web-a", "web", false, 32001, 33001, ""));
    KubeObject publishing =
        service(
            """
            {"selector":{"app":"web"},"publishNotReadyAddresses":true,
             "ports":[{"port":80,"targetPort":8080,"protocol":"TCP"}]}
            """);

    assertThat(EndpointsControl.subsets(WEB, pods).get(0).has("addresses")).isFalse();
    assertThat(EndpointsControl.subsets(WEB, pods).get(0).path("notReadyAddresses")).hasSize(1);
    assertThat(EndpointsControl.subsets(publishing, pods).get(0).path("addresses")).hasSize(1);
  }

  @Test
  void terminatingAndUnplacedPodsAreNoEndpoints() {
    Pod terminating =
        pod("web-a", "web", true, 32001, 33001, ",\"deletionTimestamp\":\"2026-11-29T20:00:00Z\"");

    assertThat(EndpointsControl.subsets(WEB, List.of(terminating))).isEmpty();
  }

  @Test
  void aTargetThePodDoesNotPublishLeavesItOutOfThatPort() {
    KubeObject elsewhere =
        service(
            """
            {"selector":{"app":"web"},"ports":[{"port":80,"targetPort":7070,"protocol":"TCP"}]}
            """);

    assertThat(EndpointsControl.subsets(elsewhere, List.of(pod("web-a", "web", true, 1, 2, ""))))
        .isEmpty();
  }

  @Test
  void aHeadlessServiceWithoutPortsListsItsPodsAddressesAlone() {
    KubeObject portless = service("{\"clusterIP\":\"None\",\"selector\":{\"app\":\"web\"}}");
    Pod pod = pod("web-a", "web", true, 32001, 33001, "");

    assertThat(EndpointsControl.subsets(portless, List.of(pod)).toString())
        .isEqualTo(
            "[{\"addresses\":[{\"ip\":\"127.0.0.1\",\"nodeName\":\"node-1\",\"targetRef\":"
                + "{\"kind\":\"Pod\",\"namespace\":\"shop\",\"name\":\"web-a\",\"uid\":\"uid-web-a\"}}]}]");
  }

  @Test
  void onlyServicesWithASelectorHaveTheirEndpointsManaged() {
    assertThat(EndpointsControl.managed(WEB)).isTrue();
    assertThat(EndpointsControl.managed(service("{\"ports\":[{\"port\":80}]}"))).isFalse();
  }

  @Test
  void aServiceSelectsThePodsThatCarryAllItsSelectorsLabels() {
    assertThat(EndpointsControl.selects(WEB, pod("web-a", "web", true, 1, 2, ""))).isTrue();
    assertThat(EndpointsControl.selects(WEB, pod("db-a", "db", true, 1, 2, ""))).isFalse();
    assertThat(
            EndpointsControl.selects(
                service("{\"ports\":[{\"port\":80}]}"), pod("web-a", "web", true, 1, 2, "")))
        .isFalse();
  }
}
