package dev.troupe.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerPort;
import dev.troupe.core.model.HTTPGetAction;
import dev.troupe.core.model.IntOrString;
import dev.troupe.core.model.Probe;
import dev.troupe.core.pod.ProbeState.Result;
import dev.troupe.node.runtime.ContainerInfo;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the prober reaches a probed port (by number or by the name of a container port), and an
 * HTTPS probe against a real TLS server.
 */
class ProberTest {

  private static final Container WEB =
      Container.of("web", "troupe/hello:1")
          .withPorts(
              List.of(
                  new ContainerPort("http", 8080, null, null, null),
                  new ContainerPort("admin", 9090, null, null, null)));

  private static ContainerInfo publishing(ContainerInfo.PublishedPort... ports) {
    return new ContainerInfo(
        "id",
        "web",
        "troupe/hello:1",
        null,
        Map.of(),
        ContainerInfo.State.RUNNING,
        null,
        false,
        null,
        null,
        null,
        List.of(ports));
  }

  @Test
  void aPortIsNamedByNumberOrByTheNameOfAContainerPort() {
    assertThat(Prober.containerPort(IntOrString.of(7070), WEB)).isEqualTo(7070);
    assertThat(Prober.containerPort(IntOrString.of("admin"), WEB)).isEqualTo(9090);
    assertThat(Prober.containerPort(IntOrString.of("8081"), WEB)).isEqualTo(8081);
    assertThat(Prober.containerPort(IntOrString.of("metrics"), WEB)).isNull();
  }

  @Test
  void aProbedPortIsReachedWhereItIsPublishedOnTheNode() {
    ContainerInfo info =
        publishing(
            new ContainerInfo.PublishedPort(8080, "tcp", "127.0.0.1", 32801),
            new ContainerInfo.PublishedPort(9090, "tcp", "0.0.0.0", 32802));

    assertThat(Prober.published(IntOrString.of("http"), WEB, info))
        .contains(new InetSocketAddress("127.0.0.1", 32801));
    assertThat(Prober.published(IntOrString.of(9090), WEB, info))
        .contains(new InetSocketAddress("127.0.0.1", 32802));
    assertThat(Prober.published(IntOrString.of(7070), WEB, info)).isEqualTo(Optional.empty());
  }

  @Test
  void anHttpsProbeAcceptsTheSelfSignedCertificateOfThePodAndJudgesItsStatus(@TempDir Path dir)
      throws Exception {
    HttpsServer server = selfSignedServer(dir);
    server.createContext("/healthz", answering(200));
    server.createContext("/broken", answering(503));
    server.start();
    try {
      ContainerInfo info =
          publishing(
              new ContainerInfo.PublishedPort(
                  8080, "tcp", "127.0.0.1", server.getAddress().getPort()));
      Prober prober = new Prober(null);

      Result healthy = prober.run(https("/healthz"), WEB, info);
      Result broken = prober.run(https("/broken"), WEB, info);

      assertThat(healthy.success()).as(healthy.message()).isTrue();
      assertThat(broken.success()).isFalse();
      assertThat(broken.message()).isEqualTo("HTTP probe failed with statuscode: 503");
    } finally {
      server.stop(0);
    }
  }

  private static Probe https(String path) {
    return new Probe(
        null,
        new HTTPGetAction(path, IntOrString.of("http"), null, HTTPGetAction.SCHEME_HTTPS, null),
        null,
        null,
        null,
        1,
        null,
        null,
        null,
        null);
  }

  private static HttpHandler answering(int status) {
    return exchange -> {
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    };
  }

  /** An HTTPS server on loopback whose certificate (for "pod", not the address) signs itself. */
  private static HttpsServer selfSignedServer(Path dir) throws Exception {
    Path keystore = dir.resolve("pod.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "pod",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=pod",
                "-validity",
                "1",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "secret",
                "-keypass",
                "secret")
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue())
        .as(new String(keytool.getInputStream().readAllBytes()))
        .isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, "secret".toCharArray());
    }
    KeyManagerFactory managers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, "secret".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(managers.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    return server;
  }
}
