package dev.troupe.app;

import dev.troupe.config.TroupeSettings;
import dev.troupe.node.runtime.ContainerRuntime;
import dev.troupe.node.runtime.DockerRuntime;
import dev.troupe.node.runtime.RuntimeUnavailable;
import dev.troupe.node.runtime.SimulatedRuntime;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code troupe server}: a one-member cluster with both roles, on the embedded default. */
@Command(
    name = "server",
    description =
        "Run a Troupe server: control plane and worker in one process, with an embedded Cassandra"
            + " and the local Docker engine.")
final class ServerCommand implements Callable<Integer> {

  @Option(names = "--data-dir", description = "Where local state lives (default ./.troupe).")
  Path dataDir;

  @Option(names = "--api-port", description = "The API port on 127.0.0.1 (default 8080).")
  Integer apiPort;

  @Option(names = "--node-name", description = "This node's name (default: the host name).")
  String nodeName;

  @Option(
      names = "--runtime",
      description = "docker or simulated (default docker; simulated is for scale tests).")
  String runtime;

  @Option(
      names = "--cassandra",
      description = "HOST:PORT of an external Cassandra instead of the embedded one.")
  String cassandra;

  @Option(
      names = "--docker-host",
      description = "The Docker engine (default unix:///var/run/docker.sock).")
  String dockerHost;

  @Option(names = "--cluster-port", description = "The Pekko remoting port (default: any free).")
  Integer clusterPort;

  @Override
  public Integer call() throws Exception {
    TroupeSettings settings = TroupeSettings.load(overrides());
    String node = nodeName(settings);
    ContainerRuntime containerRuntime;
    try {
      containerRuntime = runtime(settings);
    } catch (RuntimeUnavailable e) {
      System.err.println("troupe: " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      System.err.println("troupe: " + e.getMessage());
      return 2;
    }
    Server server = Server.start(settings, node, containerRuntime);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop();
                  stopped.countDown();
                },
                "troupe-shutdown"));
    server.awaitTermination();
    stopped.await();
    return 0;
  }

  private Map<String, Object> overrides() {
    Map<String, Object> o = new HashMap<>();
    if (dataDir != null) {
      o.put("troupe.data-dir", dataDir.toString());
    }
    if (apiPort != null) {
      o.put("troupe.api.port", apiPort);
    }
    if (nodeName != null) {
      o.put("troupe.node.name", nodeName);
    }
    if (runtime != null) {
      o.put("troupe.node.runtime", runtime);
    }
    if (cassandra != null) {
      o.put("troupe.cassandra.contact-point", cassandra);
    }
    if (dockerHost != null) {
      o.put("troupe.node.docker-host", dockerHost);
    }
    if (clusterPort != null) {
      o.put("troupe.cluster.port", clusterPort);
    }
    return o;
  }

  private static String nodeName(TroupeSettings settings) throws UnknownHostException {
    String name = settings.node().name();
    if (name == null || name.isBlank()) {
      name = InetAddress.getLocalHost().getHostName();
    }
    return name.toLowerCase(Locale.ROOT);
  }

  /** The chosen runtime; Docker must answer now, or the server does not start at all. */
  private static ContainerRuntime runtime(TroupeSettings settings) {
    String address = settings.node().address();
    return switch (settings.node().runtime()) {
      case "docker" -> DockerRuntime.connect(settings.node().dockerHost(), address);
      case "simulated" -> new SimulatedRuntime(address);
      default ->
          throw new IllegalArgumentException(
              "unknown runtime \"%s\": use docker or simulated"
                  .formatted(settings.node().runtime()));
    };
  }
}
