package dev.troupe.node.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.JsonSerializable;
import dev.troupe.core.kinds.ServiceKind;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.services.EndpointSliceControl;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * The service proxy of a worker (kube-proxy's analogue): binds every service's cluster IP and port
 * and, for NodePort services, the node's address and node port, and forwards each TCP connection to
 * one of the service's ready endpoints (or, when none is ready, one still serving while it
 * terminates) — round robin, or sticky per client address with ClientIP affinity. A connection to a
 * service without such endpoints is closed at once. It reads services and their EndpointSlices
 * every {@code interval}, so endpoint changes reach new connections within it; connections already
 * made run on until either side closes. An address it cannot listen on (one another member's proxy
 * holds on the same machine) is tried again every {@link #BIND_RETRY}, so it is taken over when
 * freed. Pekko Streams TCP: no thread per connection, back-pressure end to end.
 */
public final class ServiceProxy {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ServiceProxy.class);

  /** How long the proxy waits before it tries again an address it could not listen on. */
  static final Duration BIND_RETRY = Duration.ofSeconds(5);

  private ServiceProxy() {}

  /** What the proxy is told. */
  public sealed interface Command extends JsonSerializable {}

  private enum Tick implements Command {
    INSTANCE
  }

  private record Read(List<KubeObject> services, List<KubeObject> slices, String failure)
      implements Command {}

  /**
   * How listening on {@code address} went: {@code failure} is null when it listens, else why not
   * (another process holds the address, or it needs privileges).
   */
  private record Listening(String address, String failure) implements Command {}

  /** Where connections to one bound address go. */
  record Route(List<InetSocketAddress> endpoints, Duration affinity) {}

  /**
   * A proxy for the services and EndpointSlices these functions list, on a node whose address is
   * {@code nodeAddress}.
   */
  public static Behavior<Command> create(
      Supplier<CompletionStage<List<KubeObject>>> services,
      Supplier<CompletionStage<List<KubeObject>>> slices,
      String nodeAddress,
      Duration interval,
      Clock clock) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ZERO, interval);
                  Proxy proxy = new Proxy(context, clock);
                  boolean[] reading = {false};
                  return Behaviors.receive(Command.class)
                      .onMessage(
                          Tick.class,
                          t -> {
                            if (!reading[0]) {
                              reading[0] = true;
                              context.pipeToSelf(
                                  services.get().thenCombine(slices.get(), List::of),
                                  (both, failure) ->
                                      both == null
                                          ? new Read(List.of(), List.of(), String.valueOf(failure))
                                          : new Read(both.get(0), both.get(1), null));
                            }
                            return Behaviors.same();
                          })
                      .onMessage(
                          Read.class,
                          read -> {
                            reading[0] = false;
                            if (read.failure() != null) {
                              context
                                  .getLog()
                                  .warn(
                                      "service proxy: reading services failed: {}", read.failure());
                            } else {
                              proxy.apply(Routes.of(read.services(), read.slices(), nodeAddress));
                            }
                            return Behaviors.same();
                          })
                      .onMessage(
                          Listening.class,
                          listening -> {
                            proxy.listening(listening.address(), listening.failure());
                            return Behaviors.same();
                          })
                      .onSignal(
                          org.apache.pekko.actor.typed.PostStop.class,
                          stop -> {
                            proxy.unbindAll();
                            return Behaviors.same();
                          })
                      .build();
                }));
  }

  /** The listeners and the routing table, owned by the proxy actor; read by connections. */
  private static final class Proxy {
    private final ActorContext<Command> context;
    private final ActorSystem<?> system;
    private final Clock clock;
    private final AtomicReference<Map<String, Route>> routes = new AtomicReference<>(Map.of());
    private final Map<String, CompletionStage<Tcp.ServerBinding>> bound = new HashMap<>();

    /** Addresses that could not be bound, and when to try again. */
    private final Map<String, Instant> retryAt = new HashMap<>();

    private final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();
    private final Map<String, Sticky> sticky = new ConcurrentHashMap<>();

    private record Sticky(InetSocketAddress endpoint, Instant until) {}

    Proxy(ActorContext<Command> context, Clock clock) {
      this.context = context;
      this.system = context.getSystem();
      this.clock = clock;
    }

    void apply(Map<String, Route> next) {
      routes.set(Map.copyOf(next));
      for (String address : new ArrayList<>(bound.keySet())) {
        if (!next.containsKey(address)) {
          bound.remove(address).thenAccept(Tcp.ServerBinding::unbind);
          log.info("service proxy: no longer listening on {}", address);
        }
      }
      retryAt.keySet().retainAll(next.keySet());
      Instant now = clock.instant();
      for (String address : next.keySet()) {
        Instant retry = retryAt.get(address);
        if (!bound.containsKey(address) && (retry == null || !now.isBefore(retry))) {
          bound.put(address, bind(address));
        }
      }
    }

    /**
     * How listening on {@code address} went. An address that could not be bound is tried again
     * after {@link #BIND_RETRY}, so that one another proxy held (a member that went) is taken over;
     * the first failure is said at warn level, the others at debug.
     */
    void listening(String address, String reason) {
      if (reason == null) {
        log.info("service proxy: listening on {}", address);
        retryAt.remove(address);
        return;
      }
      bound.remove(address);
      if (retryAt.put(address, clock.instant().plus(BIND_RETRY)) == null) {
        log.warn(
            "service proxy: cannot listen on {}: {}; trying again every {} s",
            address,
            reason,
            BIND_RETRY.toSeconds());
      } else {
        log.debug("service proxy: still cannot listen on {}: {}", address, reason);
      }
    }

    void unbindAll() {
      bound.values().forEach(b -> b.thenAccept(Tcp.ServerBinding::unbind));
      bound.clear();
    }

    private CompletionStage<Tcp.ServerBinding> bind(String address) {
      int colon = address.lastIndexOf(':');
      String host = address.substring(0, colon);
      int port = Integer.parseInt(address.substring(colon + 1));
      CompletionStage<Tcp.ServerBinding> binding =
          Tcp.get(system)
              .bind(host, port)
              .to(Sink.foreach(connection -> handle(address, connection)))
              .run(system);
      context.pipeToSelf(
          binding,
          (ok, failure) ->
              new Listening(
                  address, failure == null ? null : String.valueOf(failure.getMessage())));
      return binding;
    }

    private void handle(String address, Tcp.IncomingConnection connection) {
      Route route = routes.get().get(address);
      InetSocketAddress target =
          route == null || route.endpoints().isEmpty()
              ? null
              : pick(address, route, connection.remoteAddress());
      if (target == null) {
        // nothing to serve it: close at once rather than leave the client hanging
        connection.handleWith(
            Flow.fromSinkAndSource(Sink.<ByteString>cancelled(), Source.<ByteString>empty()),
            system);
        return;
      }
      connection.handleWith(
          Tcp.get(system).outgoingConnection(target.getHostString(), target.getPort()), system);
    }

    /**
     * The endpoint for a new connection: sticky per client with affinity, else the next in turn.
     */
    private InetSocketAddress pick(String address, Route route, InetSocketAddress client) {
      List<InetSocketAddress> endpoints = route.endpoints();
      if (route.affinity() != null) {
        String key = address + "|" + client.getAddress().getHostAddress();
        Instant now = clock.instant();
        Sticky held = sticky.get(key);
        if (held != null && held.until().isAfter(now) && endpoints.contains(held.endpoint())) {
          sticky.put(key, new Sticky(held.endpoint(), now.plus(route.affinity())));
          return held.endpoint();
        }
        InetSocketAddress chosen = next(address, endpoints);
        sticky.put(key, new Sticky(chosen, now.plus(route.affinity())));
        return chosen;
      }
      return next(address, endpoints);
    }

    private InetSocketAddress next(String address, List<InetSocketAddress> endpoints) {
      long turn = turns.computeIfAbsent(address, a -> new AtomicLong()).getAndIncrement();
      return endpoints.get((int) Math.floorMod(turn, (long) endpoints.size()));
    }
  }

  /** The routing table a set of services and their EndpointSlices makes. Pure. */
  static final class Routes {

    private Routes() {}

    /**
     * For each service port, its cluster address ({@code clusterIP:port}) and, with a node port,
     * the node's ({@code nodeAddress:nodePort}), both routed to the endpoints of that port: the
     * ready ones, or, when none is, those still serving while they terminate (as kube-proxy does,
     * so that a service whose pods are all going answers until they are gone).
     */
    static Map<String, Route> of(
        List<KubeObject> services, List<KubeObject> slices, String nodeAddress) {
      Map<String, List<KubeObject>> slicesByService = new HashMap<>();
      for (KubeObject slice : slices) {
        String service =
            slice.metadata().labelsOrEmpty().get(EndpointSliceControl.SERVICE_NAME_LABEL);
        if (service != null) {
          slicesByService
              .computeIfAbsent(slice.namespace() + "/" + service, k -> new ArrayList<>())
              .add(slice);
        }
      }
      Map<String, Route> routes = new HashMap<>();
      for (KubeObject service : services) {
        String clusterIP = service.at("/spec/clusterIP").asText("");
        if (clusterIP.isEmpty()
            || clusterIP.equals(ServiceKind.HEADLESS)
            || service.isTerminating()) {
          continue;
        }
        Duration affinity =
            "ClientIP".equals(service.at("/spec/sessionAffinity").asText())
                ? Duration.ofSeconds(
                    service
                        .at("/spec/sessionAffinityConfig/clientIP/timeoutSeconds")
                        .asInt(ServiceKind.DEFAULT_AFFINITY_TIMEOUT_SECONDS))
                : null;
        List<KubeObject> serviceSlices =
            slicesByService.getOrDefault(service.namespace() + "/" + service.name(), List.of());
        for (JsonNode port : service.at("/spec/ports")) {
          Route route = new Route(endpoints(serviceSlices, port.path("name").asText("")), affinity);
          routes.put(clusterIP + ":" + port.path("port").asInt(), route);
          int nodePort = port.path("nodePort").asInt(0);
          if (nodePort > 0) {
            routes.put(nodeAddress + ":" + nodePort, route);
          }
        }
      }
      return routes;
    }

    /**
     * Where the service port named {@code name} ("" when unnamed) goes: the ready endpoints of the
     * slices, else the serving and terminating ones. A slice's port has the service port's name.
     */
    static List<InetSocketAddress> endpoints(List<KubeObject> slices, String name) {
      List<InetSocketAddress> ready = new ArrayList<>();
      List<InetSocketAddress> terminating = new ArrayList<>();
      for (KubeObject slice : slices) {
        for (JsonNode port : slice.json().path("ports")) {
          if (!name.equals(port.path("name").asText("")) || !port.path("port").isInt()) {
            continue;
          }
          for (JsonNode endpoint : slice.json().path("endpoints")) {
            JsonNode conditions = endpoint.path("conditions");
            // as in Kubernetes, a condition left out reads as true, but terminating as false
            boolean isReady = conditions.path("ready").asBoolean(true);
            boolean serving = conditions.path("serving").asBoolean(isReady);
            boolean isTerminating = conditions.path("terminating").asBoolean(false);
            List<InetSocketAddress> into =
                isReady ? ready : serving && isTerminating ? terminating : null;
            if (into != null) {
              for (JsonNode address : endpoint.path("addresses")) {
                into.add(
                    InetSocketAddress.createUnresolved(
                        address.asText(), port.path("port").asInt()));
              }
            }
          }
        }
      }
      return List.copyOf(ready.isEmpty() ? terminating : ready);
    }
  }
}
