package dev.troupe.node.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.JsonSerializable;
import dev.troupe.core.kinds.ServiceKind;
import dev.troupe.core.model.KubeObject;
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
 * one of the service's ready endpoints — round robin, or sticky per client address with ClientIP
 * affinity. A connection to a service without ready endpoints is closed at once. It reads services
 * and endpoints every {@code interval}, so endpoint changes reach new connections within it;
 * connections already made run on until either side closes. An address it cannot listen on (one
 * another member's proxy holds on the same machine) is tried again every {@link #BIND_RETRY}, so it
 * is taken over when freed. Pekko Streams TCP: no thread per connection, back-pressure end to end.
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

  private record Read(List<KubeObject> services, List<KubeObject> endpoints, String failure)
      implements Command {}

  /**
   * How listening on {@code address} went: {@code failure} is null when it listens, else why not
   * (another process holds the address, or it needs privileges).
   */
  private record Listening(String address, String failure) implements Command {}

  /** Where connections to one bound address go. */
  record Route(List<InetSocketAddress> endpoints, Duration affinity) {}

  /**
   * A proxy for the services and endpoints these functions list, on a node whose address is {@code
   * nodeAddress}.
   */
  public static Behavior<Command> create(
      Supplier<CompletionStage<List<KubeObject>>> services,
      Supplier<CompletionStage<List<KubeObject>>> endpoints,
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
                                  services.get().thenCombine(endpoints.get(), List::of),
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
                              proxy.apply(
                                  Routes.of(read.services(), read.endpoints(), nodeAddress));
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

  /** The routing table a set of services and endpoints makes. Pure. */
  static final class Routes {

    private Routes() {}

    /**
     * For each service port, its cluster address ({@code clusterIP:port}) and, with a node port,
     * the node's ({@code nodeAddress:nodePort}), both routed to the ready endpoints of that port.
     */
    static Map<String, Route> of(
        List<KubeObject> services, List<KubeObject> endpoints, String nodeAddress) {
      Map<String, KubeObject> endpointsByService = new HashMap<>();
      for (KubeObject e : endpoints) {
        endpointsByService.put(e.namespace() + "/" + e.name(), e);
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
        KubeObject serviceEndpoints =
            endpointsByService.get(service.namespace() + "/" + service.name());
        JsonNode ports = service.at("/spec/ports");
        for (JsonNode port : ports) {
          String name = port.path("name").asText("");
          Route route =
              new Route(readyEndpoints(serviceEndpoints, name, ports.size() == 1), affinity);
          routes.put(clusterIP + ":" + port.path("port").asInt(), route);
          int nodePort = port.path("nodePort").asInt(0);
          if (nodePort > 0) {
            routes.put(nodeAddress + ":" + nodePort, route);
          }
        }
      }
      return routes;
    }

    /** The ready addresses of the port named {@code name} (the only port, when {@code only}). */
    static List<InetSocketAddress> readyEndpoints(KubeObject endpoints, String name, boolean only) {
      List<InetSocketAddress> ready = new ArrayList<>();
      if (endpoints == null) {
        return ready;
      }
      for (JsonNode subset : endpoints.json().path("subsets")) {
        for (JsonNode port : subset.path("ports")) {
          if (!only && !name.equals(port.path("name").asText(""))) {
            continue;
          }
          for (JsonNode address : subset.path("addresses")) {
            ready.add(
                InetSocketAddress.createUnresolved(
                    address.path("ip").asText(), port.path("port").asInt()));
          }
        }
      }
      return List.copyOf(ready);
    }
  }
}
