package dev.troupe.app;

import static dev.troupe.app.KubectlSession.fetchQuietly;
import static dev.troupe.app.KubectlSession.isClosed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.app.KubectlSession.Run;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Services end to end: the real kubectl exposes a three-pod Deployment of the real {@code troupe
 * server}, and requests through the service's cluster IP, with bytes really flowing through the
 * service proxy, follow readiness, affinity and scale. The tests run in order on one Deployment.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlServicesIT extends OnKubectlSession {

  private Path manifest;
  private String clusterIp;
  private String notReady;

  KubectlServicesIT() {
    super("services");
  }

  @BeforeAll
  void startADeploymentOfThreePods() throws Exception {
    manifest = session.home.resolve("balanced.yaml");
    Files.writeString(
        manifest,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: balanced
        spec:
          replicas: 3
          selector:
            matchLabels: {app: balanced}
          template:
            metadata:
              labels: {app: balanced}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: web
                image: troupe/hello:1
                ports: [{containerPort: 8080}]
                readinessProbe:
                  httpGet: {path: /healthz, port: 8080}
                  periodSeconds: 1
                  failureThreshold: 1
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: sticky
        spec:
          selector: {app: balanced}
          sessionAffinity: ClientIP
          ports: [{port: 80, targetPort: 8080}]
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: headless
        spec:
          clusterIP: None
          selector: {app: balanced}
          ports: [{port: 8080}]
        """);
    assertThat(kubectl("apply", "-f", manifest.toString()).code()).isZero();
    assertThat(kubectl("rollout", "status", "deployment/balanced", "--timeout=60s").code())
        .isZero();
  }

  @Test
  @Order(1)
  void anExposedDeploymentGetsAClusterIpThatSpreads300RequestsOverItsThreePods() throws Exception {
    Run exposed =
        kubectl("expose", "deployment", "balanced", "--port", "80", "--target-port", "8080");
    assertThat(exposed.out()).isEqualTo("service/balanced exposed\n");
    assertThat(kubectl("get", "svc", "balanced").out())
        .containsPattern("balanced\\s+ClusterIP\\s+127\\.77\\.\\d+\\.\\d+\\s+<none>\\s+80/TCP");
    clusterIp = kubectl("get", "svc", "balanced", "-o", "jsonpath={.spec.clusterIP}").out();
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(20),
        () -> fetchQuietly(clusterIp, 80).startsWith("Hello from balanced-"),
        "the service to answer");

    Map<String, Integer> answers = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      answers.merge(fetchQuietly(clusterIp, 80), 1, Integer::sum);
    }

    assertThat(answers).hasSize(3);
    assertThat(answers.values()).allSatisfy(n -> assertThat(n).isBetween(60, 140));
    assertThat(kubectl("describe", "svc", "balanced").out())
        .containsPattern(
            "Endpoints:\\s+127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+");
    notReady = answers.keySet().iterator().next().replace("Hello from ", "").strip();
  }

  @Test
  @Order(2)
  void aPodThatFailsItsReadinessLeavesTheRotation() throws Exception {
    session.execInPod(notReady, "rm", "/www/healthz");

    TroupeProcess.awaitTrue(
        Duration.ofSeconds(20),
        () -> {
          for (int i = 0; i < 12; i++) {
            if (fetchQuietly(clusterIp, 80).contains(notReady)) {
              return false;
            }
          }
          return true;
        },
        "the pod that is not ready to leave the rotation");
  }

  @Test
  @Order(3)
  void clientIpAffinityPinsAClientToOnePod() throws Exception {
    String stickyIp = kubectl("get", "svc", "sticky", "-o", "jsonpath={.spec.clusterIP}").out();
    String first = fetchQuietly(stickyIp, 80);

    assertThat(first).startsWith("Hello from balanced-");
    for (int i = 0; i < 20; i++) {
      assertThat(fetchQuietly(stickyIp, 80)).isEqualTo(first);
    }
  }

  @Test
  @Order(4)
  void aNodePortServiceAnswersOnTheNodesAddress() throws Exception {
    Run nodePort =
        kubectl(
            "expose",
            "deployment",
            "balanced",
            "--name",
            "balanced-np",
            "--type",
            "NodePort",
            "--port",
            "8080");
    assertThat(nodePort.code()).as(nodePort.err()).isZero();
    int port =
        Integer.parseInt(
            kubectl("get", "svc", "balanced-np", "-o", "jsonpath={.spec.ports[0].nodePort}").out());

    assertThat(port).isBetween(30000, 32767);
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(10),
        () -> fetchQuietly("127.0.0.1", port).startsWith("Hello from balanced-"),
        "the node port to answer");
  }

  @Test
  @Order(5)
  void aHeadlessServiceHasNoClusterIpButEndpointsAndASliceForEachPod() throws Exception {
    assertThat(kubectl("get", "svc", "headless", "-o", "jsonpath={.spec.clusterIP}").out())
        .isEqualTo("None");
    assertThat(kubectl("get", "endpoints", "headless").out()).contains("127.0.0.1:");
    // one slice per pod, for each pod publishes its port on a host port of its own
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(10),
        () ->
            kubectlQuietly("get", "endpointslices", "-l", "kubernetes.io/service-name=headless")
                    .out()
                    .lines()
                    .filter(
                        l -> l.matches("headless-\\S+\\s+IPv4\\s+\\d+\\s+127\\.0\\.0\\.1\\s+.*"))
                    .count()
                == 3,
        "the headless service to have a slice for each of its three pods");
  }

  /**
   * Of two connections held open to the two ready pods (the proxy picks in turn), the one to the
   * pod the scale-down deletes is closed and the other stays open.
   */
  @Test
  @Order(6)
  void scaledToOneEveryRequestGoesToThePodLeftAndOnlyTheConnectionToAGonePodCloses()
      throws Exception {
    Socket[] open = {new Socket(clusterIp, 80), new Socket(clusterIp, 80)};

    assertThat(kubectl("scale", "deployment", "balanced", "--replicas=1").code()).isZero();
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(30),
        () ->
            kubectlQuietly("get", "pods", "-l", "app=balanced", "-o", "name").out().lines().count()
                == 1,
        "the deployment to be down to one pod");

    TroupeProcess.awaitTrue(
        Duration.ofSeconds(20),
        () -> isClosed(open[0]) || isClosed(open[1]),
        "the connection to the pod that went to be closed");
    assertThat(isClosed(open[0]) && isClosed(open[1])).as("both connections closed").isFalse();
    for (Socket socket : open) {
      socket.close();
    }
    Thread.sleep(1000);
    Set<String> afterScale = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      afterScale.add(fetchQuietly(clusterIp, 80));
    }
    assertThat(afterScale).hasSize(1);
  }

  @Test
  @Order(7)
  void deletingTheServicesTakesTheirEndpointsAndSlicesWithThem() throws Exception {
    assertThat(kubectl("delete", "svc", "balanced", "balanced-np", "headless").code()).isZero();

    TroupeProcess.awaitTrue(
        Duration.ofSeconds(10),
        () ->
            session
                .kubectlQuietly("get", "endpoints,endpointslices", "-o", "name")
                .out()
                .lines()
                .noneMatch(l -> l.contains("balanced") || l.contains("headless")),
        "the endpoints and slices of the deleted services to go");
  }
}
