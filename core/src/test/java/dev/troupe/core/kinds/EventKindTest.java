package dev.troupe.core.kinds;

import static dev.troupe.core.kinds.KindFixtures.create;
import static dev.troupe.core.kinds.KindFixtures.messages;
import static dev.troupe.core.kinds.KindFixtures.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.core.model.KubeObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventKindTest {

  private static final EventKind KIND = EventKind.INSTANCE;

  /** An event in namespace {@code default} (where the tests create it) with {@code fields}. */
  private static String event(String fields) {
    return "{\"metadata\":{\"name\":\"web.17c3\"}," + fields + "}";
  }

  static Stream<Arguments> events() {
    return Stream.of(
        arguments(
            "an event about a pod in its own namespace is accepted",
            event(
                "\"involvedObject\":{\"kind\":\"Pod\",\"namespace\":\"default\",\"name\":\"web\"},"
                    + "\"type\":\"Normal\",\"reason\":\"Scheduled\""),
            List.of()),
        arguments(
            "an event about an object elsewhere is refused",
            event(
                "\"involvedObject\":{\"kind\":\"Pod\",\"namespace\":\"team-a\",\"name\":\"web\"}"),
            List.of(
                "involvedObject.namespace: Invalid value: \"team-a\": does not match"
                    + " event.namespace")),
        arguments(
            "an event about a node lives in the default namespace",
            event("\"involvedObject\":{\"kind\":\"Node\",\"name\":\"node-1\"}"),
            List.of()),
        arguments(
            "the type is Normal or Warning",
            event(
                "\"involvedObject\":{\"kind\":\"Pod\",\"namespace\":\"default\",\"name\":\"web\"},"
                    + "\"type\":\"Error\""),
            List.of(
                "type: Unsupported value: \"Error\": supported values: \"Normal\", \"Warning\"")),
        arguments(
            "an event with an event time says who reported what",
            event(
                "\"involvedObject\":{\"kind\":\"Pod\",\"namespace\":\"default\",\"name\":\"web\"},"
                    + "\"eventTime\":\"2024-05-01T12:00:00.000000Z\""),
            List.of(
                "reportingController: Required value",
                "reportingInstance: Required value",
                "action: Required value",
                "reason: Required value")),
        arguments(
            "a fully reported event is accepted",
            event(
                "\"involvedObject\":{\"kind\":\"Pod\",\"namespace\":\"default\",\"name\":\"web\"},"
                    + "\"eventTime\":\"2024-05-01T12:00:00.000000Z\","
                    + "\"reportingComponent\":\"troupe-scheduler\",\"reportingInstance\":\"troupe-0\","
                    + "\"action\":\"Binding\",\"reason\":\"Scheduled\""),
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void eventsAreCheckedAsKubernetesChecksThem(
      String description, String sent, List<String> expected) {
    assertThat(messages(create(KIND, sent).errors())).containsExactlyElementsOf(expected);
  }

  @Test
  void anEventAboutAClusterScopedObjectMayNotLiveInAnotherNamespace() {
    KubeObject event =
        object(
            "{\"metadata\":{\"name\":\"n.1\",\"namespace\":\"team-a\"},"
                + "\"involvedObject\":{\"kind\":\"Node\",\"name\":\"node-1\"}}");

    assertThat(messages(KIND.validate(event)))
        .containsExactly(
            "involvedObject.namespace: Invalid value: \"\": does not match event.namespace");
  }

  @Test
  void eventsGetNoDefaults() {
    KubeObject event = object(event("\"involvedObject\":{\"kind\":\"Node\",\"name\":\"node-1\"}"));

    assertThat(KIND.withDefaults(event)).isEqualTo(event);
  }
}
