package dev.troupe.core.events;

import static dev.troupe.core.TestPods.T0;
import static dev.troupe.core.TestPods.pod;
import static dev.troupe.core.TestPods.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.PodCondition;
import dev.troupe.core.model.PodStatus;
import dev.troupe.core.pod.PodAdmission;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodEventTest {

  private static final Instant AT = Instant.parse("2026-11-29T14:15:00.123456789Z");
  private static final Cause CAUSE =
      Cause.of("user:alice", "POST /api/v1/namespaces/default/pods", "created by kubectl");

  static Stream<Arguments> events() {
    PodStatus status =
        new PodStatus(
            "Running",
            List.of(new PodCondition("Ready", "True", null, T0, null, null)),
            null,
            null,
            "10.0.0.5",
            "172.17.0.2",
            T0,
            List.of(running("app", true)),
            "BestEffort",
            null);
    return Stream.of(
        arguments(
            "a created pod keeps the whole pod",
            new PodEvent.PodCreated(PodAdmission.stamp(pod(), "uid-1", T0), AT, CAUSE)),
        arguments("a scheduling keeps its node", new PodEvent.PodScheduled("node-a", AT, CAUSE)),
        arguments(
            "an observed status keeps every container state",
            new PodEvent.PodStatusObserved(status, AT, CAUSE)),
        arguments(
            "a deletion request keeps its grace period",
            new PodEvent.PodDeletionRequested(30, AT, CAUSE)),
        arguments(
            "a deletion keeps the uid and a cause without a trigger",
            new PodEvent.PodDeleted(
                "uid-1", AT, Cause.of("node:node-a", null, "containers gone"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void roundTripsThroughTheJournalMapper(String sentence, PodEvent event) throws Exception {
    ObjectMapper mapper = Json.mapper();

    String json = mapper.writeValueAsString(event);
    PodEvent back = mapper.readValue(json, event.getClass());

    assertThat(back).isEqualTo(event);
    assertThat(mapper.writeValueAsString(back)).isEqualTo(json);
    assertThat(json).doesNotContain("null");
  }

  @Test
  void anEventTimeIsWrittenAsRfc3339TextWithItsNanoseconds() throws Exception {
    String json = Json.mapper().writeValueAsString(new PodEvent.PodScheduled("node-a", AT, CAUSE));

    assertThat(json)
        .isEqualTo(
            "{\"nodeName\":\"node-a\",\"at\":\"2026-11-29T14:15:00.123456789Z\","
                + "\"cause\":{\"principal\":\"user:alice\","
                + "\"trigger\":\"POST /api/v1/namespaces/default/pods\","
                + "\"reason\":\"created by kubectl\"}}");
  }
}
