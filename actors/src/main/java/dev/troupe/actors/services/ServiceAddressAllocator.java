package dev.troupe.actors.services;

import dev.troupe.actors.index.Page;
import dev.troupe.actors.index.Selection;
import dev.troupe.actors.object.ClusterAdmission;
import dev.troupe.actors.object.StoredObjects;
import dev.troupe.core.JsonSerializable;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.services.ServiceAddresses;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * The one allocator of services' cluster IPs and node ports (a cluster singleton, as the API
 * server's allocators are one per cluster). Its source of truth is the services themselves: what
 * they hold is taken, so nothing needs releasing when a service goes and a restart loses nothing.
 * It answers one request at a time, and remembers for a while what it just handed out, until the
 * new service shows in the index it reads.
 */
public final class ServiceAddressAllocator {

  private ServiceAddressAllocator() {}

  /** How long a handed-out address stays reserved while its service is being created. */
  static final Duration RESERVATION = Duration.ofSeconds(60);

  /** What the allocator is asked. */
  public sealed interface Command extends JsonSerializable {}

  /** Fill in the addresses of {@code service}, about to be created. */
  public record Allocate(KubeObject service, ActorRef<Answer> replyTo) implements Command {}

  /** The service, completed, or the errors naming the fields at fault. */
  public record Answer(KubeObject service, List<dev.troupe.core.validation.FieldError> errors)
      implements JsonSerializable {}

  private record Listed(Allocate request, List<KubeObject> services, String failure)
      implements Command {}

  /** The allocator of the services {@code services} lists, from these ranges. */
  public static Behavior<Command> create(
      Supplier<StoredObjects> services,
      ServiceAddresses.Range ips,
      int nodePortMin,
      int nodePortMax,
      Clock clock) {
    return Behaviors.withStash(
        1000,
        stash ->
            Behaviors.setup(
                context ->
                    new Allocator(services, ips, nodePortMin, nodePortMax, clock, stash, context)
                        .idle()));
  }

  /** Asks the allocator behind {@code allocator} to admit services. */
  public static ClusterAdmission admission(
      ActorRef<Command> allocator, ActorSystem<?> system, Duration timeout) {
    return service ->
        AskPattern.<Command, Answer>ask(
                allocator, replyTo -> new Allocate(service, replyTo), timeout, system.scheduler())
            .thenApply(answer -> new ClusterAdmission.Admitted(answer.service(), answer.errors()));
  }

  private static final class Allocator {
    private final Supplier<StoredObjects> services;
    private final ServiceAddresses.Range ips;
    private final int nodePortMin;
    private final int nodePortMax;
    private final Clock clock;
    private final StashBuffer<Command> stash;
    private final org.apache.pekko.actor.typed.javadsl.ActorContext<Command> context;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> reservedIps = new HashMap<>();
    private final Map<Integer, Instant> reservedPorts = new HashMap<>();

    Allocator(
        Supplier<StoredObjects> services,
        ServiceAddresses.Range ips,
        int nodePortMin,
        int nodePortMax,
        Clock clock,
        StashBuffer<Command> stash,
        org.apache.pekko.actor.typed.javadsl.ActorContext<Command> context) {
      this.services = services;
      this.ips = ips;
      this.nodePortMin = nodePortMin;
      this.nodePortMax = nodePortMax;
      this.clock = clock;
      this.stash = stash;
      this.context = context;
    }

    Behavior<Command> idle() {
      return Behaviors.receive(Command.class).onMessage(Allocate.class, this::onAllocate).build();
    }

    private Behavior<Command> onAllocate(Allocate request) {
      context.pipeToSelf(
          services.get().list(Selection.inNamespace(null), Page.ALL),
          (listing, failure) ->
              new Listed(
                  request,
                  listing == null ? List.of() : listing.items(),
                  failure == null ? null : String.valueOf(failure)));
      return busy();
    }

    /** Waiting for the listing of one request; the others wait their turn. */
    private Behavior<Command> busy() {
      return Behaviors.receive(Command.class)
          .onMessage(Listed.class, this::onListed)
          .onMessage(
              Allocate.class,
              request -> {
                stash.stash(request);
                return Behaviors.same();
              })
          .build();
    }

    private Behavior<Command> onListed(Listed listed) {
      Allocate request = listed.request();
      if (listed.failure() != null) {
        request
            .replyTo()
            .tell(
                new Answer(
                    null,
                    List.of(
                        dev.troupe.core.validation.FieldError.invalid(
                            "spec.clusterIPs",
                            "[]",
                            "failed to allocate: services could not be listed: "
                                + listed.failure()))));
        return stash.unstashAll(idle());
      }
      Instant now = clock.instant();
      reservedIps.values().removeIf(until -> until.isBefore(now));
      reservedPorts.values().removeIf(until -> until.isBefore(now));
      // an update keeps what the service already holds: only the others' addresses are taken
      KubeObject asking = request.service();
      List<KubeObject> others =
          listed.services().stream()
              .filter(
                  s ->
                      !(s.name().equals(asking.name())
                          && java.util.Objects.equals(s.namespace(), asking.namespace())))
              .toList();
      List<KubeObject> itself =
          listed.services().stream().filter(s -> !others.contains(s)).toList();
      Set<String> takenIps = new HashSet<>(ServiceAddresses.ipsOf(others));
      takenIps.addAll(reservedIps.keySet());
      takenIps.removeAll(ServiceAddresses.ipsOf(itself));
      Set<Integer> takenPorts = new HashSet<>(ServiceAddresses.nodePortsOf(others));
      takenPorts.addAll(reservedPorts.keySet());
      takenPorts.removeAll(ServiceAddresses.nodePortsOf(itself));
      ServiceAddresses.Allocated allocated =
          ServiceAddresses.allocate(
              request.service(), takenIps, takenPorts, ips, nodePortMin, nodePortMax, random);
      if (allocated.isValid()) {
        Instant until = now.plus(RESERVATION);
        ServiceAddresses.ipsOf(List.of(allocated.service()))
            .forEach(ip -> reservedIps.put(ip, until));
        ServiceAddresses.nodePortsOf(List.of(allocated.service()))
            .forEach(port -> reservedPorts.put(port, until));
      }
      request.replyTo().tell(new Answer(allocated.service(), allocated.errors()));
      return stash.unstashAll(idle());
    }
  }
}
