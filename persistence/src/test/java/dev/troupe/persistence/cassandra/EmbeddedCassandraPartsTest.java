package dev.troupe.persistence.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedCassandraPartsTest {

  @TempDir Path temp;

  @Test
  void restarts_back_off_from_one_second_doubling_up_to_thirty() {
    assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 100))
        .map(ChildSupervisor::restartDelay)
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(16),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30));
  }

  @Test
  void a_java_17_troupe_runs_cassandra_on_its_own_java() throws IOException {
    Path current = temp.resolve("current");
    javaHome(temp.resolve("jvm/java-17"), "17.0.15");

    assertThat(JavaHomes.chooseJavaHome(17, current, temp.resolve("jvm"))).isEqualTo(current);
  }

  @Test
  void a_newer_troupe_runs_cassandra_on_a_java_17_it_finds() throws IOException {
    Path current = temp.resolve("current");
    javaHome(temp.resolve("jvm/temurin-25"), "25.0.1");
    Path java17 = javaHome(temp.resolve("jvm/java-17-openjdk"), "17.0.15");
    javaHome(temp.resolve("jvm/java-8"), "1.8.0_412");

    assertThat(JavaHomes.chooseJavaHome(25, current, temp.resolve("jvm"))).isEqualTo(java17);
  }

  @Test
  void a_newer_troupe_without_a_java_17_around_tries_its_own_java() throws IOException {
    Path current = temp.resolve("current");
    javaHome(temp.resolve("jvm/temurin-21"), "21.0.4");

    assertThat(JavaHomes.chooseJavaHome(25, current, temp.resolve("jvm"))).isEqualTo(current);
    assertThat(JavaHomes.chooseJavaHome(25, current, temp.resolve("missing"))).isEqualTo(current);
  }

  @Test
  void the_child_command_runs_cassandra_main_on_the_cassandra_jars_with_the_jdk_17_flags() {
    EmbeddedCassandra.Options options =
        EmbeddedCassandra.Options.defaults(temp.resolve("cassandra"), temp.resolve("lib"));
    List<String> command =
        ChildCommand.of(
            options,
            CassandraFiles.in(options.dataDir()),
            Path.of("/jdk/bin/java"),
            Path.of("/troupe/classes"));

    assertThat(command.get(0)).isEqualTo("/jdk/bin/java");
    assertThat(command)
        .contains(
            "-Xms1g", "-Xmx1g", "-Dcassandra-foreground=yes", "-Dcassandra.jmx.local.port=17199")
        .contains("-Dcassandra.storagedir=" + temp.resolve("cassandra"))
        .contains("-Dlogback.configurationFile=" + temp.resolve("cassandra/conf/logback.xml"))
        .contains(
            "-Dcassandra.config=" + temp.resolve("cassandra/conf/cassandra.yaml").toUri(),
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED")
        .containsSubsequence(
            "-cp", temp.resolve("lib") + "/*:/troupe/classes", CassandraMain.class.getName());
    assertThat(command.get(command.size() - 1)).isEqualTo(CassandraMain.class.getName());
  }

  @Test
  void options_fill_in_defaults_and_reject_clashing_ports() {
    EmbeddedCassandra.Options options =
        new EmbeddedCassandra.Options(
            Path.of("relative/cassandra"),
            Path.of("lib"),
            null,
            19042,
            17000,
            17199,
            null,
            null,
            null);

    assertThat(options.dataDir()).isAbsolute();
    assertThat(options.host()).isEqualTo("127.0.0.1");
    assertThat(options.heap()).isEqualTo("1g");
    assertThat(options.startTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThatThrownBy(() -> options.withPorts(19042, 19042, 17199))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new EmbeddedCassandra.Options(
                    Path.of("d"), Path.of("l"), null, 1, 2, 3, "lots", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heap");
  }

  @Test
  void the_contact_point_is_host_and_native_port() {
    EmbeddedCassandra cassandra =
        new EmbeddedCassandra(
            EmbeddedCassandra.Options.defaults(temp.resolve("c"), temp.resolve("lib"))
                .withPorts(19142, 17100, 17299));

    assertThat(cassandra.contactPoint()).isEqualTo("127.0.0.1:19142");
    assertThat(cassandra.isRunning()).isFalse();
    assertThat(cassandra.pid()).isEmpty();
  }

  @Test
  void start_refuses_a_lib_dir_without_cassandra() throws IOException {
    Path lib = Files.createDirectories(temp.resolve("empty-lib"));
    EmbeddedCassandra cassandra =
        new EmbeddedCassandra(EmbeddedCassandra.Options.defaults(temp.resolve("c"), lib));

    assertThatThrownBy(cassandra::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No cassandra-all jar in " + lib);
    assertThat(cassandra.pid()).isEmpty();
  }

  @Test
  void start_refuses_cassandra_jars_with_mismatched_logback_versions() throws IOException {
    Path lib = Files.createDirectories(temp.resolve("lib"));
    for (String jar :
        List.of(
            "cassandra-all-5.0.9.jar", "logback-classic-1.5.38.jar", "logback-core-1.5.18.jar")) {
      Files.createFile(lib.resolve(jar));
    }
    EmbeddedCassandra cassandra =
        new EmbeddedCassandra(EmbeddedCassandra.Options.defaults(temp.resolve("c"), lib));

    assertThatThrownBy(cassandra::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("logback-classic 1.5.38 with logback-core 1.5.18");
    assertThat(cassandra.pid()).isEmpty();
  }

  private static Path javaHome(Path home, String version) throws IOException {
    Files.createDirectories(home.resolve("bin"));
    Path java = Files.createFile(home.resolve("bin/java"));
    java.toFile().setExecutable(true);
    Files.writeString(
        home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + version + "\"\n");
    return home;
  }
}
