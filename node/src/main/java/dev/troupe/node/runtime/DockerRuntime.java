package dev.troupe.node.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ContainerRuntime} that drives a Docker engine through docker-java.
 *
 * <p>Timeouts. The engine usually listens on a unix socket, and docker-java reads unix sockets
 * through a blocking channel that ignores socket timeouts: the http client's response timeout only
 * works for tcp:// hosts. So every call runs on a worker thread and the caller waits for it with a
 * deadline; when the deadline passes the worker is interrupted (which aborts a blocked channel
 * read) and the caller gets {@link RuntimeUnavailable}. The deadline is {@link #CALL_TIMEOUT} for
 * ordinary calls, the grace plus {@link #STOP_SLACK} for stop (the engine stays silent for the
 * whole grace and only then kills), and {@link #PROBE_TIMEOUT} for the ping of {@link #connect}. A
 * pull streams progress: it fails when no progress arrives for {@link #PULL_PROGRESS_DEADLINE} (as
 * the kubelet's image-pull-progress-deadline did) or when it takes over {@link #PULL_DEADLINE}. For
 * tcp:// hosts the http client also has a connect timeout of {@link #CONNECT_TIMEOUT} and, except
 * for stop, a response timeout of {@link #CALL_TIMEOUT}.
 */
public final class DockerRuntime implements ContainerRuntime {

  private static final Logger log = LoggerFactory.getLogger(DockerRuntime.class);

  /** How long opening a connection to the engine may take (matters for tcp:// hosts). */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  /** How long any call but stop and pull may take before the engine counts as unreachable. */
  static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

  /** How long a stop may take beyond its grace: the engine's kill and its own bookkeeping. */
  static final Duration STOP_SLACK = Duration.ofSeconds(30);

  /** How long a pull may go without progress. */
  static final Duration PULL_PROGRESS_DEADLINE = Duration.ofMinutes(1);

  /** How long a whole pull may take, progress or not. */
  static final Duration PULL_DEADLINE = Duration.ofMinutes(30);

  /** How long {@link #connect} waits for the engine's answer to its ping. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

  /** How long a create that lost a name race waits for the winner to appear. */
  static final Duration NAME_RACE_WAIT = Duration.ofSeconds(5);

  /** Docker's timestamp for "never", e.g. the finish time of a running container. */
  private static final String ZERO_TIME_PREFIX = "0001-01-01T00:00:00";

  private static final Pattern JSON_MESSAGE =
      Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final String dockerHost;
  private final String nodeAddress;
  private final DockerClient client;
  private final DockerClient stopClient;
  private final ExecutorService calls;
  private volatile String version;

  /** Connects lazily: the first call that needs the engine finds out whether it is there. */
  public DockerRuntime(String dockerHost, String nodeAddress) {
    this.dockerHost = Objects.requireNonNull(dockerHost, "dockerHost");
    this.nodeAddress = Objects.requireNonNull(nodeAddress, "nodeAddress");
    this.client = newClient(dockerHost, CALL_TIMEOUT);
    // a stop may rightly stay silent for as long as its grace, which has no upper bound
    this.stopClient = newClient(dockerHost, null);
    AtomicInteger threads = new AtomicInteger();
    // unbounded like the callers' own blocking pools: a bound here would only queue calls
    // behind slow ones, and idle threads go after a minute
    this.calls =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "docker-runtime-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Pings the engine at {@code dockerHost} and returns a runtime for it.
   *
   * @throws RuntimeUnavailable within a few seconds when the engine cannot be reached
   */
  public static DockerRuntime connect(String dockerHost, String nodeAddress) {
    DockerRuntime runtime = new DockerRuntime(dockerHost, nodeAddress);
    try {
      runtime.version =
          runtime.call(
              "ping",
              PROBE_TIMEOUT,
              () -> {
                runtime.client.pingCmd().exec();
                return runtime.client.versionCmd().exec().getVersion();
              });
    } catch (RuntimeUnavailable e) {
      runtime.close();
      throw e;
    } catch (RuntimeException e) {
      runtime.close();
      throw new RuntimeUnavailable(unreachable(dockerHost, rootMessage(e)), e);
    }
    log.debug("connected to Docker {} at {}", runtime.version, dockerHost);
    return runtime;
  }

  private static DockerClient newClient(String dockerHost, Duration responseTimeout) {
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
            .connectionTimeout(CONNECT_TIMEOUT)
            .responseTimeout(responseTimeout)
            .build();
    return DockerClientImpl.getInstance(config, http);
  }

  private static String unreachable(String dockerHost, String why) {
    return "Cannot reach the Docker engine at "
        + dockerHost
        + ": "
        + why
        + ". Start it (for example `dockerd`, or run scripts/setup-machine) or pass --docker-host.";
  }

  @Override
  public String version() {
    String known = version;
    if (known == null) {
      try {
        known = call("version", CALL_TIMEOUT, () -> client.versionCmd().exec().getVersion());
        version = known;
      } catch (RuntimeException e) {
        // the version is for logs and node status: not knowing it must not fail those
        log.debug("cannot read the Docker version at {}", dockerHost, e);
        return "docker://unknown";
      }
    }
    return "docker://" + known;
  }

  @Override
  public String nodeAddress() {
    return nodeAddress;
  }

  @Override
  public void ensureImage(String image, String pullPolicy) {
    String policy = pullPolicy == null ? "IfNotPresent" : pullPolicy;
    log.debug("ensureImage {} ({})", image, policy);
    switch (policy) {
      case "Never" -> {
        if (!imagePresent(image)) {
          throw new RuntimeFailure(
              "ErrImageNeverPull",
              "Container image \"" + image + "\" is not present with pull policy of Never");
        }
      }
      case "IfNotPresent" -> {
        if (!imagePresent(image)) {
          pull(image);
        }
      }
      case "Always" -> pull(image);
      default -> throw new IllegalArgumentException("Unknown image pull policy " + pullPolicy);
    }
  }

  private boolean imagePresent(String image) {
    return call(
        "inspect image " + image,
        CALL_TIMEOUT,
        () -> {
          try {
            client.inspectImageCmd(image).exec();
            return true;
          } catch (NotFoundException e) {
            return false;
          } catch (DockerException e) {
            throw new RuntimeFailure("ImageInspectError", dockerMessage(e), e);
          }
        });
  }

  private void pull(String image) {
    ImageRef ref = ImageRef.parse(image);
    log.debug("pulling {} as {}:{}", image, ref.repository(), ref.pullTag());
    // docker-java streams the pull on a thread of its own: this thread only watches the progress
    PullProgress progress = new PullProgress();
    try (progress) {
      client.pullImageCmd(ref.repository()).withTag(ref.pullTag()).exec(progress);
      progress.await(image);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeFailure("ErrImagePull", "Interrupted pulling image \"" + image + "\"");
    } catch (IOException e) {
      // aborting a stream that had already ended: nothing is left to clean up
      log.debug("closing the pull of {}", image, e);
    }
    progress.throwIfFailed(dockerHost);
    log.debug("pulled {}", image);
  }

  /**
   * Follows a pull's progress stream. docker-java's own callbacks log every failed pull at ERROR
   * with a stack trace; a failed pull is an ordinary outcome here, reported as {@code
   * ErrImagePull}.
   */
  private static final class PullProgress implements ResultCallback<PullResponseItem> {
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile long lastProgress = System.nanoTime();
    private volatile Closeable stream;
    private volatile Throwable failure;
    private volatile String error;

    @Override
    public void onStart(Closeable stream) {
      this.stream = stream;
    }

    @Override
    public void onNext(PullResponseItem item) {
      lastProgress = System.nanoTime();
      // the engine reports a failure inside the stream, after a 200 answer
      // (the engine has sent errorDetail along with the deprecated error since API 1.18)
      if (item.isErrorIndicated()) {
        ResponseItem.ErrorDetail detail = item.getErrorDetail();
        error = detail != null && detail.getMessage() != null ? detail.getMessage() : "pull failed";
      }
    }

    @Override
    public void onError(Throwable throwable) {
      failure = throwable;
      done.countDown();
    }

    @Override
    public void onComplete() {
      done.countDown();
    }

    /** Waits for the end of the pull, or fails it when it stalls or takes too long. */
    void await(String image) throws InterruptedException {
      long start = System.nanoTime();
      while (!done.await(1, TimeUnit.SECONDS)) {
        long now = System.nanoTime();
        if (now - lastProgress > PULL_PROGRESS_DEADLINE.toNanos()) {
          throw new RuntimeFailure(
              "ErrImagePull",
              "Pulling image \""
                  + image
                  + "\" made no progress for "
                  + PULL_PROGRESS_DEADLINE.toSeconds()
                  + " s");
        }
        if (now - start > PULL_DEADLINE.toNanos()) {
          throw new RuntimeFailure(
              "ErrImagePull",
              "Pulling image \"" + image + "\" took over " + PULL_DEADLINE.toMinutes() + " min");
        }
      }
    }

    void throwIfFailed(String dockerHost) {
      if (error != null) {
        throw new RuntimeFailure("ErrImagePull", error);
      }
      Throwable f = failure;
      if (f instanceof DockerException || f instanceof DockerClientException) {
        throw new RuntimeFailure("ErrImagePull", dockerMessage(f), f);
      }
      if (f != null && hasIoCause(f)) {
        throw new RuntimeUnavailable(unreachable(dockerHost, rootMessage(f)), f);
      }
      if (f instanceof RuntimeException r) {
        throw r;
      }
      if (f != null) {
        throw new RuntimeFailure("ErrImagePull", rootMessage(f), f);
      }
    }

    /** Aborts the stream, if it still runs. */
    @Override
    public void close() throws IOException {
      Closeable s = stream;
      done.countDown();
      if (s != null) {
        s.close();
      }
    }
  }

  @Override
  public ContainerInfo create(ContainerSpec spec) {
    log.debug("create {} from {}", spec.name(), spec.image());
    Optional<ContainerInfo> existing = inspectByName(spec.name());
    if (existing.isPresent()) {
      log.debug("create {}: exists as {}", spec.name(), existing.get().id());
      return existing.get();
    }
    String id =
        call(
            "create " + spec.name(),
            CALL_TIMEOUT,
            () -> {
              try {
                return buildCreate(spec).exec().getId();
              } catch (ConflictException e) {
                // a concurrent or retried create made it between our look-up and our create
                return null;
              } catch (DockerException e) {
                throw new RuntimeFailure("CreateContainerError", dockerMessage(e), e);
              }
            });
    if (id == null) {
      return awaitByName(spec.name());
    }
    log.debug("created {} as {}", spec.name(), id);
    return inspect(id)
        .orElseThrow(
            () ->
                new RuntimeFailure(
                    "CreateContainerError", "Container " + id + " vanished right after create"));
  }

  private CreateContainerCmd buildCreate(ContainerSpec spec) {
    HostConfig host = HostConfig.newHostConfig().withRestartPolicy(RestartPolicy.noRestart());
    if (spec.memoryLimitBytes() != null) {
      host.withMemory(spec.memoryLimitBytes());
    }
    if (spec.nanoCpus() != null) {
      host.withNanoCPUs(spec.nanoCpus());
    }
    List<ExposedPort> exposed = new ArrayList<>();
    Ports bindings = new Ports();
    if (spec.ports() != null) {
      for (ContainerSpec.PortSpec port : spec.ports()) {
        ExposedPort exposedPort = new ExposedPort(port.containerPort(), protocol(port.protocol()));
        exposed.add(exposedPort);
        String hostIp =
            port.hostIP() == null || port.hostIP().isBlank() ? nodeAddress : port.hostIP();
        bindings.bind(
            exposedPort,
            port.hostPort() == null || port.hostPort() == 0
                ? Ports.Binding.bindIp(hostIp)
                : Ports.Binding.bindIpAndPort(hostIp, port.hostPort()));
      }
      host.withPortBindings(bindings);
    }
    CreateContainerCmd cmd =
        client
            .createContainerCmd(spec.image())
            .withName(spec.name())
            .withHostConfig(host)
            .withExposedPorts(exposed);
    // null keeps the image's entrypoint and cmd, as in Kubernetes
    if (spec.command() != null) {
      cmd.withEntrypoint(spec.command());
    }
    if (spec.args() != null) {
      cmd.withCmd(spec.args());
    }
    if (spec.workingDir() != null) {
      cmd.withWorkingDir(spec.workingDir());
    }
    if (spec.env() != null) {
      cmd.withEnv(
          spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
    if (spec.hostname() != null) {
      cmd.withHostName(spec.hostname());
    }
    if (spec.labels() != null) {
      cmd.withLabels(spec.labels());
    }
    return cmd;
  }

  private static InternetProtocol protocol(String protocol) {
    return protocol == null || protocol.isBlank()
        ? InternetProtocol.TCP
        : InternetProtocol.valueOf(protocol.toUpperCase(Locale.ROOT));
  }

  /**
   * Finds the container that won a create race. The engine reserves a name before it registers the
   * container, so for a moment the name is taken while no container answers to it.
   */
  private ContainerInfo awaitByName(String name) {
    long deadline = System.nanoTime() + NAME_RACE_WAIT.toNanos();
    while (true) {
      Optional<ContainerInfo> winner = inspectByName(name);
      if (winner.isPresent()) {
        log.debug("create {}: made concurrently as {}", name, winner.get().id());
        return winner.get();
      }
      if (System.nanoTime() > deadline) {
        throw new RuntimeFailure(
            "CreateContainerError",
            "Container name \"" + name + "\" is in use but no container has it");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RuntimeFailure("CreateContainerError", "Interrupted creating " + name);
      }
    }
  }

  /** Looks a container up by its exact name (the engine would also match an id prefix). */
  private Optional<ContainerInfo> inspectByName(String name) {
    return inspect(name).filter(info -> name.equals(info.name()));
  }

  @Override
  public void start(String containerId) {
    log.debug("start {}", containerId);
    call(
        "start " + containerId,
        CALL_TIMEOUT,
        () -> {
          try {
            client.startContainerCmd(containerId).exec();
          } catch (NotModifiedException e) {
            log.debug("start {}: already running", containerId);
          } catch (DockerException e) {
            throw new RuntimeFailure("RunContainerError", dockerMessage(e), e);
          }
          return null;
        });
  }

  @Override
  public void stop(String containerId, Duration grace) {
    int seconds = graceSeconds(grace);
    log.debug("stop {} (grace {} s)", containerId, seconds);
    call(
        "stop " + containerId,
        Duration.ofSeconds(seconds).plus(STOP_SLACK),
        () -> {
          try {
            stopClient.stopContainerCmd(containerId).withTimeout(seconds).exec();
          } catch (NotModifiedException e) {
            log.debug("stop {}: not running", containerId);
          } catch (NotFoundException e) {
            log.debug("stop {}: no such container", containerId);
          } catch (DockerException e) {
            throw new RuntimeFailure("KillContainerError", dockerMessage(e), e);
          }
          return null;
        });
  }

  /** Docker counts the grace in whole seconds: round up so a container never gets less. */
  static int graceSeconds(Duration grace) {
    if (grace == null || grace.isNegative() || grace.isZero()) {
      return 0;
    }
    long seconds = grace.getSeconds() + (grace.getNano() > 0 ? 1 : 0);
    return (int) Math.min(seconds, Integer.MAX_VALUE);
  }

  @Override
  public void remove(String containerId) {
    log.debug("remove {}", containerId);
    call(
        "remove " + containerId,
        CALL_TIMEOUT,
        () -> {
          try {
            client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
          } catch (NotFoundException e) {
            log.debug("remove {}: no such container", containerId);
          } catch (ConflictException e) {
            // "removal already in progress": another remove of the same container wins
            log.debug("remove {}: {}", containerId, dockerMessage(e));
          } catch (DockerException e) {
            throw new RuntimeFailure("RemoveContainerError", dockerMessage(e), e);
          }
          return null;
        });
  }

  @Override
  public Optional<ContainerInfo> inspect(String containerId) {
    log.debug("inspect {}", containerId);
    return call(
        "inspect " + containerId,
        CALL_TIMEOUT,
        () -> {
          try {
            return Optional.of(toInfo(client.inspectContainerCmd(containerId).exec()));
          } catch (NotFoundException e) {
            return Optional.empty();
          } catch (DockerException e) {
            throw new RuntimeFailure("InspectContainerError", dockerMessage(e), e);
          }
        });
  }

  @Override
  public List<ContainerInfo> listByLabel(String label, String value) {
    log.debug("listByLabel {}={}", label, value);
    List<Container> found =
        call(
            "list " + label + "=" + value,
            CALL_TIMEOUT,
            () -> {
              try {
                return client
                    .listContainersCmd()
                    .withShowAll(true)
                    .withLabelFilter(Map.of(label, value))
                    .exec();
              } catch (DockerException e) {
                throw new RuntimeFailure("ListContainersError", dockerMessage(e), e);
              }
            });
    // the list lacks published ports of stopped containers and exact timestamps: inspect each;
    // one removed in between is simply no longer there
    return found.stream().map(c -> inspect(c.getId())).flatMap(Optional::stream).toList();
  }

  @Override
  public void close() {
    calls.shutdownNow();
    closeQuietly(client);
    closeQuietly(stopClient);
  }

  private void closeQuietly(DockerClient c) {
    try {
      c.close();
    } catch (IOException | RuntimeException e) {
      log.debug("closing the Docker client for {}", dockerHost, e);
    }
  }

  /**
   * Runs a call on a worker thread and waits for it at most {@code deadline} (see the class comment
   * for why); a transport failure or a missed deadline becomes {@link RuntimeUnavailable}.
   */
  private <T> T call(String what, Duration deadline, Supplier<T> body) {
    Future<T> result;
    try {
      result = calls.submit(body::get);
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("The Docker runtime for " + dockerHost + " is closed", e);
    }
    try {
      return result.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // interrupting the worker closes its channel, which aborts a read blocked on the engine
      result.cancel(true);
      throw new RuntimeUnavailable(
          unreachable(dockerHost, "no answer to " + what + " within " + seconds(deadline)), e);
    } catch (InterruptedException e) {
      result.cancel(true);
      Thread.currentThread().interrupt();
      throw new RuntimeFailure("Interrupted", "Interrupted waiting for " + what);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeFailure
          || cause instanceof RuntimeUnavailable
          || cause instanceof DockerException
          || cause instanceof DockerClientException) {
        throw (RuntimeException) cause;
      }
      if (hasIoCause(cause)) {
        throw new RuntimeUnavailable(unreachable(dockerHost, rootMessage(cause)), cause);
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
  }

  private static boolean hasIoCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  static ContainerInfo toInfo(InspectContainerResponse c) {
    InspectContainerResponse.ContainerState s = c.getState();
    String status = s == null || s.getStatus() == null ? "" : s.getStatus();
    ContainerInfo.State state =
        switch (status) {
          case "running" -> ContainerInfo.State.RUNNING;
          case "created" -> ContainerInfo.State.CREATED;
          case "exited", "dead" -> ContainerInfo.State.EXITED;
          default -> ContainerInfo.State.UNKNOWN;
        };
    Long exitCode = s == null ? null : s.getExitCodeLong();
    String error =
        s == null || s.getError() == null || s.getError().isEmpty() ? null : s.getError();
    Map<String, String> labels =
        c.getConfig() == null || c.getConfig().getLabels() == null
            ? Map.of()
            : Map.copyOf(c.getConfig().getLabels());
    String name = c.getName() == null ? null : c.getName().replaceFirst("^/", "");
    return new ContainerInfo(
        c.getId(),
        name,
        c.getConfig() == null ? null : c.getConfig().getImage(),
        c.getImageId(),
        labels,
        state,
        exitCode == null ? null : exitCode.intValue(),
        s != null && Boolean.TRUE.equals(s.getOOMKilled()),
        error,
        s == null ? null : timestamp(s.getStartedAt()),
        s == null ? null : timestamp(s.getFinishedAt()),
        publishedPorts(c));
  }

  private static List<ContainerInfo.PublishedPort> publishedPorts(InspectContainerResponse c) {
    if (c.getNetworkSettings() == null || c.getNetworkSettings().getPorts() == null) {
      return List.of();
    }
    List<ContainerInfo.PublishedPort> ports = new ArrayList<>();
    c.getNetworkSettings()
        .getPorts()
        .getBindings()
        .forEach(
            (exposed, bindings) -> {
              // an exposed port that is not published has no bindings
              if (bindings == null) {
                return;
              }
              for (Ports.Binding b : bindings) {
                Integer hostPort = parsePort(b.getHostPortSpec());
                if (hostPort != null) {
                  ports.add(
                      new ContainerInfo.PublishedPort(
                          exposed.getPort(),
                          exposed.getProtocol().name(),
                          b.getHostIp(),
                          hostPort));
                }
              }
            });
    ports.sort(
        Comparator.comparingInt(ContainerInfo.PublishedPort::containerPort)
            .thenComparing(ContainerInfo.PublishedPort::protocol)
            .thenComparing(p -> String.valueOf(p.hostIP())));
    return List.copyOf(ports);
  }

  private static Integer parsePort(String spec) {
    if (spec == null || spec.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(spec.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Instant timestamp(String value) {
    if (value == null || value.isEmpty() || value.startsWith(ZERO_TIME_PREFIX)) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Docker's own words: the {@code message} of an error body, or the exception's message. */
  static String dockerMessage(Throwable e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    Matcher m = JSON_MESSAGE.matcher(message);
    if (m.find()) {
      return m.group(1).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\").trim();
    }
    message =
        message.replaceFirst("^Status \\d+: ", "").replaceFirst("^Could not pull image: ", "");
    return message.trim();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }

  /**
   * An image reference split the way the engine's pull wants it: the repository (with any registry
   * host and port) and a tag or digest, {@code latest} when the reference names neither.
   */
  record ImageRef(String repository, String tag, String digest) {

    static ImageRef parse(String image) {
      String name = image;
      String digest = null;
      int at = name.indexOf('@');
      if (at >= 0) {
        digest = name.substring(at + 1);
        name = name.substring(0, at);
      }
      String tag = null;
      int colon = name.lastIndexOf(':');
      // a colon before the last slash separates a registry's port, not a tag
      if (colon > name.lastIndexOf('/')) {
        tag = name.substring(colon + 1);
        name = name.substring(0, colon);
      }
      return new ImageRef(name, tag, digest);
    }

    /** What the engine's {@code tag} parameter takes: a digest wins over a tag. */
    String pullTag() {
      if (digest != null) {
        return digest;
      }
      return tag != null ? tag : "latest";
    }
  }
}
