package dev.troupe.actors.object;

import static dev.troupe.actors.PodFixtures.T0;
import static dev.troupe.actors.PodFixtures.byUser;
import static dev.troupe.actors.object.ObjectEntityTestSupport.published;
import static dev.troupe.actors.object.ObjectFixtures.atVersion;
import static dev.troupe.actors.object.ObjectFixtures.deployment;
import static dev.troupe.actors.object.ObjectFixtures.patched;
import static dev.troupe.actors.object.ObjectFixtures.service;
import static dev.troupe.actors.object.ObjectFixtures.tree;
import static dev.troupe.actors.object.ObjectFixtures.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.actors.Outcome;
import dev.troupe.actors.ResourceVersions;
import dev.troupe.actors.object.ObjectEntity.Absent;
import dev.troupe.actors.object.ObjectEntity.Present;
import dev.troupe.actors.object.ObjectEntity.Reply;
import dev.troupe.actors.object.ObjectEntityTestSupport.ObjectUnderTest;
import dev.troupe.core.events.ObjectEvent;
import dev.troupe.core.events.ObjectEvent.ObjectCreated;
import dev.troupe.core.events.ObjectEvent.ObjectDeleted;
import dev.troupe.core.events.ObjectEvent.ObjectDeletionRequested;
import dev.troupe.core.events.ObjectEvent.ObjectUpdated;
import dev.troupe.core.kinds.DeploymentKind;
import dev.troupe.core.kinds.ServiceKind;
import dev.troupe.core.model.KubeObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.jackson.JacksonJsonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An object entity's lifetime, driven command by command through the event-sourced behavior test
 * kit (see {@link ObjectEntityTestSupport}): creating, reading and deleting an object, creating the
 * name again, its resource versions, the events and changes it writes, and recovering it.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectEntityLifecycleTest {

  private static final Duration QUIET = Duration.ofMillis(50);

  @JUnit5TestKit final ActorTestKit testKit = ObjectEntityTestSupport.testKitFor(getClass());

  @Test
  void everyMessageIsSerializedAndTheEntitysTypesAreSerializedAsJson() {
    assertThat(testKit.system().settings().config().getBoolean("pekko.actor.serialize-messages"))
        .isTrue();
    Serialization serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
    assertThat(serialization.findSerializerFor(new Absent(0)))
        .isInstanceOf(JacksonJsonSerializer.class);
    assertThat(
            serialization.findSerializerFor(new Reply(Outcome.NOT_FOUND, null, null, false, null)))
        .isInstanceOf(JacksonJsonSerializer.class);
  }

  // --- Creating ----------------------------------------------------------------------------------

  @Test
  void aCreatedDeploymentIsStampedWithAUidItsCreationTimeAVersionAndGenerationOne() {
    ObjectUnderTest web = new ObjectUnderTest(testKit, DeploymentKind.INSTANCE, deployment("web"));
    Instant now = web.clock.advance(Duration.ofMillis(789_123).plusNanos(456));

    var result = web.create();

    assertThat(result.reply().outcome()).isEqualTo(Outcome.OK);
    KubeObject created = result.reply().object();
    String uid = created.metadata().uid();
    assertThat(UUID.fromString(uid).toString()).isEqualTo(uid);
    assertThat(created.metadata().creationTimestamp())
        .isEqualTo(now.truncatedTo(ChronoUnit.SECONDS));
    long expectedVersion = ResourceVersions.next(0, now);
    assertThat(created.metadata().resourceVersion()).isEqualTo(Long.toString(expectedVersion));
    assertThat(created.metadata().generation()).isEqualTo(1L);
    assertThat(created.namespace()).isEqualTo(ObjectEntityTestSupport.NAMESPACE);
    assertThat(created.kind()).isEqualTo("Deployment");
    assertThat(created.apiVersion()).isEqualTo("apps/v1");
    assertThat(created.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(created.field("status")).isEqualTo(tree("{}"));
    ObjectCreated event = result.eventOfType(ObjectCreated.class);
    assertThat(result.events()).hasSize(1);
    assertThat(event.at()).isEqualTo(now);
    assertThat(event.cause()).isEqualTo(byUser("kubectl create"));
    assertThat(result.stateOfType(Present.class)).isEqualTo(new Present(created, expectedVersion));
  }

  @Test
  void aCreatedServiceCarriesNoGenerationAndStartsWithAnEmptyLoadBalancerStatus() {
    ObjectUnderTest web =
        new ObjectUnderTest(testKit, ServiceKind.INSTANCE, service("web", ServiceKind.CLUSTER_IP));

    KubeObject created = web.created();

    assertThat(created.metadata().generation()).isNull();
    assertThat(created.json().path("metadata").has("generation")).isFalse();
    String uid = created.metadata().uid();
    assertThat(UUID.fromString(uid).toString()).isEqualTo(uid);
    assertThat(created.metadata().creationTimestamp()).isEqualTo(T0);
    assertThat(version(created)).isEqualTo(ResourceVersions.next(0, T0));
    assertThat(created.field("status")).isEqualTo(tree("{\"loadBalancer\":{}}"));
  }

  @Test
  void everyCreatedObjectGetsItsOwnUid() {
    KubeObject first =
        new ObjectUnderTest(testKit, ServiceKind.INSTANCE, service("a", "ClusterIP")).created();
    KubeObject second =
        new ObjectUnderTest(testKit, ServiceKind.INSTANCE, service("a", "ClusterIP")).created();

    assertThat(first.metadata().uid()).isNotEqualTo(second.metadata().uid());
  }

  @Test
  void anObjectThatIsCreatedTwiceIsRefusedTheSecondTime() {
    ObjectUnderTest web = new ObjectUnderTest(testKit, DeploymentKind.INSTANCE, deployment("web"));
    web.created();
    ObjectEntity.State before = web.kit.getState();

    var second = web.create();

    assertThat(second.reply())
        .isEqualTo(new Reply(Outcome.ALREADY_EXISTS, null, null, false, null));
    assertThat(second.hasNoEvents()).isTrue();
    assertThat(second.state()).isEqualTo(before);
  }

  static Stream<Arguments> requestsForAnObjectThatDoesNotExist() {
    KubeObject sent = service("web", "ClusterIP");
    return Stream.of(
        arguments("get", (Function<ActorRef<Reply>, ObjectEntity.Command>) ObjectEntity.Get::new),
        arguments(
            "update",
            (Function<ActorRef<Reply>, ObjectEntity.Command>)
                replyTo ->
                    new ObjectEntity.Update(sent, null, false, byUser("kubectl replace"), replyTo)),
        arguments(
            "status update",
            (Function<ActorRef<Reply>, ObjectEntity.Command>)
                replyTo ->
                    new ObjectEntity.Update(sent, null, true, byUser("status writer"), replyTo)),
        arguments(
            "delete",
            (Function<ActorRef<Reply>, ObjectEntity.Command>)
                replyTo -> new ObjectEntity.Delete(null, null, byUser("kubectl delete"), replyTo)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requestsForAnObjectThatDoesNotExist")
  void anObjectThatWasNeverCreatedIsNotFound(
      String request, Function<ActorRef<Reply>, ObjectEntity.Command> command) {
    ObjectUnderTest web =
        new ObjectUnderTest(testKit, ServiceKind.INSTANCE, service("web", "ClusterIP"));

    var result = web.kit.<Reply>runCommand(command::apply);

    assertThat(result.reply()).isEqualTo(new Reply(Outcome.NOT_FOUND, null, null, false, null));
    assertThat(result.hasNoEvents()).isTrue();
    assertThat(result.state()).isEqualTo(new Absent(0));
  }

  // --- Deleting ----------------------------------------------------------------------------------

  @Test
  void deletingAnObjectWithoutFinalizersRemovesItAndALaterGetIsNotFound() {
    ObjectUnderTest web =
        new ObjectUnderTest(testKit, ServiceKind.INSTANCE, service("web", "ClusterIP"));
    KubeObject created = web.created();
    Instant deletedAt = web.clock.advance(Duration.ofMillis(4_250));

    var result = web.delete(null, null);

    assertThat(result.events())
        .containsExactly(
            new ObjectDeleted(created.metadata().uid(), deletedAt, byUser("kubectl delete")));
    assertThat(result.state()).isInstanceOf(Absent.class);
    long removedAt = result.state().resourceVersion();
    assertThat(removedAt).isGreaterThan(version(created));
    Reply reply = result.reply();
    assertThat(reply.outcome()).isEqualTo(Outcome.OK);
    assertThat(reply.removed()).isTrue();
    assertThat(reply.object().metadata().uid()).isEqualTo(created.metadata().uid());
    assertThat(reply.object().metadata().deletionTimestamp())
        .isEqualTo(deletedAt.truncatedTo(ChronoUnit.SECONDS));
    assertThat(version(reply.object())).isEqualTo(removedAt);
    assertThat(web.get().reply()).isEqualTo(new Reply(Outcome.NOT_FOUND, null, null, false, null));
  }

  // --- Lifetimes and versions --------------------------------------------------------------------

  @Test
  void aDeletedNameCanBeCreatedAgainWithANewUidAndAHigherVersionEvenWhenTheClockWentBack() {
    ObjectUnderTest web = new ObjectUnderTest(testKit, DeploymentKind.INSTANCE, deployment("web"));
    web.clock.set(T0.plusSeconds(60));
    KubeObject first = web.created();
    web.delete(null, null);
    long afterDeletion = web.kit.getState().resourceVersion();
    web.clock.set(T0);

    KubeObject second = web.created();

    assertThat(second.metadata().uid()).isNotEqualTo(first.metadata().uid());
    assertThat(second.metadata().creationTimestamp()).isEqualTo(T0);
    assertThat(second.metadata().generation()).isEqualTo(1L);
    assertThat(version(second)).isEqualTo(afterDeletion + 1);
  }

  @Test
  void theResourceVersionGrowsWithEveryEventEvenWhenTheClockGoesBack() {
    ObjectUnderTest web =
        new ObjectUnderTest(testKit, ServiceKind.INSTANCE, service("web", "ClusterIP"));
    web.clock.set(T0.plusSeconds(10));
    KubeObject created = web.created();
    long v1 = version(created);
    assertThat(v1).isEqualTo(ResourceVersions.next(0, T0.plusSeconds(10)));

    web.clock.set(T0);
    long v2 = version(web.update(labelled(created, "v2"), null).reply().object());
    long v3 = version(web.update(labelled(created, "v3"), null).reply().object());

    web.clock.set(T0.plusSeconds(20));
    long v4 = version(web.update(labelled(created, "v4"), null).reply().object());

    assertThat(v2).isEqualTo(v1 + 1);
    assertThat(v3).isEqualTo(v1 + 2);
    assertThat(v4).isEqualTo(ResourceVersions.next(0, T0.plusSeconds(20)));
    assertThat(web.kit.getState().resourceVersion()).isEqualTo(v4);
  }

  @Test
  void everyEventCarriesItsTimeAndCause() {
    ObjectUnderTest web =
        new ObjectUnderTest(testKit, ServiceKind.INSTANCE, service("web", "ClusterIP"));
    Instant created = web.clock.advance(Duration.ofSeconds(1));
    KubeObject service = web.created();
    Instant updated = web.clock.advance(Duration.ofSeconds(1));
    web.update(labelled(service, "v2"), null);
    Instant deleted = web.clock.advance(Duration.ofSeconds(1));
    web.delete(null, null);

    assertThat(web.journal())
        .extracting(e -> e.getClass(), ObjectEvent::at, e -> e.cause().reason())
        .containsExactly(
            tuple(ObjectCreated.class, created, "kubectl create"),
            tuple(ObjectUpdated.class, updated, "kubectl replace"),
            tuple(ObjectDeleted.class, deleted, "kubectl delete"));
  }

  // --- Publishing --------------------------------------------------------------------------------

  @Test
  void everyWriteIsPublishedForTheIndexAndTheRemovalLast() {
    ObjectUnderTest web =
        new ObjectUnderTest(testKit, ServiceKind.INSTANCE, service("web", "ClusterIP"));
    KubeObject created = web.created();
    web.changes.expectMessage(published(created, false));

    KubeObject updated = web.update(labelled(created, "v2"), null).reply().object();
    web.changes.expectMessage(published(updated, false));

    web.update(updated, null);
    web.update(labelled(created, "v3"), "1");
    web.changes.expectNoMessage(QUIET);

    Reply deleted = web.delete(null, null).reply();
    KubeObject removed =
        atVersion(
            updated.withMetadata(updated.metadata().withDeletion(T0, 0)),
            web.kit.getState().resourceVersion());
    assertThat(deleted.object()).isEqualTo(removed);
    web.changes.expectMessage(published(removed, true));
    web.changes.expectNoMessage(QUIET);
  }

  // --- Recovery ----------------------------------------------------------------------------------

  @ParameterizedTest(name = "snapshot every {0} events")
  @ValueSource(ints = {1, 2, 100})
  void aRestartedEntityRecoversTheSameState(int snapshotEvery) {
    KubeObject held = patched(deployment("web"), "{\"metadata\":{\"finalizers\":[\"example/x\"]}}");
    ObjectUnderTest web =
        new ObjectUnderTest(testKit, DeploymentKind.INSTANCE, held, snapshotEvery);
    KubeObject created = web.created();
    web.update(patched(created, "{\"spec\":{\"replicas\":3}}"), null);
    web.updateStatus(patched(created, "{\"status\":{\"observedGeneration\":2}}"));
    web.clock.advance(Duration.ofSeconds(5));
    web.delete(null, null);
    ObjectEntity.State terminating = web.kit.getState();
    assertThat(web.journal())
        .extracting(e -> (Object) e.getClass())
        .containsExactly(
            ObjectCreated.class,
            ObjectUpdated.class,
            ObjectUpdated.class,
            ObjectDeletionRequested.class);

    assertThat(web.kit.restart().state()).isEqualTo(terminating);

    KubeObject released = patched(web.current(), "{\"metadata\":{\"finalizers\":null}}");
    assertThat(web.update(released, null).reply().removed()).isTrue();
    ObjectEntity.State absent = web.kit.getState();
    assertThat(web.kit.restart().state()).isEqualTo(absent).isInstanceOf(Absent.class);
    assertThat(version(web.created())).isGreaterThan(absent.resourceVersion());
  }

  private static KubeObject labelled(KubeObject object, String version) {
    return patched(object, "{\"metadata\":{\"labels\":{\"version\":\"%s\"}}}".formatted(version));
  }
}
