package dev.troupe.persistence.cassandra;

import java.nio.file.Path;

/** Renders the {@code cassandra.yaml} of the embedded single-node Cassandra from its options. */
public final class CassandraYaml {

  /** The name every embedded node reports; changing it would make Cassandra refuse old data. */
  public static final String CLUSTER_NAME = "Troupe";

  /** How long group commit may gather writes before one fsync acknowledges them all. */
  public static final String COMMITLOG_GROUP_WINDOW = "15ms";

  private CassandraYaml() {}

  /** The yaml text for {@code options}; every directory lives under {@code options.dataDir()}. */
  public static String render(EmbeddedCassandra.Options options) {
    Path dir = options.dataDir();
    String host = options.host();
    return """
        # Written by Troupe on every start of the embedded Cassandra; edits are overwritten.
        cluster_name: %s
        num_tokens: 16
        partitioner: org.apache.cassandra.dht.Murmur3Partitioner

        data_file_directories:
          - %s
        commitlog_directory: %s
        saved_caches_directory: %s
        hints_directory: %s
        cdc_raw_directory: %s

        # Troupe acknowledges a change only once it is in the journal, and promises it survives a
        # kill -9: group mode fsyncs the commit log before Cassandra acknowledges a write, batching
        # the writes that arrive within one window into one fsync.
        commitlog_sync: group
        commitlog_sync_group_window: %s

        seed_provider:
          - class_name: org.apache.cassandra.locator.SimpleSeedProvider
            parameters:
              - seeds: %s

        listen_address: %s
        rpc_address: %s
        storage_port: %d
        native_transport_port: %d
        start_native_transport: true
        endpoint_snitch: SimpleSnitch

        # Only index files are memory-mapped, which keeps the child's resident memory near its heap.
        disk_access_mode: mmap_index_only
        """
        .formatted(
            quote(CLUSTER_NAME),
            quote(dir.resolve("data").toString()),
            quote(dir.resolve("commitlog").toString()),
            quote(dir.resolve("saved_caches").toString()),
            quote(dir.resolve("hints").toString()),
            quote(dir.resolve("cdc_raw").toString()),
            COMMITLOG_GROUP_WINDOW,
            quote(host + ":" + options.storagePort()),
            quote(host),
            quote(host),
            options.storagePort(),
            options.nativePort());
  }

  /** A single-quoted yaml scalar, so paths with spaces, colons or '#' stay one string. */
  static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
