package dev.troupe.actors.workloads;

import static dev.troupe.actors.PodFixtures.byUser;
import static dev.troupe.actors.workloads.WorkloadCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actors.Outcome;
import dev.troupe.actors.object.ObjectEntity;
import dev.troupe.actors.object.ObjectFixtures;
import dev.troupe.core.model.KubeObject;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The garbage collector with a Service as owner (of its Endpoints and of EndpointSlices), and with
 * objects that own nothing: every propagation policy ends, whatever the kind.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GarbageCollectorOfServicesTest {

  @JUnit5TestKit
  final ActorTestKit testKit = WorkloadCluster.testKitFor(GarbageCollectorOfServicesTest.class);

  private WorkloadCluster cluster;

  @BeforeAll
  void startAOneMemberControlPlane() {
    cluster = WorkloadCluster.start(testKit);
  }

  private static KubeObject service(String name) {
    return ObjectFixtures.object(
        """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s"},
         "spec":{"selector":{"app":"%s"},"ports":[{"port":80,"targetPort":8080}]}}
        """
            .formatted(name, name));
  }

  /** A slice written by hand (the controller keeps only its own), controlled by {@code owner}. */
  private static KubeObject sliceOf(KubeObject owner) {
    return ObjectFixtures.object(
        """
        {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice",
         "metadata":{"name":"%s-by-hand","ownerReferences":[{"apiVersion":"v1","kind":"Service",
           "name":"%s","uid":"%s","controller":true,"blockOwnerDeletion":true}]},
         "addressType":"IPv4","endpoints":[{"addresses":["10.0.0.1"]}]}
        """
            .formatted(owner.name(), owner.name(), owner.metadata().uid()));
  }

  /** A service, its Endpoints (made by its controller) and a slice it controls. */
  private KubeObject serviceWithDependants(String ns, String name) {
    KubeObject service = cluster.create(cluster.services, service(name), ns);
    cluster.create(cluster.endpointSlices, sliceOf(service), ns);
    cluster.eventually(
        () -> assertThat(await(cluster.endpoints.get(ns, name)).outcome()).isEqualTo(Outcome.OK));
    return service;
  }

  @Test
  void aServiceDeletedInTheForegroundGoesOnlyAfterItsEndpointsAndSlices() {
    String ns = "svc-foreground";
    serviceWithDependants(ns, "web");

    ObjectEntity.Reply deleted =
        await(
            cluster.services.delete(
                ns, "web", null, null, "Foreground", byUser("kubectl delete svc")));

    assertThat(deleted.removed()).isFalse();
    cluster.eventually(
        () -> {
          assertThat(await(cluster.services.get(ns, "web")).outcome()).isEqualTo(Outcome.NOT_FOUND);
          assertThat(cluster.list(cluster.endpoints, ns)).isEmpty();
          assertThat(cluster.list(cluster.endpointSlices, ns)).isEmpty();
        });
  }

  @Test
  void aServiceDeletedWithOrphanPropagationLeavesItsEndpointsAndSlicesForTheNextToAdopt() {
    String ns = "svc-orphan";
    serviceWithDependants(ns, "web");

    await(
        cluster.services.delete(
            ns, "web", null, null, "Orphan", byUser("kubectl delete svc --cascade=orphan")));

    cluster.eventually(
        () -> {
          assertThat(await(cluster.services.get(ns, "web")).outcome()).isEqualTo(Outcome.NOT_FOUND);
          assertThat(cluster.list(cluster.endpoints, ns))
              .singleElement()
              .satisfies(e -> assertThat(e.metadata().ownerReferences()).isNull());
          assertThat(cluster.list(cluster.endpointSlices, ns))
              .singleElement()
              .satisfies(s -> assertThat(s.metadata().ownerReferences()).isNull());
        });

    KubeObject again = cluster.create(cluster.services, service("web"), ns);

    cluster.eventually(
        () ->
            assertThat(cluster.get(cluster.endpoints, ns, "web").metadata().ownerReferences())
                .singleElement()
                .satisfies(o -> assertThat(o.uid()).isEqualTo(again.metadata().uid())));
  }

  @Test
  void anObjectThatOwnsNothingDeletedInTheForegroundOrWithOrphansStillGoes() {
    String ns = "owns-nothing";
    KubeObject service = serviceWithDependants(ns, "web");
    KubeObject slice = cluster.list(cluster.endpointSlices, ns).get(0);

    await(
        cluster.endpointSlices.delete(
            ns, slice.name(), null, null, "Foreground", byUser("kubectl delete endpointslice")));
    await(
        cluster.endpoints.delete(
            ns, service.name(), null, null, "Orphan", byUser("kubectl delete endpoints")));

    cluster.eventually(
        () -> {
          assertThat(await(cluster.endpointSlices.get(ns, slice.name())).outcome())
              .isEqualTo(Outcome.NOT_FOUND);
          assertThat(
                  cluster.list(cluster.endpoints, ns).stream()
                      .noneMatch(e -> e.metadata().uid().equals(service.metadata().uid())))
              .isTrue();
        });
  }
}
