package dev.troupe.actors.object;

import static dev.troupe.actors.PodFixtures.T0;
import static dev.troupe.actors.PodFixtures.byUser;
import static dev.troupe.actors.object.ObjectEntityTestSupport.published;
import static dev.troupe.actors.object.ObjectFixtures.deployment;
import static dev.troupe.actors.object.ObjectFixtures.namespace;
import static dev.troupe.actors.object.ObjectFixtures.patched;
import static dev.troupe.actors.object.ObjectFixtures.service;
import static dev.troupe.actors.object.ObjectFixtures.tree;
import static dev.troupe.actors.object.ObjectFixtures.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.actors.Outcome;
import dev.troupe.actors.object.ObjectEntity.Absent;
import dev.troupe.actors.object.ObjectEntity.Present;
import dev.troupe.actors.object.ObjectEntity.Reply;
import dev.troupe.actors.object.ObjectEntityTestSupport.ObjectUnderTest;
import dev.troupe.core.events.ObjectEvent.ObjectDeleted;
import dev.troupe.core.events.ObjectEvent.ObjectDeletionRequested;
import dev.troupe.core.events.ObjectEvent.ObjectUpdated;
import dev.troupe.core.kinds.DeploymentKind;
import dev.troupe.core.kinds.NamespaceKind;
import dev.troupe.core.kinds.ServiceKind;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.validation.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deleting an object entity: preconditions, {@code metadata.finalizers} that hold an object
 * terminating until the last one is removed, and Namespaces held by their {@code spec.finalizers}.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectEntityDeletionTest {

  private static final String FINALIZERS =
      "{\"metadata\":{\"finalizers\":[\"example.com/cleanup\",\"example.com/audit\"]}}";

  @JUnit5TestKit final ActorTestKit testKit = ObjectEntityTestSupport.testKitFor(getClass());

  // --- Preconditions -----------------------------------------------------------------------------

  static Stream<Arguments> failedPreconditions() {
    return Stream.of(
        arguments(
            "another uid",
            (Function<KubeObject, String[]>) created -> new String[] {"not-the-uid", null},
            (Function<KubeObject, String>)
                created ->
                    "Precondition failed: UID in precondition: not-the-uid, UID in object meta: "
                        + created.metadata().uid()),
        arguments(
            "another resource version",
            (Function<KubeObject, String[]>) created -> new String[] {null, "12"},
            (Function<KubeObject, String>)
                created ->
                    "Precondition failed: ResourceVersion in precondition: 12, ResourceVersion in"
                        + " object meta: "
                        + created.metadata().resourceVersion()),
        arguments(
            "the right uid but another resource version",
            (Function<KubeObject, String[]>)
                created -> new String[] {created.metadata().uid(), "12"},
            (Function<KubeObject, String>)
                created ->
                    "Precondition failed: ResourceVersion in precondition: 12, ResourceVersion in"
                        + " object meta: "
                        + created.metadata().resourceVersion()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failedPreconditions")
  void aDeleteWhosePreconditionFailsConflictsAndDeletesNothing(
      String description,
      Function<KubeObject, String[]> preconditions,
      Function<KubeObject, String> expectedMessage) {
    ObjectUnderTest web = serviceUnderTest();
    KubeObject created = web.created();
    String[] expected = preconditions.apply(created);

    var result = web.delete(expected[0], expected[1]);

    assertThat(result.reply())
        .isEqualTo(
            new Reply(Outcome.CONFLICT, created, null, false, expectedMessage.apply(created)));
    assertThat(result.hasNoEvents()).isTrue();
    assertThat(result.state()).isEqualTo(new Present(created, version(created)));
  }

  @Test
  void aDeleteWhosePreconditionsHoldDeletes() {
    ObjectUnderTest web = serviceUnderTest();
    KubeObject created = web.created();

    var result = web.delete(created.metadata().uid(), created.metadata().resourceVersion());

    assertThat(result.reply().removed()).isTrue();
    assertThat(result.state()).isInstanceOf(Absent.class);
  }

  // --- metadata.finalizers -----------------------------------------------------------------------

  @Test
  void deletingAnObjectWithFinalizersOnlyMarksItTerminating() {
    ObjectUnderTest web =
        new ObjectUnderTest(
            testKit, ServiceKind.INSTANCE, patched(service("web", "ClusterIP"), FINALIZERS));
    KubeObject created = web.created();
    Instant deletedAt = web.clock.advance(Duration.ofMillis(2_700));

    var result = web.delete(null, null);

    KubeObject terminating = web.current();
    assertThat(result.events())
        .containsExactly(
            new ObjectDeletionRequested(
                created.withMetadata(created.metadata().withDeletion(deletedAt, 0)),
                deletedAt,
                byUser("kubectl delete")));
    assertThat(terminating.isTerminating()).isTrue();
    assertThat(terminating.metadata().deletionTimestamp()).isEqualTo(T0.plusSeconds(2));
    assertThat(terminating.metadata().deletionGracePeriodSeconds()).isZero();
    assertThat(terminating.metadata().finalizers())
        .containsExactly("example.com/cleanup", "example.com/audit");
    assertThat(version(terminating)).isGreaterThan(version(created));
    assertThat(result.reply()).isEqualTo(new Reply(Outcome.OK, terminating, null, false, null));
    assertThat(web.get().reply().object()).isEqualTo(terminating);
  }

  @Test
  void aSecondDeleteOfATerminatingObjectChangesNothing() {
    ObjectUnderTest web =
        new ObjectUnderTest(
            testKit, ServiceKind.INSTANCE, patched(service("web", "ClusterIP"), FINALIZERS));
    web.created();
    KubeObject terminating = web.delete(null, null).reply().object();
    web.clock.advance(Duration.ofSeconds(10));

    var second = web.delete(null, null);

    assertThat(second.hasNoEvents()).isTrue();
    assertThat(second.reply()).isEqualTo(new Reply(Outcome.OK, terminating, null, false, null));
  }

  @Test
  void theUpdateThatRemovesTheLastFinalizerRemovesTheObject() {
    ObjectUnderTest web =
        new ObjectUnderTest(
            testKit, ServiceKind.INSTANCE, patched(service("web", "ClusterIP"), FINALIZERS));
    KubeObject created = web.created();
    web.delete(null, null);
    KubeObject terminating = web.current();

    var first =
        web.update(
            patched(terminating, "{\"metadata\":{\"finalizers\":[\"example.com/audit\"]}}"), null);
    assertThat(first.events()).hasSize(1).first().isInstanceOf(ObjectUpdated.class);
    assertThat(first.reply().removed()).isFalse();
    KubeObject stillHeld = web.current();
    assertThat(stillHeld.isTerminating()).isTrue();
    assertThat(stillHeld.metadata().finalizers()).containsExactly("example.com/audit");

    Instant releasedAt = web.clock.advance(Duration.ofSeconds(1));
    var last = web.update(patched(stillHeld, "{\"metadata\":{\"finalizers\":[]}}"), null);

    assertThat(last.events()).hasSize(2);
    assertThat(last.events().get(0)).isInstanceOf(ObjectUpdated.class);
    assertThat(last.events().get(1))
        .isEqualTo(
            new ObjectDeleted(created.metadata().uid(), releasedAt, byUser("kubectl replace")));
    assertThat(last.state()).isInstanceOf(Absent.class);
    Reply reply = last.reply();
    assertThat(reply.outcome()).isEqualTo(Outcome.OK);
    assertThat(reply.removed()).isTrue();
    assertThat(reply.object().metadata().finalizers()).isEmpty();
    assertThat(version(reply.object())).isEqualTo(last.state().resourceVersion());
    assertThat(web.get().reply().outcome()).isEqualTo(Outcome.NOT_FOUND);
    web.changes.receiveSeveralMessages(3);
    web.changes.expectMessage(published(reply.object(), true));
  }

  @Test
  void markingADeploymentAsDeletingCountsAGeneration() {
    ObjectUnderTest web =
        new ObjectUnderTest(
            testKit,
            DeploymentKind.INSTANCE,
            patched(deployment("web"), "{\"metadata\":{\"finalizers\":[\"example.com/x\"]}}"));
    web.created();

    web.delete(null, null);

    assertThat(web.current().metadata().generation()).isEqualTo(2L);
  }

  @Test
  void anUpdateMayNotAddAFinalizerToAnObjectThatIsBeingDeleted() {
    ObjectUnderTest web =
        new ObjectUnderTest(
            testKit, ServiceKind.INSTANCE, patched(service("web", "ClusterIP"), FINALIZERS));
    web.created();
    web.delete(null, null);
    KubeObject terminating = web.current();

    var result =
        web.update(
            patched(
                terminating,
                "{\"metadata\":{\"finalizers\":"
                    + "[\"example.com/cleanup\",\"example.com/audit\",\"example.com/late\"]}}"),
            null);

    assertThat(result.reply().outcome()).isEqualTo(Outcome.INVALID);
    assertThat(result.reply().errors())
        .extracting(FieldError::toString)
        .containsExactly(
            "metadata.finalizers: Forbidden: no new finalizers can be added if the object is being"
                + " deleted, found new finalizers []string{\"example.com/late\"}");
    assertThat(result.hasNoEvents()).isTrue();
  }

  // --- Namespaces --------------------------------------------------------------------------------

  @Test
  void aCreatedNamespaceIsActiveHeldByTheKubernetesFinalizerAndLabelledWithItsName() {
    ObjectUnderTest team = namespaceUnderTest();

    KubeObject created = team.created();

    assertThat(created.namespace()).isNull();
    assertThat(created.key()).isEqualTo("/" + team.name);
    assertThat(created.text("/status/phase")).isEqualTo(NamespaceKind.ACTIVE);
    assertThat(created.at("/spec/finalizers")).isEqualTo(tree("[\"kubernetes\"]"));
    assertThat(created.metadata().labels()).containsEntry(NamespaceKind.NAME_LABEL, team.name);
    assertThat(created.metadata().generation()).isNull();
  }

  @Test
  void deletingANamespaceMarksItTerminatingWhileItsSpecFinalizersHoldIt() {
    ObjectUnderTest team = namespaceUnderTest();
    KubeObject created = team.created();

    var result = team.delete(null, null);

    assertThat(result.events()).hasSize(1).first().isInstanceOf(ObjectDeletionRequested.class);
    KubeObject terminating = team.current();
    assertThat(terminating.isTerminating()).isTrue();
    assertThat(terminating.text("/status/phase")).isEqualTo(NamespaceKind.TERMINATING);
    assertThat(terminating.at("/spec/finalizers")).isEqualTo(created.at("/spec/finalizers"));
    assertThat(result.reply()).isEqualTo(new Reply(Outcome.OK, terminating, null, false, null));
    team.changes.receiveMessage();
    team.changes.expectMessage(published(terminating, false));
  }

  @Test
  void clearingATerminatingNamespacesSpecFinalizersRemovesIt() {
    ObjectUnderTest team = namespaceUnderTest();
    team.created();
    team.delete(null, null);
    KubeObject terminating = team.current();

    var result =
        team.update(
            patched(terminating, "{\"spec\":{\"finalizers\":[]}}"),
            terminating.metadata().resourceVersion());

    assertThat(result.events()).hasSize(2);
    assertThat(result.events().get(1)).isInstanceOf(ObjectDeleted.class);
    assertThat(result.reply().removed()).isTrue();
    assertThat(result.reply().object().at("/spec/finalizers")).isEqualTo(tree("[]"));
    assertThat(result.state()).isInstanceOf(Absent.class);
    assertThat(team.get().reply().outcome()).isEqualTo(Outcome.NOT_FOUND);
  }

  @Test
  void anActiveNamespaceWhoseSpecFinalizersAreClearedStaysAndIsThenRemovedAtOnceOnDelete() {
    ObjectUnderTest team = namespaceUnderTest();
    KubeObject created = team.created();

    var cleared = team.update(patched(created, "{\"spec\":{\"finalizers\":[]}}"), null);
    assertThat(cleared.events()).hasSize(1);
    assertThat(team.current().at("/spec/finalizers")).isEqualTo(tree("[]"));
    assertThat(team.current().text("/status/phase")).isEqualTo(NamespaceKind.ACTIVE);

    var deleted = team.delete(null, null);

    assertThat(deleted.events()).hasSize(1).first().isInstanceOf(ObjectDeleted.class);
    assertThat(deleted.reply().removed()).isTrue();
  }

  @Test
  void aNamespaceUpdateWithoutItsNameLabelKeepsIt() {
    ObjectUnderTest team = namespaceUnderTest();
    KubeObject created = team.created();

    var result =
        team.update(created.withMetadata(created.metadata().withLabels(Map.of("team", "a"))), null);

    assertThat(result.reply().object().metadata().labels())
        .containsEntry(NamespaceKind.NAME_LABEL, team.name)
        .containsEntry("team", "a");
  }

  @Test
  void aTerminatingNamespaceKeepsItsTerminatingPhaseThroughAnUpdateThatDoesNotReleaseIt() {
    ObjectUnderTest team = namespaceUnderTest();
    team.created();
    team.delete(null, null);
    KubeObject terminating = team.current();

    var result =
        team.update(
            patched(
                terminating,
                "{\"metadata\":{\"annotations\":{\"note\":\"x\"}},\"status\":{\"phase\":\"Active\"}}"),
            null);

    assertThat(result.events()).hasSize(1);
    assertThat(team.current().text("/status/phase")).isEqualTo(NamespaceKind.TERMINATING);
    assertThat(team.current().metadata().annotations()).containsEntry("note", "x");
    assertThat(team.current().isTerminating()).isTrue();
    assertThat(team.current().metadata().deletionTimestamp())
        .isEqualTo(terminating.metadata().deletionTimestamp());
  }

  // --- Helpers -----------------------------------------------------------------------------------

  private ObjectUnderTest serviceUnderTest() {
    return new ObjectUnderTest(testKit, ServiceKind.INSTANCE, service("web", "ClusterIP"));
  }

  private ObjectUnderTest namespaceUnderTest() {
    return new ObjectUnderTest(testKit, NamespaceKind.INSTANCE, namespace("team"));
  }
}
