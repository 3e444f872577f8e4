package dev.troupe.actors.object;

import static dev.troupe.actors.PodFixtures.T0;
import static dev.troupe.actors.PodFixtures.byUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.actors.MutableClock;
import dev.troupe.actors.Outcome;
import dev.troupe.actors.index.ObjectIndex;
import dev.troupe.actors.object.ObjectEntity.Present;
import dev.troupe.actors.object.ObjectEntity.Reply;
import dev.troupe.core.events.ObjectEvent;
import dev.troupe.core.kinds.StoredKind;
import dev.troupe.core.model.KubeObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;

/**
 * What the object entity tests share: the actor test kit's configuration and the {@link
 * ObjectUnderTest} harness that drives one entity command by command.
 *
 * <p>Every command, reply, event and state is checked to survive a JSON round trip unchanged, and
 * every message between actors is serialized too.
 */
final class ObjectEntityTestSupport {

  private static final Config CONFIG =
      ConfigFactory.parseString("pekko.actor.serialize-messages = on")
          .withFallback(EventSourcedBehaviorTestKit.config());

  private static final EventSourcedBehaviorTestKit.SerializationSettings SERIALIZATION =
      EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true);

  private static final AtomicInteger NAMES = new AtomicInteger();

  static final String NAMESPACE = "team-a";

  private ObjectEntityTestSupport() {}

  /** An actor test kit, named after the test class, that serializes every message. */
  static ActorTestKit testKitFor(Class<?> testClass) {
    return new JUnit5TestKitBuilder()
        .withName(testClass.getSimpleName())
        .withCustomConfig(CONFIG)
        .build();
  }

  static Topic.Command<ObjectIndex.Command> published(KubeObject object, boolean removed) {
    return Topic.publish(new ObjectIndex.Changed(object, removed));
  }

  /**
   * One object entity of {@code kind} with its own name, clock, changes topic and journal; the
   * object it creates is {@code sent} renamed to that name.
   */
  static final class ObjectUnderTest {
    final StoredKind kind;
    final String name;
    final String namespace;
    final KubeObject sent;
    final MutableClock clock = new MutableClock(T0);
    final TestProbe<Topic.Command<ObjectIndex.Command>> changes;
    final EventSourcedBehaviorTestKit<ObjectEntity.Command, ObjectEvent, ObjectEntity.State> kit;

    ObjectUnderTest(ActorTestKit testKit, StoredKind kind, KubeObject sent) {
      this(testKit, kind, sent, 100);
    }

    ObjectUnderTest(ActorTestKit testKit, StoredKind kind, KubeObject sent, int snapshotEvery) {
      this.kind = kind;
      this.name = sent.name() + "-" + NAMES.incrementAndGet();
      this.namespace = kind.type().namespaced() ? NAMESPACE : null;
      this.sent = sent.withMetadata(sent.metadata().withName(name));
      changes = testKit.createTestProbe();
      ObjectEntity.Dependencies deps =
          new ObjectEntity.Dependencies(kind, changes.ref(), clock, snapshotEvery);
      kit =
          EventSourcedBehaviorTestKit.create(
              testKit.system(), ObjectEntity.create(entityId(), deps), SERIALIZATION);
    }

    String entityId() {
      return ObjectEntity.entityId(namespace, name);
    }

    CommandResultWithReply<ObjectEntity.Command, ObjectEvent, ObjectEntity.State, Reply> create() {
      KubeObject admitted = ObjectFixtures.admitted(kind, sent, namespace);
      return kit.runCommand(
          replyTo -> new ObjectEntity.Create(admitted, byUser("kubectl create"), replyTo));
    }

    /** Creates the object; returns it as the reply shows it. */
    KubeObject created() {
      var result = create();
      assertThat(result.reply().outcome()).isEqualTo(Outcome.OK);
      return result.reply().object();
    }

    CommandResultWithReply<ObjectEntity.Command, ObjectEvent, ObjectEntity.State, Reply> update(
        KubeObject object, String expectedResourceVersion) {
      return kit.runCommand(
          replyTo ->
              new ObjectEntity.Update(
                  object, expectedResourceVersion, false, byUser("kubectl replace"), replyTo));
    }

    CommandResultWithReply<ObjectEntity.Command, ObjectEvent, ObjectEntity.State, Reply>
        updateStatus(KubeObject object) {
      return kit.runCommand(
          replyTo -> new ObjectEntity.Update(object, null, true, byUser("status writer"), replyTo));
    }

    CommandResultWithReply<ObjectEntity.Command, ObjectEvent, ObjectEntity.State, Reply> delete(
        String expectedUid, String expectedResourceVersion) {
      return kit.runCommand(
          replyTo ->
              new ObjectEntity.Delete(
                  expectedUid, expectedResourceVersion, byUser("kubectl delete"), replyTo));
    }

    CommandResultWithReply<ObjectEntity.Command, ObjectEvent, ObjectEntity.State, Reply> get() {
      return kit.runCommand(ObjectEntity.Get::new);
    }

    /** The object as the entity holds it now; fails when there is none. */
    KubeObject current() {
      ObjectEntity.State state = kit.getState();
      assertThat(state).isInstanceOf(Present.class);
      return ((Present) state).object();
    }

    List<ObjectEvent> journal() {
      String persistenceId = kind.type().kind() + "|" + entityId();
      return kit.persistenceTestKit().persistedInStorage(persistenceId).stream()
          .map(ObjectEvent.class::cast)
          .toList();
    }
  }
}
