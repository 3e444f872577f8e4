package dev.troupe.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every Troupe setting, typed, read once from HOCON ({@code reference.conf} holds the defaults).
 */
public record TroupeSettings(
    Path dataDir,
    ApiSettings api,
    ClusterSettings cluster,
    NodeSettings node,
    SchedulerSettings scheduler,
    ServiceSettings services,
    PodSettings pods,
    CassandraSettings cassandra) {

  /** The HTTP API. */
  public record ApiSettings(String host, int port, Duration requestTimeout, long maxBodyBytes) {}

  /** This member's place in the Pekko cluster. */
  public record ClusterSettings(String host, int port, List<String> roles) {}

  /** The node agent of this member. */
  public record NodeSettings(
      String name,
      String runtime,
      String dockerHost,
      String address,
      Duration syncInterval,
      Duration heartbeatInterval,
      int runtimeThreads,
      String sandboxImage) {}

  /** The schedulers. */
  public record SchedulerSettings(Duration nodeTimeout, Duration retryInterval) {}

  /** Where services' addresses come from. */
  public record ServiceSettings(
      String clusterIpRange, int nodePortMin, int nodePortMax, Duration proxyInterval) {}

  /** Pod behaviour defaults. */
  public record PodSettings(
      Duration backoffInitial,
      Duration backoffCap,
      Duration backoffResetAfter,
      Duration pullBackoffInitial,
      Duration pullBackoffCap,
      Duration orphanGracePeriod,
      int snapshotEvery) {}

  /** Where the journal lives: an external contact point, or the embedded server. */
  public record CassandraSettings(String contactPoint, EmbeddedCassandraSettings embedded) {
    public boolean isEmbedded() {
      return contactPoint == null || contactPoint.isBlank();
    }
  }

  /** The embedded Cassandra child JVM. */
  public record EmbeddedCassandraSettings(
      String heap,
      int nativePort,
      int storagePort,
      int jmxPort,
      Duration startTimeout,
      String libDir) {}

  /** Settings from the default configuration (reference.conf, application.conf, -D overrides). */
  public static TroupeSettings load() {
    return from(ConfigFactory.load());
  }

  /** Settings with {@code overrides} (paths under {@code troupe.}) on top of the defaults. */
  public static TroupeSettings load(Map<String, Object> overrides) {
    return from(ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.load()).resolve());
  }

  public static TroupeSettings from(Config root) {
    Config c = root.getConfig("troupe");
    Config api = c.getConfig("api");
    Config cluster = c.getConfig("cluster");
    Config node = c.getConfig("node");
    Config scheduler = c.getConfig("scheduler");
    Config pods = c.getConfig("pods");
    Config services = c.getConfig("services");
    String[] nodePorts = services.getString("node-port-range").split("-");
    Config cassandra = c.getConfig("cassandra");
    Config embedded = cassandra.getConfig("embedded");
    return new TroupeSettings(
        Path.of(c.getString("data-dir")),
        new ApiSettings(
            api.getString("host"),
            api.getInt("port"),
            api.getDuration("request-timeout"),
            api.getBytes("max-body-bytes")),
        new ClusterSettings(
            cluster.getString("host"), cluster.getInt("port"), cluster.getStringList("roles")),
        new NodeSettings(
            node.getString("name"),
            node.getString("runtime"),
            node.getString("docker-host"),
            node.getString("address"),
            node.getDuration("sync-interval"),
            node.getDuration("heartbeat-interval"),
            node.getInt("runtime-threads"),
            node.getString("sandbox-image")),
        new SchedulerSettings(
            scheduler.getDuration("node-timeout"), scheduler.getDuration("retry-interval")),
        new ServiceSettings(
            services.getString("cluster-ip-range"),
            Integer.parseInt(nodePorts[0].trim()),
            Integer.parseInt(nodePorts[1].trim()),
            services.getDuration("proxy-interval")),
        new PodSettings(
            pods.getDuration("backoff.initial"),
            pods.getDuration("backoff.cap"),
            pods.getDuration("backoff.reset-after"),
            pods.getDuration("image-pull-backoff.initial"),
            pods.getDuration("image-pull-backoff.cap"),
            pods.getDuration("orphan-grace-period"),
            pods.getInt("snapshot-every")),
        new CassandraSettings(
            cassandra.getString("contact-point"),
            new EmbeddedCassandraSettings(
                embedded.getString("heap"),
                embedded.getInt("native-port"),
                embedded.getInt("storage-port"),
                embedded.getInt("jmx-port"),
                embedded.getDuration("start-timeout"),
                embedded.getString("lib-dir"))));
  }
}
