package dev.troupe.node.agent;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerPort;
import dev.troupe.core.model.HTTPGetAction;
import dev.troupe.core.model.HTTPHeader;
import dev.troupe.core.model.IntOrString;
import dev.troupe.core.model.Probe;
import dev.troupe.core.pod.ProbeState;
import dev.troupe.core.pod.ProbeState.Result;
import dev.troupe.node.runtime.ContainerInfo;
import dev.troupe.node.runtime.ContainerRuntime;
import dev.troupe.node.runtime.RuntimeFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one probe of one container, as the kubelet's prober: {@code httpGet} over HTTP or HTTPS (any
 * certificate; a status from 200 to 399 passes), {@code tcpSocket} (the port accepts a connection)
 * and {@code exec} (the command exits 0), each within the probe's timeout. The node reaches a
 * container only through the ports it publishes on the node address (the agent publishes every
 * probed port), never through the container network. Blocking: runs on a runtime thread.
 */
final class Prober {

  /** The User-Agent the kubelet's HTTP probes send. */
  static final String USER_AGENT = "kube-probe/1.32";

  /** Headers Java's HTTP client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED =
      Set.of("host", "connection", "content-length", "expect", "upgrade");

  /**
   * How long a TCP probe listens after connecting. Docker publishes loopback ports through its
   * userland proxy, which accepts every connection and closes it at once when nothing listens in
   * the container: a connection closed within this time was refused.
   */
  static final Duration PROXY_REFUSAL_WINDOW = Duration.ofMillis(200);

  private final ContainerRuntime runtime;
  private final HttpClient http;
  private final HttpClient https;

  Prober(ContainerRuntime runtime) {
    this.runtime = runtime;
    this.http = client().build();
    // As the kubelet's prober (InsecureSkipVerify): an HTTPS probe checks the answer, not the
    // certificate, which a pod usually signs itself.
    this.https = client().sslContext(AnyCertificate.context()).build();
  }

