package dev.troupe.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.actors.ControlPlane;
import dev.troupe.config.TroupeSettings;
import dev.troupe.http.ApiClient.Call;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The pod API over real HTTP, shared by every API test class in the JVM: a one-member cluster with
 * in-memory persistence, the API bound on a free loopback port, and an {@link ApiClient} for it. No
 * node agent runs, so pods stay Pending and unbound.
 *
 * <p>A test class asks for it with {@code @ExtendWith(ApiTestServer.class)} and takes the {@link
 * ApiClient} as a constructor parameter. The first class to do so starts the server; it lives in
 * the root {@link ExtensionContext.Store}, which closes it once every test has run. The classes
 * share its storage, so each test works in a namespace of its own from {@link #freshNamespace()}.
 * Fixtures in other packages (clients other than {@link ApiClient}) ask it for the {@link #port}.
 */
public final class ApiTestServer implements ParameterResolver {

  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(ApiTestServer.class);
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  /** The client of the running server, once one runs. */
  private static volatile ApiClient current;

  /** A namespace no other test in this JVM uses, created. */
  static String freshNamespace() {
    String namespace = "ns-" + NAMESPACES.incrementAndGet();
    createNamespace(namespace);
    return namespace;
  }

  /** Creates the namespace {@code name} on the running server. */
  public static void createNamespace(String name) {
    ApiClient api = current;
    if (api == null) {
      throw new IllegalStateException("no API server runs yet: ask for an ApiClient first");
    }
    ApiClient.Reply reply =
        api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + name + "\"}}");
    assertThat(reply.code()).as(reply.body()).isEqualTo(201);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ApiClient.class;
  }

  @Override
  public ApiClient resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return running(context).api();
  }

  /** The loopback port the API server listens on, starting the server if no test has yet. */
  public static int port(ExtensionContext context) {
    return running(context).port();
  }

  private static Running running(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(STORE)
        .getOrComputeIfAbsent(Running.class, key -> Running.start(), Running.class);
  }

  /** The started server; the root store closes it, and with it the cluster, after the last test. */
  private record Running(ActorSystem<Void> system, int port, ApiClient api)
      implements AutoCloseable {

    static Running start() {
      Config config =
          ConfigFactory.parseString(
                  """
                  pekko.actor.provider = cluster
                  pekko.remote.artery.canonical.hostname = 127.0.0.1
                  pekko.remote.artery.canonical.port = 0
                  pekko.cluster.roles = [control-plane, worker]
                  pekko.actor.serialize-messages = on
                  pekko.cluster.jmx.enabled = off
                  """)
              .withFallback(PersistenceTestKitPlugin.getInstance().config())
              .withFallback(PersistenceTestKitSnapshotPlugin.getInstance().config())
              .withFallback(ConfigFactory.load());
      ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "api-test", config);
      try {
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        TroupeSettings settings = TroupeSettings.load(Map.of("troupe.api.port", 0));
        ControlPlane controlPlane =
            ControlPlane.start(system, settings, Clock.systemUTC(), prefix -> Source.empty());
        ServerBinding binding =
            new ApiServer(
                    system, controlPlane.pods(), controlPlane.stored(), settings.api(), "test")
                .bind()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        int port = binding.localAddress().getPort();
        ApiClient api = new ApiClient(port);
        ApiAssertions.eventually(
            Duration.ofSeconds(20),
            () -> assertThat(api.send(Call.get("/readyz"), null).code()).isEqualTo(200));
        current = api;
        return new Running(system, port, api);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        system.terminate();
        throw new IllegalStateException("interrupted while the API server started", e);
      } catch (Exception | AssertionError e) {
        system.terminate();
        throw new IllegalStateException("the API server did not start", e);
      }
    }

    @Override
    public void close() throws ExecutionException, TimeoutException {
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the cluster stopped", e);
      }
    }
  }
}
