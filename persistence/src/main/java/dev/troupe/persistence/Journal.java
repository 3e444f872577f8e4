package dev.troupe.persistence;

import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Source;

/** The journal's wiring: where Cassandra is, and the queries the read side rebuilds from. */
public final class Journal {

  private Journal() {}

  /**
   * Pekko settings for the journal and snapshot store in Cassandra at {@code host:port}; layer them
   * above {@code ConfigFactory.load()}.
   */
  public static Config cassandraAt(String contactPoint) {
    return ConfigFactory.parseMap(
            Map.of("datastax-java-driver.basic.contact-points", List.of(contactPoint)))
        .withFallback(ConfigFactory.parseResources("troupe-journal.conf"));
  }

  /** Every persistence id in the journal that starts with {@code prefix}, once, then completes. */
  public static Source<String, NotUsed> currentPersistenceIds(
      ActorSystem<?> system, String prefix) {
    CassandraReadJournal journal =
        PersistenceQuery.get(system)
            .getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier());
    // Before the first event is written the keyspace does not exist: the journal is empty.
    return journal
        .currentPersistenceIds()
        .filter(id -> id.startsWith(prefix))
        .recoverWithRetries(1, InvalidQueryException.class, Source::empty);
  }
}
