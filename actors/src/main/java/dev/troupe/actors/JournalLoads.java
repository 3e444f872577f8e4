package dev.troupe.actors;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/** How a read-side index is rebuilt from the journal alone: every entity asked for its object. */
public final class JournalLoads {

  private JournalLoads() {}

  /**
   * The objects of the entities {@code persistenceIds} name ({@code Kind|entityId}), each read with
   * {@code read} (empty for one that no longer exists), sixteen at a time.
   */
  public static <T> CompletionStage<List<T>> all(
      ActorSystem<?> system,
      Source<String, NotUsed> persistenceIds,
      Function<String, CompletionStage<Optional<T>>> read) {
    return persistenceIds
        .map(id -> id.substring(id.indexOf('|') + 1))
        .mapAsyncUnordered(16, read::apply)
        .filter(Optional::isPresent)
        .map(Optional::get)
        .runWith(Sink.seq(), system);
  }
}
