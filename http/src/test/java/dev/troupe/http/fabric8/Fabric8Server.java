package dev.troupe.http.fabric8;

import dev.troupe.http.ApiTestServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The API server that {@link ApiTestServer} runs for the whole JVM, for tests that drive it with
 * the fabric8 Kubernetes client. A test class asks for it with {@code
 * ExtendWith(Fabric8Server.class)} and takes a {@link Fabric8Server.Api} as a constructor
 * parameter; each test makes its clients with {@link Api#client(String)} in a namespace of its own
 * from {@link #freshNamespace()}.
 */
final class Fabric8Server implements ParameterResolver {

  /** How long one request may take before the client gives up. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  /** A namespace no other test in this JVM uses (the other API tests use {@code ns-N}). */
  static String freshNamespace() {
    String namespace = "fabric8-" + NAMESPACES.incrementAndGet();
    ApiTestServer.createNamespace(namespace);
    return namespace;
  }

  /** The running API server, on loopback. */
  record Api(int port) {

    /**
     * A client for this server alone, working in {@code namespace}: its configuration starts empty,
     * so nothing from {@code ~/.kube}, the environment or a service account reaches it. It talks
     * through the JDK's HTTP client, the only transport on the test class path. Its watches (and so
     * its informers') use fabric8's default, a WebSocket.
     */
    KubernetesClient client(String namespace) {
      Config config =
          new ConfigBuilder(Config.empty())
              .withAutoConfigure(false)
              .withMasterUrl("http://127.0.0.1:" + port)
              .withNamespace(namespace)
              .withRequestTimeout((int) REQUEST_TIMEOUT.toMillis())
              .build();
      return new KubernetesClientBuilder().withConfig(config).build();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Api.class;
  }

  @Override
  public Api resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return new Api(ApiTestServer.port(context));
  }
}
