package dev.troupe.node.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.KubeObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The service proxy with real sockets on loopback: connections to a cluster address reach the
 * service's endpoints in turn, one to a service without endpoints is closed at once, and an address
 * another process holds is taken once it is free.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceProxyTest {

  private final ActorTestKit testKit = ActorTestKit.create("service-proxy-test");
  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<ActorRef<ServiceProxy.Command>> proxies = new ArrayList<>();

  @AfterEach
  void closeWhatTheTestOpened() throws Exception {
    proxies.forEach(testKit::stop);
    proxies.clear();
    for (AutoCloseable c : open) {
      c.close();
    }
    open.clear();
  }

  @AfterAll
  void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void connectionsToAClusterAddressReachTheServicesEndpointsInTurn() throws Exception {
    int a = answering("a");
    int b = answering("b");
    int port = freePort();
    serve("127.77.201.1", port, "127.0.0.1:" + a, "127.0.0.1:" + b);

    List<String> answers = new ArrayList<>();
    awaitAnswer("127.77.201.1", port);
    for (int i = 0; i < 4; i++) {
      answers.add(read("127.77.201.1", port));
    }

    assertThat(answers).containsOnly("a", "b");
    assertThat(answers.get(0)).isNotEqualTo(answers.get(1));
    assertThat(answers.get(1)).isNotEqualTo(answers.get(2));
  }

  @Test
  void aConnectionToAServiceWithoutEndpointsIsClosedAtOnce() throws Exception {
    int port = freePort();
    serve("127.77.201.2", port);
    awaitListening("127.77.201.2", port);

    try (Socket socket = new Socket("127.77.201.2", port)) {
      socket.setSoTimeout(2000);
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void anAddressAnotherProcessHeldIsTakenOnceItIsFree() throws Exception {
    int answer = answering("late");
    int port = freePort();
    ServerSocket holder = new ServerSocket();
    holder.bind(new InetSocketAddress("127.77.201.3", port));
    serve("127.77.201.3", port, "127.0.0.1:" + answer);
    Thread.sleep(500); // the proxy tries, and fails, while the address is held

    holder.close();

    awaitAnswer("127.77.201.3", port);
    assertThat(read("127.77.201.3", port)).isEqualTo("late");
  }

  // --- Helpers -----------------------------------------------------------------------------------

  /** Starts a proxy of one service at {@code clusterIP:port} with these endpoints (ip:port). */
  private void serve(String clusterIP, int port, String... endpointAddresses) {
    String name = "svc-" + clusterIP.replace('.', '-');
    List<KubeObject> slices = new ArrayList<>();
    for (String endpoint : endpointAddresses) {
      String[] parts = endpoint.split(":");
      slices.add(
          object(
              """
              {"kind":"EndpointSlice","metadata":{"name":"%s-%s","namespace":"d",
                 "labels":{"kubernetes.io/service-name":"%s"}},
               "addressType":"IPv4",
               "endpoints":[{"addresses":["%s"],"conditions":{"ready":true}}],
               "ports":[{"name":"","port":%s}]}
              """
                  .formatted(name, parts[1], name, parts[0], parts[1])));
    }
    List<KubeObject> services =
        List.of(
            object(
                """
                {"kind":"Service","metadata":{"name":"%s","namespace":"d"},
                 "spec":{"clusterIP":"%s","ports":[{"port":%d}]}}
                """
                    .formatted(name, clusterIP, port)));
    proxies.add(
        testKit.spawn(
            ServiceProxy.create(
                () -> CompletableFuture.completedFuture(services),
                () -> CompletableFuture.completedFuture(slices),
                "127.0.0.1",
                Duration.ofMillis(100),
                Clock.systemUTC())));
  }

  /** A TCP server on loopback that says {@code name} to every connection and closes it. */
  private int answering(String name) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    open.add(server);
    Thread thread =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (Socket client = server.accept()) {
                  OutputStream out = client.getOutputStream();
                  out.write(name.getBytes(StandardCharsets.UTF_8));
                  out.flush();
                } catch (IOException closed) {
                  return;
                }
              }
            },
            "answering-" + name);
    thread.setDaemon(true);
    thread.start();
    return server.getLocalPort();
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  /** What the far side says before it closes. */
  private static String read(String host, int port) throws IOException {
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(2000);
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private void awaitAnswer(String host, int port) {
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.awaitAssert(
        Duration.ofSeconds(15),
        () -> {
          assertThat(read(host, port)).isNotEmpty();
          return null;
        });
  }

  private void awaitListening(String host, int port) {
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.awaitAssert(
        Duration.ofSeconds(15),
        () -> {
          new Socket(host, port).close();
          return null;
        });
  }

  private static KubeObject object(String json) {
    try {
      return KubeObject.of((ObjectNode) Json.mapper().readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
