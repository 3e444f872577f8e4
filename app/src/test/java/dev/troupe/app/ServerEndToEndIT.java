package dev.troupe.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.node.runtime.ContainerInfo;
import dev.troupe.node.runtime.DockerRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code troupe server} from the distribution, on an embedded Cassandra and the local
 * Docker engine, driven over HTTP and killed for real.
 */
class ServerEndToEndIT {

  private static final String PODS = "/api/v1/namespaces/default/pods";
  private static final String SERVICES = "/api/v1/namespaces/default/services";

  /** A NodePort service over the pods labelled app=e2e. */
  private static final String E2E_SERVICE =
      """
      {"apiVersion":"v1","kind":"Service","metadata":{"name":"e2e"},
       "spec":{"type":"NodePort","selector":{"app":"e2e"},"ports":[{"port":8080}]}}
      """;

  @TempDir Path tempDir;

  private final String nodeName = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
  private final DockerRuntime docker =
      DockerRuntime.connect("unix:///var/run/docker.sock", "127.0.0.1");
  private TroupeProcess server;

  @AfterEach
  void cleanUp() throws Exception {
    if (server != null && server.process() != null && server.process().isAlive()) {
      server.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    // The Cassandra child follows its parent out; make sure of it (it is ours: same data dir).
    if (server != null) {
      try {
        ProcessHandle.of(server.cassandraPid())
            .ifPresent(
                p -> {
                  p.onExit().orTimeout(60, TimeUnit.SECONDS).exceptionally(e -> null).join();
                  p.destroyForcibly();
                });
      } catch (java.io.IOException e) {
        // no Cassandra was started
      }
    }
    for (ContainerInfo c : docker.listByLabel("troupe.node", nodeName)) {
      docker.remove(c.id());
    }
    docker.close();
  }

  @Test
  void aPodRunsSurvivesAKilledServerIsAdoptedOrRestartedAndIsDeletedWithItsContainer()
      throws Exception {
    server = new TroupeProcess(tempDir.resolve("data"), nodeName);
    server.start();
    server.awaitReady(Duration.ofMinutes(3));

    assertThat(server.post(PODS, pod("kept")).statusCode()).isEqualTo(201);
    assertThat(server.post(PODS, pod("replaced")).statusCode()).isEqualTo(201);
    assertThat(server.post(PODS, CRASHY).statusCode()).isEqualTo(201);
    JsonNode service = json(server.post(SERVICES, E2E_SERVICE).body());
    String clusterIp = service.at("/spec/clusterIP").asText();
    int nodePort = service.at("/spec/ports/0/nodePort").asInt();
    assertThat(clusterIp).startsWith("127.77.");
    assertThat(nodePort).isBetween(30000, 32767);
    String keptUid = awaitRunning("kept").path("metadata").path("uid").asText();
    String replacedUid = awaitRunning("replaced").path("metadata").path("uid").asText();
    assertThat(fetchPage(hostPort("kept"))).isEqualTo("Hello from kept\n");
    String keptContainer = onlyContainer(keptUid).id();
    String vanishedContainer = onlyContainer(replacedUid).id();
    // The crashing pod restarted once at once and now backs off for 45 s.
    JsonNode backingOff = awaitBackingOff(1);
    String firstExit =
        backingOff.at("/status/containerStatuses/0/lastState/terminated/finishedAt").asText();

    // kill -9: no shutdown hook runs. The Cassandra child notices its parent is gone and exits.
    server.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    long cassandraPid = server.cassandraPid();
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(90),
        () -> ProcessHandle.of(cassandraPid).map(p -> !p.isAlive()).orElse(true),
        "the orphaned Cassandra to exit");
    // Meanwhile one pod's container vanishes.
    docker.remove(vanishedContainer);

    server.start();
    server.awaitReady(Duration.ofMinutes(3));

    // the service keeps its cluster IP and node port, and answers through them again
    JsonNode kept = server.getJson(SERVICES + "/e2e");
    assertThat(kept.at("/spec/clusterIP").asText()).isEqualTo(clusterIp);
    assertThat(kept.at("/spec/ports/0/nodePort").asInt()).isEqualTo(nodePort);
    assertThat(fetchPage(nodePort)).startsWith("Hello from ");
    JsonNode list = server.getJson(PODS);
    assertThat(list.path("items").findValuesAsText("name")).contains("kept", "replaced");
    // The restarted node keeps the crashing pod's count and back-off: no restart at once...
    JsonNode stillBackingOff = awaitBackingOff(1);
    assertThat(stillBackingOff.at("/status/containerStatuses/0/restartCount").asInt()).isEqualTo(1);
    // ...and the next restart comes when the back-off from the last exit is over.
    JsonNode restarted = awaitBackingOff(2);
    String secondStart =
        restarted.at("/status/containerStatuses/0/lastState/terminated/startedAt").asText();
    assertThat(Duration.between(Instant.parse(firstExit), Instant.parse(secondStart)))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(44));
    awaitRunning("kept");
    assertThat(onlyContainer(keptUid).id())
        .as("the running container is adopted")
        .isEqualTo(keptContainer);
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(60),
        () -> {
          List<ContainerInfo> containers = containersOf(replacedUid);
          return containers.size() == 1
              && containers.get(0).isRunning()
              && !containers.get(0).id().equals(vanishedContainer);
        },
        "the vanished container to be started again");
    assertThat(fetchPage(hostPort("kept"))).isEqualTo("Hello from kept\n");

    JsonNode deleting = json(server.delete(PODS + "/kept").body());
    assertThat(deleting.path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(60),
        () -> server.get(PODS + "/kept").statusCode() == 404,
        "the deleted pod to be gone");
    assertThat(docker.listByLabel("troupe.pod.uid", keptUid)).isEmpty();

    // SIGTERM stops the server, its API and Cassandra; containers keep running.
    long secondCassandra = server.cassandraPid();
    server.process().destroy();
    assertThat(server.process().waitFor(90, TimeUnit.SECONDS))
        .as("server stops on SIGTERM")
        .isTrue();
    assertThat(server.log()).contains("stopped");
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(30),
        () -> ProcessHandle.of(secondCassandra).map(p -> !p.isAlive()).orElse(true),
        "Cassandra to stop with the server");
    assertThat(containersOf(replacedUid))
        .singleElement()
        .satisfies(c -> assertThat(c.isRunning()).isTrue());
  }

  @Test
  void withoutADockerEngineTheServerRefusesToStartAndSaysWhatToStart() throws Exception {
    server = new TroupeProcess(tempDir.resolve("no-docker"), nodeName);
    Process process = server.start("--docker-host", "unix://" + tempDir.resolve("missing.sock"));

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits at once").isTrue();
    assertThat(process.exitValue()).isNotZero();
    assertThat(server.log()).contains("Cannot reach the Docker engine").contains("Start it");
    assertThat(server.log()).doesNotContain("Cassandra 5.0");
  }

  private static String pod(String name) {
    return """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"e2e"}},
         "spec":{"terminationGracePeriodSeconds":5,
                 "containers":[{"name":"web","image":"troupe/hello:1","ports":[{"containerPort":8080}]}]}}
        """
        .formatted(name);
  }

  /** A pod whose container exits at once, backing off 45 s between restarts. */
  private static final String CRASHY =
      """
      {"apiVersion":"v1","kind":"Pod",
       "metadata":{"name":"crashy","annotations":{"troupe.dev/restart-backoff":"initial=45s,cap=45s"}},
       "spec":{"terminationGracePeriodSeconds":1,
               "containers":[{"name":"main","image":"troupe/crash:1"}]}}
      """;

  /** The crashing pod once it restarted {@code restarts} times and waits in CrashLoopBackOff. */
  private JsonNode awaitBackingOff(int restarts) throws InterruptedException {
    JsonNode[] pod = new JsonNode[1];
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(90),
        () -> {
          pod[0] = server.getJson(PODS + "/crashy");
          JsonNode status = pod[0].at("/status/containerStatuses/0");
          assertThat(status.path("restartCount").asInt())
              .as("the restart count never goes back")
              .isLessThanOrEqualTo(restarts);
          return status.path("restartCount").asInt() == restarts
              && "CrashLoopBackOff".equals(status.at("/state/waiting/reason").asText());
        },
        "pod crashy to back off after " + restarts + " restarts");
    return pod[0];
  }

  private JsonNode awaitRunning(String name) throws InterruptedException {
    JsonNode[] pod = new JsonNode[1];
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(60),
        () -> {
          pod[0] = server.getJson(PODS + "/" + name);
          return pod[0].path("status").path("phase").asText().equals("Running")
              && pod[0].path("status").path("hostPorts").size() == 1;
        },
        "pod " + name + " to run");
    return pod[0];
  }

  private int hostPort(String name) {
    return server
        .getJson(PODS + "/" + name)
        .path("status")
        .path("hostPorts")
        .get(0)
        .path("hostPort")
        .asInt();
  }

  /** The pod's containers, its sandbox aside. */
  private List<ContainerInfo> containersOf(String podUid) {
    return docker.listByLabel("troupe.pod.uid", podUid).stream()
        .filter(c -> !"true".equals(c.labels().get("troupe.sandbox")))
        .toList();
  }

  private ContainerInfo onlyContainer(String podUid) {
    List<ContainerInfo> containers = containersOf(podUid);
    assertThat(containers).as("containers of pod %s", podUid).hasSize(1);
    return containers.get(0);
  }

  private static String fetchPage(int port) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    String[] body = new String[1];
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(10),
        () -> {
          try {
            HttpResponse<String> r =
                client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            body[0] = r.body();
            return r.statusCode() == 200;
          } catch (java.io.IOException e) {
            return false;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        },
        "the pod's page on 127.0.0.1:" + port);
    return body[0];
  }

  private static JsonNode json(String body) throws Exception {
    return dev.troupe.core.json.Json.mapper().readTree(body);
  }
}
