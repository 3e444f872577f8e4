package dev.troupe.core.services;

import static dev.troupe.core.services.ServiceFixtures.WEB;
import static dev.troupe.core.services.ServiceFixtures.json;
import static dev.troupe.core.services.ServiceFixtures.pod;
import static dev.troupe.core.services.ServiceFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Pod;
import dev.troupe.core.services.EndpointSliceControl.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A Service's EndpointSlices from the pods its selector selects, and the writes that keep them. */
class EndpointSliceControlTest {

  private static final String TERMINATING = ",\"deletionTimestamp\":\"2026-11-29T20:00:00Z\"";

  private static List<KubeObject> stored(List<ObjectNode> slices) {
    List<KubeObject> stored = new ArrayList<>();
    for (ObjectNode slice : slices) {
      ObjectNode copy = slice.deepCopy();
      ((ObjectNode) copy.path("metadata")).put("resourceVersion", "7");
      stored.add(KubeObject.of(copy));
    }
    return stored;
  }

  @Test
  void eachPodPublishingPortsOfItsOwnHasASliceLabelledAndOwnedByTheService() {
    List<Pod> pods =
        List.of(
            pod("web-a", "web", true, 32001, 33001, ""),
            pod("web-b", "web", true, 32002, 33002, ""),
            pod("db-a", "db", true, 32003, 33003, ""));

    List<ObjectNode> slices = EndpointSliceControl.desired(WEB, pods);

    assertThat(slices).hasSize(2);
    ObjectNode first =
        slices.stream()
            .filter(s -> s.at("/endpoints/0/targetRef/name").asText().equals("web-a"))
            .findFirst()
            .orElseThrow();
    assertThat(first.path("metadata").path("name").asText()).matches("web-[a-z0-9]{5,10}");
    assertThat(first.path("metadata").path("labels"))
        .isEqualTo(
            json(
                """
                {"endpointslice.kubernetes.io/managed-by":"endpointslice-controller.k8s.io",
                 "kubernetes.io/service-name":"web"}
                """));
    assertThat(first.at("/metadata/ownerReferences/0"))
        .isEqualTo(
            json(
                """
                {"apiVersion":"v1","kind":"Service","name":"web","uid":"uid-svc",
                 "controller":true,"blockOwnerDeletion":true}
                """));
    assertThat(first.path("addressType").asText()).isEqualTo("IPv4");
    assertThat(first.path("endpoints"))
        .isEqualTo(
            json(
                """
                [{"addresses":["127.0.0.1"],
                  "conditions":{"ready":true,"serving":true,"terminating":false},
                  "targetRef":{"kind":"Pod","namespace":"shop","name":"web-a","uid":"uid-web-a"},
                  "nodeName":"node-1"}]
                """));
    assertThat(first.path("ports"))
        .isEqualTo(
            json(
                """
                [{"name":"http","protocol":"TCP","port":32001},
                 {"name":"admin","protocol":"TCP","port":33001}]
                """));
  }

  @Test
  void podsServingTheSamePortsShareSlicesOfAtMostAHundredEndpoints() {
    List<Pod> pods =
        IntStream.range(0, 150)
            .mapToObj(i -> pod("web-%03d".formatted(i), "web", true, 32001, 33001, ""))
            .toList();

    List<ObjectNode> slices = EndpointSliceControl.desired(WEB, pods);

    assertThat(slices)
        .extracting(s -> s.path("endpoints").size())
        .containsExactlyInAnyOrder(100, 50);
    assertThat(slices)
        .extracting(s -> s.path("metadata").path("name").asText())
        .doesNotHaveDuplicates();
  }

  @Test
  void aTerminatingPodStaysListedAsServingButNotReady() {
    List<Pod> pods = List.of(pod("web-a", "web", true, 32001, 33001, TERMINATING));

    JsonNode conditions =
        EndpointSliceControl.desired(WEB, pods).get(0).at("/endpoints/0/conditions");

    assertThat(conditions)
        .isEqualTo(json("{\"ready\":false,\"serving\":true,\"terminating\":true}"));
  }

  @Test
  void aPodThatIsNotReadyIsNeitherReadyNorServingUnlessNotReadyAddressesArePublished() {
    List<Pod> pods = List.of(pod("web-a", "web", false, 32001, 33001, ""));
    KubeObject publishing =
        service(
            """
            {"selector":{"app":"web"},"publishNotReadyAddresses":true,
             "ports":[{"port":80,"targetPort":8080,"protocol":"TCP"}]}
            """);

    assertThat(EndpointSliceControl.desired(WEB, pods).get(0).at("/endpoints/0/conditions"))
        .isEqualTo(json("{\"ready\":false,\"serving\":false,\"terminating\":false}"));
    assertThat(EndpointSliceControl.desired(publishing, pods).get(0).at("/endpoints/0/conditions"))
        .isEqualTo(json("{\"ready\":true,\"serving\":true,\"terminating\":false}"));
  }

