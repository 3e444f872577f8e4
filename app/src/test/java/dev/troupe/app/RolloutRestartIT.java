package dev.troupe.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.node.runtime.ContainerInfo;
import dev.troupe.node.runtime.DockerRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling update in progress when {@code troupe server} is killed with {@code kill -9}: started
 * again on the same data dir, the Deployment finishes it by itself, and at no moment are there more
 * active pods than replicas + maxSurge.
 */
class RolloutRestartIT {

  private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";
  private static final String PODS = "/api/v1/namespaces/default/pods";
  private static final int REPLICAS = 4;
  private static final int MAX_SURGE = 1;

  @TempDir Path tempDir;

  private final String nodeName = "rollout-" + UUID.randomUUID().toString().substring(0, 8);
  private final DockerRuntime docker =
      DockerRuntime.connect("unix:///var/run/docker.sock", "127.0.0.1");
  private TroupeProcess server;

  @AfterEach
  void cleanUp() throws Exception {
    if (server != null && server.process() != null && server.process().isAlive()) {
      server.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
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
  void aRolloutInterruptedByAKilledServerFinishesAfterItsRestartWithinItsSurge() throws Exception {
    server = new TroupeProcess(tempDir.resolve("data"), nodeName);
    server.start();
    server.awaitReady(Duration.ofMinutes(3));
    assertThat(server.post(DEPLOYMENTS, deployment()).statusCode()).isEqualTo(201);
    awaitRolledOut("");

    assertThat(
            server
                .mergePatch(
                    DEPLOYMENTS + "/web",
                    "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\","
                        + "\"image\":\"troupe/hello:1\",\"env\":[{\"name\":\"V\",\"value\":\"2\"}]}]}}}}")
                .statusCode())
        .isEqualTo(200);
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(30),
        () -> server.getJson(DEPLOYMENTS + "/web").at("/status/updatedReplicas").asInt() >= 1,
        "the rollout to have started");
    server.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    long cassandraPid = server.cassandraPid();
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(90),
        () -> ProcessHandle.of(cassandraPid).map(p -> !p.isAlive()).orElse(true),
        "the orphaned Cassandra to exit");

    server.start();
    server.awaitReady(Duration.ofMinutes(3));
    AtomicBoolean watching = new AtomicBoolean(true);
    AtomicInteger mostActive = new AtomicInteger();
    Thread sampler =
        new Thread(
            () -> {
              while (watching.get()) {
                mostActive.accumulateAndGet(activePods(), Math::max);
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.start();
    awaitRolledOut("2");
    watching.set(false);
    sampler.join();

    assertThat(mostActive.get()).isLessThanOrEqualTo(REPLICAS + MAX_SURGE);
    JsonNode pods = server.getJson(PODS + "?labelSelector=app%3Dweb");
    int running = 0;
    for (JsonNode pod : pods.path("items")) {
      if (pod.at("/metadata/deletionTimestamp").isMissingNode()) {
        assertThat(pod.at("/spec/containers/0/env/0/value").asText()).isEqualTo("2");
        running++;
      }
    }
    assertThat(running).isEqualTo(REPLICAS);
  }

  /** Waits until every replica runs the template whose V is {@code version} ("" for none). */
  private void awaitRolledOut(String version) throws InterruptedException {
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(120),
        () -> {
          JsonNode d = server.getJson(DEPLOYMENTS + "/web");
          JsonNode status = d.path("status");
          return status.path("observedGeneration").asLong() >= d.at("/metadata/generation").asLong()
              && status.path("updatedReplicas").asInt() == REPLICAS
              && status.path("replicas").asInt() == REPLICAS
              && status.path("availableReplicas").asInt() == REPLICAS
              && d.at("/spec/template/spec/containers/0/env/0/value").asText("").equals(version);
        },
        "the deployment to be rolled out");
  }

  private int activePods() {
    try {
      JsonNode pods = server.getJson(PODS + "?labelSelector=app%3Dweb");
      int active = 0;
      for (JsonNode pod : pods.path("items")) {
        if (pod.at("/metadata/deletionTimestamp").isMissingNode()) {
          active++;
        }
      }
      return active;
    } catch (RuntimeException | AssertionError e) {
      return 0;
    }
  }

  private static String deployment() {
    return """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
         "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"web"}},
          "strategy":{"type":"RollingUpdate",
           "rollingUpdate":{"maxSurge":%d,"maxUnavailable":0}},
          "template":{"metadata":{"labels":{"app":"web"}},
           "spec":{"terminationGracePeriodSeconds":1,
            "containers":[{"name":"web","image":"troupe/hello:1"}]}}}}
        """
        .formatted(REPLICAS, MAX_SURGE);
  }
}
