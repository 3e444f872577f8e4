package dev.troupe.actors.object;

import static dev.troupe.actors.object.ObjectFixtures.deployment;
import static dev.troupe.actors.object.ObjectFixtures.patched;
import static dev.troupe.actors.object.ObjectFixtures.service;
import static dev.troupe.actors.object.ObjectFixtures.tree;
import static dev.troupe.actors.object.ObjectFixtures.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.actors.Outcome;
import dev.troupe.actors.object.ObjectEntity.Present;
import dev.troupe.actors.object.ObjectEntity.Reply;
import dev.troupe.actors.object.ObjectEntityTestSupport.ObjectUnderTest;
import dev.troupe.core.events.ObjectEvent.ObjectUpdated;
import dev.troupe.core.kinds.DeploymentKind;
import dev.troupe.core.kinds.ServiceKind;
import dev.troupe.core.kinds.StoredKind;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.validation.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
 * Updates and status updates of an object entity: optimistic concurrency, what is kept, what is
 * counted as a generation, and what is refused.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectEntityUpdateTest {

  private static final String CONFLICT =
      "the object has been modified; please apply your changes to the latest version and try again";

  @JUnit5TestKit final ActorTestKit testKit = ObjectEntityTestSupport.testKitFor(getClass());

  // --- Optimistic concurrency --------------------------------------------------------------------

  @Test
  void anUpdateWithAStaleResourceVersionConflicts() {
    ObjectUnderTest web = deploymentUnderTest();
    KubeObject created = web.created();
    KubeObject current =
        web.update(labelled(created, "v2"), created.metadata().resourceVersion()).reply().object();
    ObjectEntity.State before = web.kit.getState();

    var stale = web.update(labelled(created, "v3"), created.metadata().resourceVersion());

    assertThat(stale.reply())
        .isEqualTo(new Reply(Outcome.CONFLICT, current, null, false, CONFLICT));
    assertThat(stale.hasNoEvents()).isTrue();
    assertThat(stale.state()).isEqualTo(before);
    assertThat(web.journal()).hasSize(2);
  }

  @Test
  void anUpdateAtTheCurrentResourceVersionIsApplied() {
    ObjectUnderTest web = deploymentUnderTest();
    KubeObject created = web.created();
    Instant now = web.clock.advance(Duration.ofSeconds(3));

    var result = web.update(labelled(created, "v2"), created.metadata().resourceVersion());

    assertThat(result.reply().outcome()).isEqualTo(Outcome.OK);
    KubeObject updated = result.reply().object();
    assertThat(updated.metadata().labels()).containsEntry("version", "v2");
    assertThat(version(updated)).isGreaterThan(version(created));
    assertThat(result.events()).hasSize(1);
    ObjectUpdated event = result.eventOfType(ObjectUpdated.class);
    assertThat(event.at()).isEqualTo(now);
    assertThat(result.stateOfType(Present.class)).isEqualTo(new Present(updated, version(updated)));
  }

  // --- Updates that change nothing ---------------------------------------------------------------

  @Test
  void anUpdateOfTheObjectAsReadBackPersistsNothingAndKeepsTheVersion() {
    ObjectUnderTest web = deploymentUnderTest();
    KubeObject created = web.created();

    var result = web.update(created, created.metadata().resourceVersion());

    assertThat(result.hasNoEvents()).isTrue();
    assertThat(result.reply()).isEqualTo(new Reply(Outcome.OK, created, null, false, null));
    assertThat(result.state()).isEqualTo(new Present(created, version(created)));
    web.changes.receiveMessage();
    web.changes.expectNoMessage(Duration.ofMillis(50));
  }

  @Test
  void anUpdateWithTheObjectAsFirstSentChangesNothingBecauseTheDefaultsAreAppliedAgain() {
    ObjectUnderTest web = deploymentUnderTest();
    KubeObject created = web.created();

    var result = web.update(web.sent, null);

    assertThat(result.hasNoEvents()).isTrue();
    assertThat(result.reply().object()).isEqualTo(created);
  }

  // --- Generations -------------------------------------------------------------------------------

  static Stream<Arguments> deploymentChanges() {
    return Stream.of(
        arguments(
            "a new image in the template",
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":"
                + "[{\"name\":\"web\",\"image\":\"nginx:1.28\"}]}}}}",
            2L),
        arguments("three replicas", "{\"spec\":{\"replicas\":3}}", 2L),
        arguments("a new label", "{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}", 1L),
        arguments("a new annotation", "{\"metadata\":{\"annotations\":{\"note\":\"hi\"}}}", 1L));
  }

  @ParameterizedTest(name = "{0} makes generation {2}")
  @MethodSource("deploymentChanges")
  void onlyAChangeOfWhatTheUserWantsCountsADeploymentGeneration(
      String description, String patch, long expectedGeneration) {
    ObjectUnderTest web = deploymentUnderTest();
    KubeObject created = web.created();

    var result = web.update(patched(created, patch), null);

    assertThat(result.events()).hasSize(1);
    KubeObject updated = result.reply().object();
    assertThat(updated.metadata().generation()).isEqualTo(expectedGeneration);
    assertThat(version(updated)).isGreaterThan(version(created));
    assertThat(updated.field("status")).isEqualTo(created.field("status"));
  }

  @Test
  void everyTemplateChangeCountsOneMoreGeneration() {
    ObjectUnderTest web = deploymentUnderTest();
    KubeObject created = web.created();

    web.update(patched(created, "{\"spec\":{\"replicas\":2}}"), null);
    var third = web.update(patched(web.current(), "{\"spec\":{\"replicas\":4}}"), null);

    assertThat(third.reply().object().metadata().generation()).isEqualTo(3L);
  }

  // --- Status ------------------------------------------------------------------------------------

  @Test
  void aNormalUpdateNeverChangesTheStatus() {
    ObjectUnderTest web = deploymentUnderTest();
    KubeObject created = web.created();
    String status = "\"status\":{\"replicas\":5,\"observedGeneration\":1}";

    var statusOnly = web.update(patched(created, "{" + status + "}"), null);
    assertThat(statusOnly.hasNoEvents()).isTrue();
    assertThat(statusOnly.reply().object()).isEqualTo(created);

    var withLabel =
        web.update(
            patched(created, "{\"metadata\":{\"labels\":{\"tier\":\"front\"}}," + status + "}"),
            null);
    KubeObject updated = withLabel.reply().object();
    assertThat(updated.metadata().labels()).containsEntry("tier", "front");
    assertThat(updated.field("status")).isEqualTo(tree("{}"));
    assertThat(web.current().field("status")).isEqualTo(tree("{}"));
  }

  @Test
  void aStatusUpdateChangesOnlyTheStatus() {
    ObjectUnderTest web = deploymentUnderTest();
    KubeObject created = web.created();
    KubeObject sent =
        patched(
            created,
            """
            {"metadata":{"labels":{"tier":"front"}},
             "spec":{"replicas":7},
             "status":{"replicas":1,"observedGeneration":1}}
            """);

    var result = web.updateStatus(sent);

    assertThat(result.events()).hasSize(1);
    assertThat(result.reply().outcome()).isEqualTo(Outcome.OK);
    KubeObject updated = result.reply().object();
    assertThat(updated.field("status"))
        .isEqualTo(tree("{\"replicas\":1,\"observedGeneration\":1}"));
    assertThat(updated.metadata().labels()).isEqualTo(Map.of("team", "a"));
    assertThat(updated.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(updated.metadata().generation()).isEqualTo(1L);
    assertThat(version(updated)).isGreaterThan(version(created));
    KubeObject expected =
        created
            .with("status", tree("{\"replicas\":1,\"observedGeneration\":1}"))
            .withMetadata(
                created.metadata().withResourceVersion(updated.metadata().resourceVersion()));
    assertThat(updated).isEqualTo(expected);
  }

  @Test
  void aStatusUpdateWithTheSameStatusPersistsNothing() {
    ObjectUnderTest web = deploymentUnderTest();
    KubeObject created = web.created();

    var result = web.updateStatus(patched(created, "{\"spec\":{\"replicas\":9}}"));

    assertThat(result.hasNoEvents()).isTrue();
    assertThat(result.reply().object()).isEqualTo(created);
  }

  // --- Refusals ----------------------------------------------------------------------------------

  static Stream<Arguments> invalidUpdates() {
    return Stream.of(
        arguments(
            "an unsupported service type",
            ServiceKind.INSTANCE,
            service("web", ServiceKind.CLUSTER_IP),
            "{\"spec\":{\"type\":\"Bogus\"}}",
            new String[] {
              "spec.type: Unsupported value: \"Bogus\": supported values: \"ClusterIP\","
                  + " \"ExternalName\", \"LoadBalancer\", \"NodePort\""
            }),
        arguments(
            "a service without ports",
            ServiceKind.INSTANCE,
            service("web", ServiceKind.CLUSTER_IP),
            "{\"spec\":{\"ports\":null}}",
            new String[] {"spec.ports: Required value"}),
        arguments(
            "a changed cluster IP",
            ServiceKind.INSTANCE,
            patched(
                service("web", ServiceKind.CLUSTER_IP),
                "{\"spec\":{\"clusterIP\":\"10.96.0.10\"}}"),
            "{\"spec\":{\"clusterIP\":\"10.96.0.11\",\"clusterIPs\":[\"10.96.0.11\"]}}",
            new String[] {"spec.clusterIP: Invalid value: \"10.96.0.11\": field is immutable"}),
        arguments(
            "negative deployment replicas",
            DeploymentKind.INSTANCE,
            deployment("web"),
            "{\"spec\":{\"replicas\":-1}}",
            new String[] {"spec.replicas: Invalid value: -1: must be greater than or equal to 0"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidUpdates")
  void anInvalidUpdateIsRefusedWithItsFieldErrorsAndPersistsNothing(
      String description, StoredKind kind, KubeObject sent, String patch, String[] expectedErrors) {
    ObjectUnderTest web = new ObjectUnderTest(testKit, kind, sent);
    KubeObject created = web.created();

    var result = web.update(patched(created, patch), null);

    assertThat(result.reply().outcome()).isEqualTo(Outcome.INVALID);
    assertThat(result.reply().errors())
        .extracting(FieldError::toString)
        .containsExactly(expectedErrors);
    assertThat(result.reply().object()).isEqualTo(created);
    assertThat(result.hasNoEvents()).isTrue();
    assertThat(result.state()).isEqualTo(new Present(created, version(created)));
  }

  // --- Helpers -----------------------------------------------------------------------------------

  private ObjectUnderTest deploymentUnderTest() {
    return new ObjectUnderTest(testKit, DeploymentKind.INSTANCE, deployment("web"));
  }

  private static KubeObject labelled(KubeObject object, String version) {
    return patched(object, "{\"metadata\":{\"labels\":{\"version\":\"%s\"}}}".formatted(version));
  }
}
