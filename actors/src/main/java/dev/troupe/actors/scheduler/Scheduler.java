package dev.troupe.actors.scheduler;

import dev.troupe.core.JsonSerializable;
import dev.troupe.core.model.Pod;
import dev.troupe.core.scheduling.NodeView;
import dev.troupe.core.scheduling.Placement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * Places pods on nodes. It knows the nodes from their heartbeats and decides with the pure {@link
 * Placement} rules; one runs on every control-plane member.
 */
public final class Scheduler {

  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "scheduler");

  /** What a scheduler can be asked or told. */
  public sealed interface Command extends JsonSerializable {}

  /** Choose a node for {@code pod}. */
  public record Schedule(Pod pod, ActorRef<Placement.Decision> replyTo) implements Command {}

  /** A node is alive, runs {@code podCount} pods, and accepts new ones unless unschedulable. */
  public record NodeHeartbeat(String nodeName, int podCount, boolean unschedulable)
      implements Command {}

  private record NodeRecord(Instant lastSeen, int podCount, boolean unschedulable) {}

  private Scheduler() {}

  public static Behavior<Command> create(Clock clock, Duration nodeTimeout) {
    return Behaviors.setup(
        context -> {
          context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
          return running(clock, nodeTimeout, Map.of());
        });
  }

  private static Behavior<Command> running(
      Clock clock, Duration nodeTimeout, Map<String, NodeRecord> nodes) {
    return Behaviors.receive(Command.class)
        .onMessage(
            NodeHeartbeat.class,
            h -> {
              Map<String, NodeRecord> next = new HashMap<>(nodes);
              next.put(
                  h.nodeName(), new NodeRecord(clock.instant(), h.podCount(), h.unschedulable()));
              return running(clock, nodeTimeout, Map.copyOf(next));
            })
        .onMessage(
            Schedule.class,
            s -> {
              Instant now = clock.instant();
              List<NodeView> views =
                  nodes.entrySet().stream()
                      .map(
                          e ->
                              new NodeView(
                                  e.getKey(),
                                  e.getValue().lastSeen().plus(nodeTimeout).isAfter(now),
                                  e.getValue().unschedulable(),
                                  e.getValue().podCount()))
                      .toList();
              Placement.Decision decision = Placement.decide(s.pod(), views);
              s.replyTo().tell(decision);
              if (decision.nodeName().isEmpty()) {
                return Behaviors.same();
              }
              // Count the placement now so a burst of pods spreads before the next heartbeat.
              Map<String, NodeRecord> next = new HashMap<>(nodes);
              String chosen = decision.nodeName().get();
              NodeRecord r = next.get(chosen);
              next.put(chosen, new NodeRecord(r.lastSeen(), r.podCount() + 1, r.unschedulable()));
              return running(clock, nodeTimeout, Map.copyOf(next));
            })
        .build();
  }
}
