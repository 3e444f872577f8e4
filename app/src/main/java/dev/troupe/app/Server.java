package dev.troupe.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.actors.ControlPlane;
import dev.troupe.config.TroupeSettings;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.http.ApiServer;
import dev.troupe.node.WorkerNode;
import dev.troupe.node.runtime.ContainerRuntime;
import dev.troupe.persistence.Journal;
import dev.troupe.persistence.cassandra.EmbeddedCassandra;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running troupe server, wired by hand: the embedded Cassandra (unless an external one is given),
 * a one-member Pekko cluster with both roles, the control plane, the node agent and the API.
 * Stopping it leaves containers running: a control-plane restart must not kill workloads.
 */
final class Server {

  private static final Logger log = LoggerFactory.getLogger(Server.class);

  private final EmbeddedCassandra cassandra;
  private final ActorSystem<Void> system;
  private final WorkerNode worker;
  private final ServerBinding binding;

  private Server(
      EmbeddedCassandra cassandra,
      ActorSystem<Void> system,
      WorkerNode worker,
      ServerBinding binding) {
    this.cassandra = cassandra;
    this.system = system;
    this.worker = worker;
    this.binding = binding;
  }

  static Server start(TroupeSettings settings, String nodeName, ContainerRuntime runtime)
      throws Exception {
    Clock clock = Clock.systemUTC();
    EmbeddedCassandra cassandra = null;
    String contactPoint = settings.cassandra().contactPoint();
    if (settings.cassandra().isEmbedded()) {
      cassandra = new EmbeddedCassandra(cassandraOptions(settings));
      log.info("starting the embedded Cassandra under {}", cassandra.options().dataDir());
      cassandra.start();
      contactPoint = cassandra.contactPoint();
    }
    ActorSystem<Void> system =
        ActorSystem.create(Behaviors.empty(), "troupe", pekkoConfig(settings, contactPoint));
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));

    ControlPlane controlPlane =
        ControlPlane.start(
            system, settings, clock, prefix -> Journal.currentPersistenceIds(system, prefix));
    WorkerNode worker = WorkerNode.start(system, settings, nodeName, runtime, clock);
    WorkerNode.startServiceProxy(
        system,
        settings,
        () -> everything(controlPlane.objects(ResourceTypes.SERVICES)),
        () -> everything(controlPlane.objects(ResourceTypes.ENDPOINT_SLICES)),
        clock);
    ServerBinding binding =
        new ApiServer(
                system,
                controlPlane.pods(),
                controlPlane.stored(),
                settings.api(),
                TroupeMain.version())
            .bind()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    log.info(
        "Troupe {} serves the API on http://{}:{} (node {}, runtime {}, Cassandra {})",
        TroupeMain.version(),
        settings.api().host(),
        binding.localAddress().getPort(),
        nodeName,
        runtime.version(),
        contactPoint);
    return new Server(cassandra, system, worker, binding);
  }

  /** Every object of a kind, from this member's index. */
  private static java.util.concurrent.CompletionStage<
          java.util.List<dev.troupe.core.model.KubeObject>>
      everything(dev.troupe.actors.object.StoredObjects objects) {
    return objects
        .list(dev.troupe.actors.index.Selection.inNamespace(null), dev.troupe.actors.index.Page.ALL)
        .thenApply(listing -> listing.items());
  }

  /** Blocks until the actor system has terminated. */
  void awaitTermination() throws Exception {
    system.getWhenTerminated().toCompletableFuture().get();
  }

  /** Stops the API, the node agent, the actor system and then Cassandra, in that order. */
  void stop() {
    log.info("stopping: API, node agent, actor system, Cassandra; containers keep running");
    try {
      binding.terminate(Duration.ofSeconds(5)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("the API did not stop cleanly: {}", e.toString());
    }
    worker.close();
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("the actor system did not stop within 30 s: {}", e.toString());
    }
    if (cassandra != null) {
      cassandra.stop();
    }
    log.info("stopped");
  }

  private static EmbeddedCassandra.Options cassandraOptions(TroupeSettings settings) {
    TroupeSettings.EmbeddedCassandraSettings e = settings.cassandra().embedded();
    Path libDir =
        e.libDir() == null || e.libDir().isBlank()
            ? Path.of(System.getProperty("troupe.home", "."), "cassandra", "lib")
            : Path.of(e.libDir());
    return new EmbeddedCassandra.Options(
        settings.dataDir().resolve("cassandra"),
        libDir,
        "127.0.0.1",
        e.nativePort(),
        e.storagePort(),
        e.jmxPort(),
        e.heap(),
        e.startTimeout(),
        null);
  }

  private static Config pekkoConfig(TroupeSettings settings, String contactPoint) {
    Map<String, Object> overrides = new HashMap<>();
    overrides.put("pekko.remote.artery.canonical.hostname", settings.cluster().host());
    overrides.put("pekko.remote.artery.canonical.port", settings.cluster().port());
    overrides.put("pekko.cluster.roles", settings.cluster().roles());
    return ConfigFactory.parseMap(overrides)
        .withFallback(Journal.cassandraAt(contactPoint))
        .withFallback(ConfigFactory.load())
        .resolve();
  }
}
