package dev.troupe.node.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory {@link ContainerRuntime} that runs no processes, for scale tests and benchmarks
 * (like KWOK); it is only ever chosen explicitly, never as a fallback for a missing engine.
 *
 * <p>It follows the Docker runtime's semantics: create is idempotent by name, start of a running
 * container and stop of a stopped one do nothing, remove and inspect of a missing one are fine,
 * ports are published (with fake host ports) only while a container runs, and ids and names are
 * both accepted wherever Docker accepts them.
 */
public final class SimulatedRuntime implements ContainerRuntime {

  private static final Logger log = LoggerFactory.getLogger(SimulatedRuntime.class);

  /** The first fake host port handed out for an ephemeral port. */
  static final int FIRST_HOST_PORT = 40000;

  /**
   * Knobs that make simulated containers behave less than perfectly.
   *
   * @param startLatency how long each start blocks, as a real engine's start does
   * @param exitCodes containers of these images exit with the given code right after start
   * @param missingImages images that are absent and cannot be pulled
   */
  public record Behaviour(
      Duration startLatency, Map<String, Integer> exitCodes, Set<String> missingImages) {

    public Behaviour {
      startLatency = startLatency == null ? Duration.ZERO : startLatency;
      exitCodes = exitCodes == null ? Map.of() : Map.copyOf(exitCodes);
      missingImages = missingImages == null ? Set.of() : Set.copyOf(missingImages);
    }

    /** Every container starts at once and runs until stopped; every image is there. */
    public static Behaviour defaults() {
      return new Behaviour(Duration.ZERO, Map.of(), Set.of());
    }

    public Behaviour withStartLatency(Duration latency) {
      return new Behaviour(latency, exitCodes, missingImages);
    }

    public Behaviour withExitCode(String image, int exitCode) {
      Map<String, Integer> codes = new HashMap<>(exitCodes);
      codes.put(image, exitCode);
      return new Behaviour(startLatency, codes, missingImages);
    }

    public Behaviour withMissingImage(String image) {
      Set<String> missing = new HashSet<>(missingImages);
      missing.add(image);
      return new Behaviour(startLatency, exitCodes, missing);
    }
  }

  /** One container: what it was created from and what inspect reports. */
  private record Simulated(ContainerSpec spec, ContainerInfo info) {

    Simulated with(ContainerInfo newInfo) {
      return new Simulated(spec, newInfo);
    }
  }

  private final String nodeAddress;
  private final Clock clock;
  private final Behaviour behaviour;
  private final ConcurrentHashMap<String, Simulated> containers = new ConcurrentHashMap<>();

  /** Name to id; create and remove change both maps under this map's lock for the name. */
  private final ConcurrentHashMap<String, String> names = new ConcurrentHashMap<>();

  private final AtomicInteger nextHostPort = new AtomicInteger(FIRST_HOST_PORT);

  public SimulatedRuntime(String nodeAddress) {
    this(nodeAddress, Clock.systemUTC(), Behaviour.defaults());
  }

  public SimulatedRuntime(String nodeAddress, Clock clock, Behaviour behaviour) {
    this.nodeAddress = Objects.requireNonNull(nodeAddress, "nodeAddress");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.behaviour = behaviour == null ? Behaviour.defaults() : behaviour;
  }

  @Override
  public String version() {
    return "simulated://1";
  }

  @Override
  public String nodeAddress() {
    return nodeAddress;
  }

  @Override
  public boolean hasImage(String image) {
    log.debug("hasImage {}", image);
    return !behaviour.missingImages().contains(image);
  }

  /** Every image but the missing ones pulls at once; a missing one is not in the registry. */
  @Override
  public void pull(String image) {
    log.debug("pull {}", image);
    if (behaviour.missingImages().contains(image)) {
      throw new RuntimeFailure(
          "ErrImagePull", "pull access denied for " + image + ": the simulated registry lacks it");
    }
  }

  @Override
  public ContainerInfo create(ContainerSpec spec) {
    log.debug("create {} from {}", spec.name(), spec.image());
    if (behaviour.missingImages().contains(spec.image())) {
      throw new RuntimeFailure("CreateContainerError", "No such image: " + spec.image());
    }
    String id =
        names.compute(
            spec.name(),
            (name, existing) -> {
              if (existing != null && containers.containsKey(existing)) {
                return existing;
              }
              String created = newId();
              containers.put(created, new Simulated(spec, createdInfo(created, spec)));
              return created;
            });
    return containers.get(id).info();
  }

  private ContainerInfo createdInfo(String id, ContainerSpec spec) {
    return new ContainerInfo(
        id,
        spec.name(),
        spec.image(),
        imageId(spec.image()),
        spec.labels() == null ? Map.of() : Map.copyOf(spec.labels()),
        ContainerInfo.State.CREATED,
        0,
        false,
        null,
        null,
        null,
        List.of());
  }

