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
    Thread.sleep(500);
    var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    for (String accept : new String[] {null, "*/*", "application/json, */*", "application/json", "text/plain"}) {
      for (String path : new String[] {"/healthz", "/readyz", "/livez"}) {
        var b2 = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + b.localAddress().getPort() + path));
        if (accept != null) b2.header("Accept", accept);
        var r = http.send(b2.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        System.out.println("### " + accept + " " + path + " -> " + r.statusCode() + " " + r.headers().firstValue("Content-Type") + " " + r.body());
      }
    }
    p(api.send(ApiClient.Call.post(ns, "application/yaml", "metadata: [")));
    p(api.send(ApiClient.Call.post(ns, "application/json", "{\"kind\":\"Service\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"s\"}}")));
    p(api.send(ApiClient.Call.post(ns, "application/json", "null")));
    p(api.send(ApiClient.Call.post(ns, "application/json", "[]")));
    system.terminate();
  }

  static void p(ApiClient.Reply r) {
    System.out.println("### " + r.code() + " [" + r.contentType() + "] " + r.body());
  }
}
