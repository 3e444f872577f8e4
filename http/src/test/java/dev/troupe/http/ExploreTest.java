package dev.troupe.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.actors.ControlPlane;
import dev.troupe.config.TroupeSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.Test;

class ExploreTest {
  @Test
  void explore() throws Exception {
    Config config =
        ConfigFactory.parseString(
                "pekko.actor.provider = cluster\npekko.remote.artery.canonical.hostname = 127.0.0.1\npekko.remote.artery.canonical.port = 0\npekko.cluster.roles = [control-plane, worker]\npekko.actor.serialize-messages = on\npekko.cluster.jmx.enabled = off")
            .withFallback(PersistenceTestKitPlugin.getInstance().config())
            .withFallback(PersistenceTestKitSnapshotPlugin.getInstance().config())
            .withFallback(ConfigFactory.load());
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "api-test", config);
    Cluster.get(system).manager().tell(Join.create(Cluster.get(system).selfMember().address()));
    TroupeSettings settings = TroupeSettings.load(Map.of("troupe.api.port", 0));
    ControlPlane cp = ControlPlane.start(system, settings, Clock.systemUTC(), Source::empty);
    ServerBinding b = new ApiServer(cp.pods(), settings.api(), "test").bind(system).toCompletableFuture().get(10, TimeUnit.SECONDS);
    ApiClient api = new ApiClient(b.localAddress().getPort());
    String pod = "{\"metadata\":{\"name\":\"p1\"},\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"troupe/hello:1\",\"ports\":[{\"containerPort\":80}]}]}}";
    String ns = "/api/v1/namespaces/default/pods";
    p(api.get("/readyz"));
    Thread.sleep(500);
    p(api.get("/readyz"));
    p(api.get("/version"));
    p(api.get("/healthz"));
    p(api.post(ns, pod));
    p(api.get(ns + "/p1"));
    Thread.sleep(300);
    p(api.get(ns + "/p1"));
    p(api.get(ns));
    p(api.send(new ApiClient.Call("PUT", ns + "/p1", "application/json", pod.getBytes(StandardCharsets.UTF_8))));
    p(api.send(new ApiClient.Call("POST", "/api/v1/pods", "application/json", pod.getBytes(StandardCharsets.UTF_8))));
    p(api.send(new ApiClient.Call("PATCH", ns + "/p1", "application/merge-patch+json", "{}".getBytes(StandardCharsets.UTF_8))));
    p(api.send(new ApiClient.Call("POST", "/healthz", "application/json", "{}".getBytes(StandardCharsets.UTF_8))));
    p(api.send(ApiClient.Call.post(ns, null, pod.replace("p1", "p2"))));
    p(api.send(ApiClient.Call.post(ns, "application/vnd.kubernetes.protobuf", "k8s\0xx")));
    p(api.send(ApiClient.Call.post(ns, "application/json", "{\"metadata\":")));
    p(api.send(ApiClient.Call.post(ns, "application/json", "")));
    p(api.send(ApiClient.Call.post(ns, "application/json", "{\"spec\":{\"containers\":\"x\"}}")));
    p(api.send(ApiClient.Call.post(ns, "application/json", "{\"metadata\":{\"name\":\"x\"}}")));
    p(api.send(ApiClient.Call.post(ns, "application/json", pod.replace("p1", "p3").replace("{\"metadata\"", "{\"apiVersion\":\"apps/v1\",\"kind\":\"Pod\",\"metadata\""))));
    p(api.send(ApiClient.Call.post(ns + "?dryRun=All", "application/json", pod.replace("p1", "dry"))));
    p(api.get(ns + "/dry"));
    p(api.send(new ApiClient.Call("POST", ns, "application/json", new byte[3 * 1024 * 1024 + 1])));
    p(api.send(ApiClient.Call.delete(ns + "/p1?gracePeriodSeconds=abc")));
    p(api.send(ApiClient.Call.delete(ns + "/p1", "application/json", "{\"kind\":")));
    p(api.get(ns));
    p(api.send(ApiClient.Call.delete(ns + "/p1")));
    p(api.get(ns));
    p(api.get(ns + "/p1"));
    p(api.send(ApiClient.Call.delete(ns + "/p1")));
    system.terminate();
  }

  static void p(ApiClient.Reply r) {
    System.out.println("### " + r.code() + " [" + r.contentType() + "] " + r.body());
  }
}