  @Override
  public void start(String containerId) {
    log.debug("start {}", containerId);
    if (!behaviour.startLatency().isZero()) {
      try {
        Thread.sleep(behaviour.startLatency().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RuntimeFailure("RunContainerError", "Interrupted starting " + containerId);
      }
    }
    String id = resolve(containerId);
    Simulated started = id == null ? null : containers.computeIfPresent(id, (key, c) -> started(c));
    if (started == null) {
      throw new RuntimeFailure("RunContainerError", "No such container: " + containerId);
    }
  }

  private Simulated started(Simulated c) {
    ContainerInfo i = c.info();
    if (i.state() == ContainerInfo.State.RUNNING) {
      return c;
    }
    Instant now = Instant.now(clock);
    Integer exitCode = behaviour.exitCodes().get(c.spec().image());
    if (exitCode != null) {
      return c.with(info(i, ContainerInfo.State.EXITED, exitCode, now, now, List.of()));
    }
    // like Docker, a restarted container keeps its previous finish time until it exits again
    return c.with(
        info(i, ContainerInfo.State.RUNNING, 0, now, i.finishedAt(), publish(c.spec().ports())));
  }

  private List<ContainerInfo.PublishedPort> publish(List<ContainerSpec.PortSpec> ports) {
    if (ports == null) {
      return List.of();
    }
    List<ContainerInfo.PublishedPort> published = new ArrayList<>();
    for (ContainerSpec.PortSpec p : ports) {
      String hostIp = p.hostIP() == null || p.hostIP().isBlank() ? nodeAddress : p.hostIP();
      int hostPort =
          p.hostPort() == null || p.hostPort() == 0 ? nextHostPort.getAndIncrement() : p.hostPort();
      String protocol = p.protocol() == null ? "TCP" : p.protocol().toUpperCase(Locale.ROOT);
      published.add(new ContainerInfo.PublishedPort(p.containerPort(), protocol, hostIp, hostPort));
    }
    return List.copyOf(published);
  }

  @Override
  public void stop(String containerId, Duration grace) {
    log.debug("stop {} (grace {})", containerId, grace);
    String id = resolve(containerId);
    if (id == null) {
      return;
    }
    containers.computeIfPresent(
        id,
        (key, c) ->
            c.info().state() != ContainerInfo.State.RUNNING
                ? c
                // the simulated process always honours the stop signal
                : c.with(
                    info(
                        c.info(),
                        ContainerInfo.State.EXITED,
                        0,
                        c.info().startedAt(),
                        Instant.now(clock),
                        List.of())));
  }

  @Override
  public void remove(String containerId) {
    log.debug("remove {}", containerId);
    String id = resolve(containerId);
    Simulated c = id == null ? null : containers.get(id);
    if (c == null) {
      return;
    }
    // under the name's lock, so that a concurrent create sees the container either whole or gone
    names.compute(
        c.spec().name(),
        (name, owner) -> {
          containers.remove(id);
          return id.equals(owner) ? null : owner;
        });
  }

  @Override
  public Optional<ContainerInfo> inspect(String containerId) {
    String id = resolve(containerId);
    return Optional.ofNullable(id == null ? null : containers.get(id)).map(Simulated::info);
  }

  /**
   * A simulated process has no commands to run: every exec in a running container ends at once with
   * exit code 0 (so exec probes pass), in any other it fails as Docker's does.
   */
  @Override
  public ExecResult exec(String containerId, List<String> command, Duration timeout) {
    String id = resolve(containerId);
    Simulated c = id == null ? null : containers.get(id);
    if (c == null || c.info().state() != ContainerInfo.State.RUNNING) {
      throw new RuntimeFailure("ExecError", "container " + containerId + " is not running", null);
    }
    return new ExecResult(0, "");
  }

  /** A simulated process writes nothing: its log is empty, and ends at once. */
  @Override
  public java.io.Closeable logs(String containerId, LogQuery query, LogSink sink) {
    sink.end(
        resolve(containerId) == null
            ? new RuntimeFailure("NotFound", "No such container: " + containerId)
            : null);
    return () -> {};
  }

  @Override
  public List<ContainerInfo> listByLabel(String label, String value) {
    return containers.values().stream()
        .map(Simulated::info)
        .filter(i -> value.equals(i.labels().get(label)))
        .toList();
  }

  /** Keeps the containers: like a real engine's, they outlive the client. */
  @Override
  public void close() {}

  /** The id of the container with this id or name, as Docker resolves either. */
  private String resolve(String idOrName) {
    if (containers.containsKey(idOrName)) {
      return idOrName;
    }
    return names.get(idOrName);
  }

  private static ContainerInfo info(
      ContainerInfo i,
      ContainerInfo.State state,
      int exitCode,
      Instant startedAt,
      Instant finishedAt,
      List<ContainerInfo.PublishedPort> ports) {
    return new ContainerInfo(
        i.id(),
        i.name(),
        i.image(),
        i.imageId(),
        i.labels(),
        state,
        exitCode,
        false,
        null,
        startedAt,
        finishedAt,
        ports);
  }

  private static String newId() {
    byte[] bytes = new byte[32];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String imageId(String image) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(image.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      // every Java platform must provide SHA-256
      throw new IllegalStateException(e);
    }
  }
}