  @Test
  void aHeadlessServicesSlicesCarryItsLabelsAndTheHeadlessLabel() {
    KubeObject headless =
        KubeObject.of(
            (ObjectNode)
                json(
                    """
                    {"apiVersion":"v1","kind":"Service",
                     "metadata":{"name":"web","namespace":"shop","uid":"u",
                                 "labels":{"tier":"front","kubernetes.io/service-name":"other"}},
                     "spec":{"clusterIP":"None","selector":{"app":"web"},
                             "ports":[{"port":80,"targetPort":8080,"protocol":"TCP"}]}}
                    """));

    JsonNode labels =
        EndpointSliceControl.desired(headless, List.of(pod("web-a", "web", true, 1, 2, "")))
            .get(0)
            .at("/metadata/labels");

    assertThat(labels)
        .isEqualTo(
            json(
                """
                {"tier":"front","service.kubernetes.io/headless":"",
                 "endpointslice.kubernetes.io/managed-by":"endpointslice-controller.k8s.io",
                 "kubernetes.io/service-name":"web"}
                """));
  }

  @Test
  void slicesAlreadyStoredAsWantedNeedNoWrite() {
    List<Pod> pods = List.of(pod("web-a", "web", true, 32001, 33001, ""));
    List<KubeObject> stored = stored(EndpointSliceControl.desired(WEB, pods));

    assertThat(EndpointSliceControl.plan(WEB, pods, stored).isEmpty()).isTrue();
  }

  @Test
  void aChangedPodUpdatesItsSliceAtTheStoredVersionAndAGonePodsSliceIsDeleted() {
    List<Pod> before =
        List.of(
            pod("web-a", "web", true, 32001, 33001, ""),
            pod("web-b", "web", true, 32002, 33002, ""));
    List<KubeObject> stored = stored(EndpointSliceControl.desired(WEB, before));
    List<Pod> after = List.of(pod("web-a", "web", false, 32001, 33001, ""));

    Plan plan = EndpointSliceControl.plan(WEB, after, stored);

    assertThat(plan.creates()).isEmpty();
    assertThat(plan.updates()).hasSize(1);
    KubeObject updated = plan.updates().get(0);
    assertThat(updated.metadata().resourceVersion()).isEqualTo("7");
    assertThat(updated.at("/endpoints/0/conditions/ready").asBoolean()).isFalse();
    assertThat(plan.deletes())
        .extracting(s -> s.at("/endpoints/0/targetRef/name").asText())
        .containsExactly("web-b");
  }

  @Test
  void aSliceLeftWithoutAnOwnerByAServiceOfTheSameNameIsAdopted() {
    List<Pod> pods = List.of(pod("web-a", "web", true, 32001, 33001, ""));
    List<KubeObject> stored = stored(EndpointSliceControl.desired(WEB, pods));
    ((ObjectNode) stored.get(0).json().path("metadata")).remove("ownerReferences");

    Plan plan = EndpointSliceControl.plan(WEB, pods, stored);

    assertThat(plan.updates())
        .singleElement()
        .satisfies(
            s -> assertThat(s.at("/metadata/ownerReferences/0/uid").asText()).isEqualTo("uid-svc"));
  }

  @Test
  void aNewPodIsCreatedASliceAndSlicesOfOthersAreLeftAlone() {
    ObjectNode foreign =
        (ObjectNode)
            json(
                """
                {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice",
                 "metadata":{"name":"web-by-hand","namespace":"shop",
                             "labels":{"kubernetes.io/service-name":"web"}},
                 "addressType":"IPv4","endpoints":[]}
                """);

    Plan plan =
        EndpointSliceControl.plan(
            WEB, List.of(pod("web-a", "web", true, 32001, 33001, "")), stored(List.of(foreign)));

    assertThat(plan.creates()).hasSize(1);
    assertThat(plan.updates()).isEmpty();
    assertThat(plan.deletes()).isEmpty();
  }

  @Test
  void aHeadlessServiceWithoutPortsHasItsPodsAddressesInASliceWithoutPorts() {
    KubeObject portless = service("{\"clusterIP\":\"None\",\"selector\":{\"app\":\"web\"}}");

    List<ObjectNode> slices =
        EndpointSliceControl.desired(
            portless,
            List.of(
                pod("web-a", "web", true, 32001, 33001, ""),
                pod("web-b", "web", true, 32002, 33002, "")));

    assertThat(slices).hasSize(1);
    assertThat(slices.get(0).path("ports")).isEmpty();
    assertThat(slices.get(0).path("endpoints"))
        .extracting(e -> e.at("/addresses/0").asText())
        .containsExactly("127.0.0.1", "127.0.0.1");
  }

  @Test
  void aServiceWithoutASelectorHasNoSlicesKeptForIt() {
    KubeObject unselected = service("{\"ports\":[{\"port\":80}]}");

    assertThat(
            EndpointSliceControl.desired(unselected, List.of(pod("web-a", "web", true, 1, 2, ""))))
        .isEmpty();
  }
}
