package dev.troupe.node.runtime;

import static dev.troupe.node.runtime.DockerErrors.dockerMessage;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ContainerRuntime} that drives a Docker engine through docker-java.
 *
 * <p>Timeouts. The engine usually listens on a unix socket, and docker-java reads unix sockets
 * through a blocking channel that ignores socket timeouts: the http client's response timeout only
 * works for tcp:// hosts. So every call runs on a worker thread and the caller waits for it with a
 * deadline ({@link DockerCalls}); when the deadline passes the worker is interrupted (which aborts
 * a blocked channel read) and the caller gets {@link RuntimeUnavailable}. The deadline is {@link
 * #CALL_TIMEOUT} for ordinary calls, the grace plus {@link #STOP_SLACK} for stop (the engine stays
 * silent for the whole grace and only then kills), and {@link #PROBE_TIMEOUT} for the ping of
 * {@link #connect}. A pull streams progress ({@link PullProgress}): it fails when no progress
 * arrives for {@link #PULL_PROGRESS_DEADLINE} (as the kubelet's image-pull-progress-deadline did)
 * or when it takes over {@link #PULL_DEADLINE}. For tcp:// hosts the http client also has a connect
 * timeout of {@link #CONNECT_TIMEOUT} and, except for stop, a response timeout of {@link
 * #CALL_TIMEOUT}.
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

  private final String dockerHost;
  private final String nodeAddress;
  private final DockerClient client;
  private final DockerClient stopClient;
  private final DockerCalls calls;
  private volatile String version;

  /** Connects lazily: the first call that needs the engine finds out whether it is there. */
  public DockerRuntime(String dockerHost, String nodeAddress) {
    this.dockerHost = Objects.requireNonNull(dockerHost, "dockerHost");
    this.nodeAddress = Objects.requireNonNull(nodeAddress, "nodeAddress");
    this.client = DockerClients.newClient(dockerHost, CALL_TIMEOUT);
    // a stop may rightly stay silent for as long as its grace, which has no upper bound
    this.stopClient = DockerClients.newClient(dockerHost, null);
    this.calls = new DockerCalls(dockerHost);
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
          runtime.calls.call(
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
      throw new RuntimeUnavailable(
          DockerErrors.unreachable(dockerHost, DockerErrors.rootMessage(e)), e);
    }
    log.debug("connected to Docker {} at {}", runtime.version, dockerHost);
    return runtime;
  }

  @Override
  public String version() {
    String known = version;
    if (known == null) {
      try {
        known = calls.call("version", CALL_TIMEOUT, () -> client.versionCmd().exec().getVersion());
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
  public boolean hasImage(String image) {
    return calls.call(
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

  @Override
  public void pull(String image) {
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

  @Override
  public ContainerInfo create(ContainerSpec spec) {
    log.debug("create {} from {}", spec.name(), spec.image());
    Optional<ContainerInfo> existing = inspectByName(spec.name());
    if (existing.isPresent()) {
      log.debug("create {}: exists as {}", spec.name(), existing.get().id());
      return existing.get();
    }
    String id =
        calls.call(
            "create " + spec.name(),
            CALL_TIMEOUT,
            () -> {
              try {
                return CreateCommandMapper.buildCreate(client, spec, nodeAddress).exec().getId();
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
    calls.call(
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
    calls.call(
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
    calls.call(
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
    return calls.call(
        "inspect " + containerId,
        CALL_TIMEOUT,
        () -> {
          try {
            return Optional.of(
                ContainerInfoMapper.toInfo(client.inspectContainerCmd(containerId).exec()));
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
        calls.call(
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

  /** How much of an exec's output is kept: Kubernetes keeps 10 KiB of a probe's. */
  static final int EXEC_OUTPUT_LIMIT = 10 * 1024;

  @Override
  public ExecResult exec(String containerId, List<String> command, Duration timeout) {
    log.debug("exec {} {}", containerId, command);
    return calls.call(
        "exec " + containerId,
        timeout.plus(CONNECT_TIMEOUT),
        () -> {
          String execId;
          try {
            execId =
                client
                    .execCreateCmd(containerId)
                    .withCmd(command.toArray(String[]::new))
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .exec()
                    .getId();
          } catch (DockerException e) {
            throw new RuntimeFailure("ExecError", dockerMessage(e), e);
          }
          ExecOutput output = new ExecOutput(EXEC_OUTPUT_LIMIT);
          try {
            boolean ended =
                client
                    .execStartCmd(execId)
                    .exec(output)
                    .awaitCompletion(
                        timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (!ended) {
              output.close();
              return new ExecResult(null, output.text());
            }
            Long exitCode = client.inspectExecCmd(execId).exec().getExitCodeLong();
            return new ExecResult(exitCode == null ? null : exitCode.intValue(), output.text());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ExecResult(null, output.text());
          } catch (IOException e) {
            return new ExecResult(null, output.text());
          } catch (DockerException e) {
            throw new RuntimeFailure("ExecError", dockerMessage(e), e);
          }
        });
  }

  @Override
  public java.io.Closeable logs(String containerId, LogQuery query, LogSink sink) {
    log.debug("logs {} {}", containerId, query);
    var command =
        stopClient
            .logContainerCmd(containerId)
            .withStdOut(true)
            .withStdErr(true)
            .withFollowStream(query.follow())
            .withTimestamps(query.timestamps());
    if (query.tailLines() != null) {
      command.withTail(query.tailLines());
    }
    if (query.since() != null) {
      command.withSince((int) query.since().getEpochSecond());
    }
    return command.exec(new LogForwarder(sink));
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      log.debug("closing a log stream", e);
    }
  }

  /**
   * Hands each frame of a container's log to a sink, stops when the sink declines, and tells the
   * sink the end exactly once.
   */
  private static final class LogForwarder
      extends com.github.dockerjava.api.async.ResultCallback.Adapter<
          com.github.dockerjava.api.model.Frame> {
    private final LogSink sink;
    private final java.util.concurrent.atomic.AtomicBoolean ended =
        new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean declined;

    LogForwarder(LogSink sink) {
      this.sink = sink;
    }

    @Override
    public void onNext(com.github.dockerjava.api.model.Frame frame) {
      byte[] payload = frame.getPayload();
      if (declined || payload == null || payload.length == 0) {
        return;
      }
      if (!sink.accept(payload)) {
        declined = true;
        closeQuietly(this);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      RuntimeFailure failure = null;
      if (throwable instanceof NotFoundException notFound) {
        failure = new RuntimeFailure("NotFound", dockerMessage(notFound), notFound);
      } else if (throwable instanceof DockerException docker) {
        failure = new RuntimeFailure("LogsError", dockerMessage(docker), docker);
      } else if (!declined) {
        log.debug("a log stream failed", throwable);
      }
      end(failure);
      closeQuietly(this);
    }

    @Override
    public void onComplete() {
      end(null);
      super.onComplete();
    }

    @Override
    public void close() throws IOException {
      super.close();
      end(null);
    }

    private void end(RuntimeFailure failure) {
      if (ended.compareAndSet(false, true)) {
        sink.end(failure);
      }
    }
  }

  /** Collects an exec's stdout and stderr, up to a limit. */
  private static final class ExecOutput
      extends com.github.dockerjava.api.async.ResultCallback.Adapter<
          com.github.dockerjava.api.model.Frame> {
    private final int limit;
    private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

    ExecOutput(int limit) {
      this.limit = limit;
    }

    @Override
    public void onNext(com.github.dockerjava.api.model.Frame frame) {
      synchronized (bytes) {
        byte[] payload = frame.getPayload();
        int room = limit - bytes.size();
        if (payload != null && room > 0) {
          bytes.write(payload, 0, Math.min(room, payload.length));
        }
      }
    }

    String text() {
      synchronized (bytes) {
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
      }
    }
  }

  @Override
  public void close() {
    calls.close();
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
}
