package dev.troupe.actors.events;

import dev.troupe.actors.Outcome;
import dev.troupe.actors.object.ObjectEntity;
import dev.troupe.actors.object.StoredObjects;
import dev.troupe.core.JsonSerializable;
import dev.troupe.core.events.Cause;
import dev.troupe.core.events.EventNote;
import dev.troupe.core.events.KubeEvents;
import dev.troupe.core.kinds.ObjectAdmission;
import dev.troupe.core.model.KubeObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Turns what entities journal into core/v1 Events, as Kubernetes' event recorder does: the first
 * note about an object creates an Event, a repeat counts on the same Event. Events are stored like
 * any object of their kind, so they stay for as long as the journal keeps them. Writes of one Event
 * are chained, so repeats never race each other.
 */
public final class EventRecorder {

  /** What the recorder is told. */
  public sealed interface Command {}

  /** {@code notes} about {@code involved}, which happened at {@code at}. */
  public record Record(KubeEvents.Involved involved, List<EventNote> notes, Instant at)
      implements Command, JsonSerializable {}

  /** A write of the Event {@code name} ended. */
  record Written(String name, CompletionStage<?> write)
      implements Command, NoSerializationVerificationNeeded {}

  private EventRecorder() {}

  public static Behavior<Command> create(StoredObjects events) {
    RandomGenerator random = new SecureRandom();
    Map<String, CompletionStage<?>> writing = new HashMap<>();
    return Behaviors.setup(
        context ->
            Behaviors.receive(Command.class)
                .onMessage(
                    Record.class,
                    r -> {
                      for (EventNote note : r.notes()) {
                        String name = KubeEvents.name(r.involved(), note);
                        CompletionStage<?> previous =
                            writing.getOrDefault(name, CompletableFuture.completedFuture(null));
                        CompletionStage<?> write =
                            previous
                                .handle((ok, failure) -> null)
                                .thenCompose(x -> record(events, r, note, name, random));
                        writing.put(name, write);
                        context.pipeToSelf(write, (ok, failure) -> new Written(name, write));
                      }
                      return Behaviors.same();
                    })
                .onMessage(
                    Written.class,
                    w -> {
                      writing.remove(w.name(), w.write());
                      return Behaviors.same();
                    })
                .build());
  }

  private static CompletionStage<ObjectEntity.Reply> record(
      StoredObjects events, Record r, EventNote note, String name, RandomGenerator random) {
    String namespace = r.involved().namespace() == null ? "default" : r.involved().namespace();
    Cause cause = Cause.of(note.component(), "event", note.reason());
    return events
        .get(namespace, name)
        .thenCompose(
            existing -> {
              if (existing.outcome() == Outcome.OK) {
                KubeObject again = KubeEvents.repeated(existing.object(), r.at());
                return events.update(
                    again, existing.object().metadata().resourceVersion(), false, cause);
              }
              KubeObject first = KubeEvents.first(r.involved(), note, r.at());
              ObjectAdmission.Admitted admitted =
                  ObjectAdmission.prepareCreate(events.kind(), first, namespace, random);
              return events.create(admitted.object(), cause);
            });
  }
}
