package dev.troupe.persistence.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CassandraYamlTest {

  private static final EmbeddedCassandra.Options OPTIONS =
      new EmbeddedCassandra.Options(
          Path.of("/var/lib/troupe/cassandra"),
          Path.of("/opt/troupe/cassandra/lib"),
          "127.0.0.1",
          19142,
          17100,
          17299,
          "1g",
          Duration.ofSeconds(120),
          null);

  @Test
  void every_directory_lives_under_the_data_dir() {
    String yaml = CassandraYaml.render(OPTIONS);

    assertThat(yaml)
        .contains("data_file_directories:\n  - '/var/lib/troupe/cassandra/data'\n")
        .contains("commitlog_directory: '/var/lib/troupe/cassandra/commitlog'\n")
        .contains("saved_caches_directory: '/var/lib/troupe/cassandra/saved_caches'\n")
        .contains("hints_directory: '/var/lib/troupe/cassandra/hints'\n")
        .contains("cdc_raw_directory: '/var/lib/troupe/cassandra/cdc_raw'\n");
  }

  @Test
  void acknowledged_writes_are_fsynced_by_group_commit() {
    String yaml = CassandraYaml.render(OPTIONS);

    assertThat(yaml)
        .contains("commitlog_sync: group\n")
        .contains("commitlog_sync_group_window: 15ms\n")
        .doesNotContain("periodic");
  }

  @Test
  void the_node_listens_on_the_configured_host_and_ports_and_seeds_itself() {
    String yaml = CassandraYaml.render(OPTIONS);

    assertThat(yaml)
        .contains("listen_address: '127.0.0.1'\n")
        .contains("rpc_address: '127.0.0.1'\n")
        .contains("storage_port: 17100\n")
        .contains("native_transport_port: 19142\n")
        .contains("start_native_transport: true\n")
        .contains("- seeds: '127.0.0.1:17100'\n")
        .contains("endpoint_snitch: SimpleSnitch\n")
        .contains("cluster_name: 'Troupe'\n")
        .contains("num_tokens: 16\n")
        .contains("partitioner: org.apache.cassandra.dht.Murmur3Partitioner\n")
        .contains("disk_access_mode: mmap_index_only\n");
  }

  @Test
  void a_path_with_a_quote_stays_one_yaml_string() {
    EmbeddedCassandra.Options odd =
        EmbeddedCassandra.Options.defaults(Path.of("/tmp/it's #here: x"), Path.of("/lib"));

    assertThat(CassandraYaml.render(odd))
        .contains("commitlog_directory: '/tmp/it''s #here: x/commitlog'\n");
  }

  @Test
  void the_yaml_uses_spaces_only() {
    assertThat(CassandraYaml.render(OPTIONS)).doesNotContain("\t");
  }
}
