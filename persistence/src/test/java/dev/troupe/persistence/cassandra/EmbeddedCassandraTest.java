package dev.troupe.persistence.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a real Cassandra child: three starts in all (start, start again on the same data, restart
 * after kill -9), shared by the ordered tests below.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedCassandraTest {

  private EmbeddedCassandra cassandra;

  /** Every process a test started, killed by pid at the end whatever happened. */
  private final Set<Long> pids = new ConcurrentSkipListSet<>();

  private final List<Process> fakes = new ArrayList<>();

  @BeforeAll
  void createServer(@TempDir Path temp) throws IOException {
    Path lib = Path.of(System.getProperty("troupe.cassandra.lib", "../cassandra/target/lib"));
    assertThat(lib).as("the Cassandra jars; build the cassandra module").isDirectory();
    int[] ports = freePorts(3);
    cassandra =
        new EmbeddedCassandra(
            new EmbeddedCassandra.Options(
                temp.resolve("cassandra"),
                lib,
                "127.0.0.1",
                ports[0],
                ports[1],
                ports[2],
                "512m",
                Duration.ofSeconds(120),
                null));
  }

  @AfterAll
  void killEverything() {
    cassandra.stop();
    for (Process fake : fakes) {
      pids.add(fake.pid());
    }
    for (long pid : pids) {
      ProcessHandle.of(pid)
          .ifPresent(
              process -> {
                process.destroyForcibly();
                process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
              });
    }
  }

  @Test
  @Order(1)
  void start_names_the_port_when_another_process_holds_it() throws IOException {
    int[] ports = freePorts(3);
    EmbeddedCassandra other =
        new EmbeddedCassandra(cassandra.options().withPorts(ports[0], ports[1], ports[2]));
    int port = other.options().nativePort();
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress("127.0.0.1", port));

      assertThatThrownBy(other::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("127.0.0.1:" + port)
          .hasMessageContaining("already in use");
    }
    assertThat(other.pid()).isEmpty();
  }

  @Test
  @Order(2)
  void a_child_left_behind_by_an_earlier_parent_on_this_data_dir_is_killed() throws Exception {
    Path dataDir = cassandra.options().dataDir();
    Files.createDirectories(dataDir);
    Process stale = CassandraMainTest.startFakeChild("-Dcassandra.storagedir=" + dataDir);
    fakes.add(stale);
    Files.writeString(dataDir.resolve("cassandra.pid"), stale.pid() + "\n");
    ChildPidFile pidFile = new ChildPidFile(CassandraFiles.in(dataDir));
    waitUntil(Duration.ofSeconds(10), () -> pidFile.isOurChild(stale.toHandle()));

    // This test holds the stale child's stdin open, as a hung parent would: it must be killed.
    pidFile.reapStaleChild(Duration.ofMillis(500));

    assertThat(stale.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  @Order(3)
  void a_live_process_that_is_not_ours_is_left_alone_whatever_the_pid_file_says() throws Exception {
    Path dataDir = cassandra.options().dataDir();
    Process stranger =
        CassandraMainTest.startFakeChild("-Dcassandra.storagedir=" + dataDir.resolveSibling("x"));
    fakes.add(stranger);
    Files.writeString(dataDir.resolve("cassandra.pid"), stranger.pid() + "\n");

    new ChildPidFile(CassandraFiles.in(dataDir)).reapStaleChild(Duration.ofMillis(100));

    assertThat(stranger.isAlive()).isTrue();
    stranger.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  @Test
  @Order(4)
  void a_started_server_answers_cql_and_keeps_its_rows_when_started_again_on_the_same_data_dir() {
    start();
    try (CqlSession session = session()) {
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS troupe_test WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute("CREATE TABLE IF NOT EXISTS troupe_test.kv (k text PRIMARY KEY, v text)");
      session.execute("INSERT INTO troupe_test.kv (k, v) VALUES ('first', 'kept')");
      assertThat(value(session, "first")).isEqualTo("kept");
    }
    long firstPid = cassandra.pid().orElseThrow();

    cassandra.stop();

    assertThat(cassandra.isRunning()).isFalse();
    assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(cassandra.options().dataDir().resolve("cassandra.pid")).doesNotExist();

    start();
    try (CqlSession session = session()) {
      assertThat(value(session, "first")).isEqualTo("kept");
    }
  }

  @Test
  @Order(5)
  void a_child_killed_with_sigkill_comes_back_with_every_acknowledged_write() throws Exception {
    assertThat(cassandra.isRunning()).isTrue();
    try (CqlSession session = session()) {
      session.execute("INSERT INTO troupe_test.kv (k, v) VALUES ('second', 'acknowledged')");
    }
    long killed = cassandra.pid().orElseThrow();

    ProcessHandle child = ProcessHandle.of(killed).orElseThrow();
    child.destroyForcibly();
    child.onExit().get(10, TimeUnit.SECONDS);

    waitUntil(
        Duration.ofSeconds(120),
        () -> cassandra.isRunning() && cassandra.pid().orElse(killed) != killed);
    cassandra.pid().ifPresent(pids::add);
    try (CqlSession session = session()) {
      assertThat(value(session, "first")).isEqualTo("kept");
      assertThat(value(session, "second")).isEqualTo("acknowledged");
    }
  }

  @Test
  @Order(6)
  void stop_is_idempotent_and_leaves_no_child_behind() {
    long pid = cassandra.pid().orElseThrow();

    cassandra.stop();
    cassandra.stop();

    assertThat(cassandra.isRunning()).isFalse();
    assertThat(cassandra.pid()).isEmpty();
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(cassandra.options().dataDir().resolve("cassandra.pid")).doesNotExist();
  }

  private void start() {
    Instant begin = Instant.now();
    try {
      cassandra.start();
    } finally {
      cassandra.pid().ifPresent(pids::add);
    }
    System.out.printf(
        "Embedded Cassandra started in %d ms%n", Duration.between(begin, Instant.now()).toMillis());
    assertThat(cassandra.isRunning()).isTrue();
  }

  private CqlSession session() {
    return CqlSession.builder()
        .withConfigLoader(
            DriverConfigLoader.programmaticBuilder()
                .withStringList(
                    DefaultDriverOption.CONTACT_POINTS, List.of(cassandra.contactPoint()))
                .withString(
                    DefaultDriverOption.LOAD_BALANCING_LOCAL_DATACENTER,
                    EmbeddedCassandra.LOCAL_DATACENTER)
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20))
                .build())
        .build();
  }

  private static String value(CqlSession session, String key) {
    Row row =
        session
            .execute(session.prepare("SELECT v FROM troupe_test.kv WHERE k = ?").bind(key))
            .one();
    return row == null ? null : row.getString("v");
  }

  private static void waitUntil(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waited %s", timeout).isBefore(deadline);
      Thread.sleep(200);
    }
  }

  /** Distinct ports nobody listens on right now. */
  private static int[] freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }
}
