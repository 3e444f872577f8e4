package dev.troupe.node.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;

/** Opens docker-java clients for the Docker runtime. */
final class DockerClients {

  private DockerClients() {}

  /**
   * A client for the engine at {@code dockerHost}; {@code responseTimeout} (null for none) only
   * bounds calls to tcp:// hosts, see {@link DockerCalls}.
   *
   * @throws RuntimeUnavailable when {@code dockerHost} is no valid Docker host
   */
  static DockerClient newClient(String dockerHost, Duration responseTimeout) {
    DockerClientConfig config;
    try {
      config =
          DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
    } catch (RuntimeException e) {
      throw new RuntimeUnavailable(
          "Invalid Docker host " + dockerHost + ": " + e.getMessage() + ". Pass --docker-host.", e);
    }
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            // a node agent runs many container operations at once; the pool must not be what
            // serialises them, and the engine is the only host
            .maxConnections(100)
            .connectionTimeout(DockerRuntime.CONNECT_TIMEOUT)
            .responseTimeout(responseTimeout)
            .build();
    return DockerClientImpl.getInstance(config, http);
  }
}