  private static HttpClient.Builder client() {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10));
  }

  /** Runs {@code probe} against the running {@code info} of {@code container}. */
  Result run(Probe probe, Container container, ContainerInfo info) {
    Duration timeout = ProbeState.timeout(probe);
    try {
      if (probe.exec() != null) {
        return exec(probe, info, timeout);
      }
      if (probe.httpGet() != null) {
        return httpGet(probe.httpGet(), container, info, timeout);
      }
      if (probe.tcpSocket() != null) {
        return tcpSocket(probe.tcpSocket().port(), container, info, timeout);
      }
      if (probe.grpc() != null) {
        return Result.failed("gRPC probes are not supported by this node");
      }
      return Result.failed("the probe has no handler");
    } catch (RuntimeFailure e) {
      return Result.failed(e.getMessage());
    }
  }

  private Result exec(Probe probe, ContainerInfo info, Duration timeout) {
    ContainerRuntime.ExecResult result = runtime.exec(info.id(), probe.exec().command(), timeout);
    if (result.exitCode() == null) {
      return Result.failed(
          "command timed out: \"%s\" timed out after %ds"
              .formatted(String.join(" ", probe.exec().command()), timeout.toSeconds()));
    }
    if (result.exitCode() != 0) {
      String output = result.output() == null ? "" : result.output().strip();
      return Result.failed(
          output.isEmpty()
              ? "command \"%s\" exited with %d"
                  .formatted(String.join(" ", probe.exec().command()), result.exitCode())
              : output);
    }
    return Result.passed();
  }

  private Result httpGet(
      HTTPGetAction action, Container container, ContainerInfo info, Duration timeout) {
    if (action.host() != null && !action.host().isEmpty()) {
      return Result.failed(
          "httpGet.host is not supported: the node probes only the pod's own published ports");
    }
    String scheme = action.scheme() == null ? HTTPGetAction.SCHEME_HTTP : action.scheme();
    boolean secure = HTTPGetAction.SCHEME_HTTPS.equals(scheme);
    if (!secure && !HTTPGetAction.SCHEME_HTTP.equals(scheme)) {
      return Result.failed("scheme " + scheme + " is not supported by this node's prober");
    }
    Optional<InetSocketAddress> address = published(action.port(), container, info);
    if (address.isEmpty()) {
      return Result.failed(unpublished(action.port()));
    }
    String path = action.path() == null || action.path().isEmpty() ? "/" : action.path();
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
    String url =
        "%s://%s:%d%s"
            .formatted(
                secure ? "https" : "http",
                address.get().getHostString(),
                address.get().getPort(),
                path);
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
    } catch (IllegalArgumentException e) {
      return Result.failed("invalid URL " + url + ": " + e.getMessage());
    }
    request.header("User-Agent", USER_AGENT).header("Accept", "*/*");
    if (action.httpHeaders() != null) {
      for (HTTPHeader header : action.httpHeaders()) {
        if (!RESTRICTED.contains(header.name().toLowerCase(Locale.ROOT))) {
          request.setHeader(header.name(), header.value());
        }
      }
    }
    try {
      HttpResponse<Void> response =
          (secure ? https : http).send(request.build(), HttpResponse.BodyHandlers.discarding());
      int code = response.statusCode();
      if (code >= 200 && code < 400) {
        return Result.passed();
      }
      return Result.failed("HTTP probe failed with statuscode: " + code);
    } catch (HttpTimeoutException e) {
      return Result.failed(
          "Get \"%s\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"
              .formatted(url));
    } catch (ConnectException e) {
      return Result.failed("Get \"%s\": connect: connection refused".formatted(url));
    } catch (IOException e) {
      // through Docker's port proxy a refused connection shows as one closed before any answer
      return Result.failed("Get \"%s\": %s".formatted(url, describe(e)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.failed("Get \"%s\": interrupted".formatted(url));
    }
  }

  private Result tcpSocket(
      IntOrString port, Container container, ContainerInfo info, Duration timeout) {
    Optional<InetSocketAddress> address = published(port, container, info);
    if (address.isEmpty()) {
      return Result.failed(unpublished(port));
    }
    String dial =
        "dial tcp %s:%d".formatted(address.get().getHostString(), address.get().getPort());
    try (Socket socket = new Socket()) {
      socket.connect(address.get(), (int) timeout.toMillis());
      socket.setSoTimeout((int) PROXY_REFUSAL_WINDOW.toMillis());
      try {
        InputStream in = socket.getInputStream();
        if (in.read() < 0) {
          return Result.failed(dial + ": connect: connection refused");
        }
      } catch (SocketTimeoutException quiet) {
        // the connection stays open: something listens
      }
      return Result.passed();
    } catch (SocketTimeoutException e) {
      return Result.failed(dial + ": i/o timeout");
    } catch (ConnectException e) {
      return Result.failed(dial + ": connect: connection refused");
    } catch (IOException e) {
      return Result.failed(dial + ": " + describe(e));
    }
  }

  /**
   * Where the node reaches {@code port} of the container: its published address. A named port is
   * looked up among the container's ports, as Kubernetes does.
   */
  static Optional<InetSocketAddress> published(
      IntOrString port, Container container, ContainerInfo info) {
    Integer number = containerPort(port, container);
    if (number == null || info.ports() == null) {
      return Optional.empty();
    }
    return info.ports().stream()
        .filter(p -> p.containerPort() == number && "TCP".equalsIgnoreCase(p.protocol()))
        .filter(p -> p.hostPort() > 0)
        .findFirst()
        .map(
            p ->
                new InetSocketAddress(
                    p.hostIP() == null || p.hostIP().isEmpty() || "0.0.0.0".equals(p.hostIP())
                        ? "127.0.0.1"
                        : p.hostIP(),
                    p.hostPort()));
  }

  /** The container port a probe names, by number or by the name of one of its ports. */
  static Integer containerPort(IntOrString port, Container container) {
    if (port == null) {
      return null;
    }
    if (port.isInt()) {
      return port.intValue();
    }
    for (ContainerPort p : container.portsOrEmpty()) {
      if (port.strValue().equals(p.name())) {
        return p.containerPort();
      }
    }
    try {
      return Integer.parseInt(port.strValue());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String unpublished(IntOrString port) {
    return "port " + port + " is not a published port of the container";
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
  }
}
