package dev.troupe.core.selection;

import static dev.troupe.core.selection.LabelSelectorParseTest.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorMatchTest {

  static final Map<String, String> NONE = Map.of();
  static final Map<String, String> WEB = Map.of("app", "web");
  static final Map<String, String> WEB_DB = Map.of("app", "web", "tier", "db");
  static final Map<String, String> WEB_FRONT = Map.of("app", "web", "tier", "front");

  static Stream<Arguments> cases() {
    return Stream.of(
        arguments("app=web selects a pod labelled app=web", "app=web", WEB, true),
        arguments("app=web does not select app=api", "app=web", Map.of("app", "api"), false),
        arguments("app=web does not select a pod without labels", "app=web", NONE, false),
        arguments("app==web selects app=web", "app==web", WEB, true),
        arguments("app!=web selects a pod WITHOUT the app label", "app!=web", NONE, true),
        arguments("app!=web selects app=api", "app!=web", Map.of("app", "api"), true),
        arguments("app!=web does not select app=web", "app!=web", WEB, false),
        arguments(
            "a set selects a listed value", "env in (prod,staging)", Map.of("env", "prod"), true),
        arguments("a set does not select a missing key", "env in (prod,staging)", NONE, false),
        arguments("notin selects a pod without the key", "env notin (prod)", NONE, true),
        arguments(
            "notin does not select a listed value",
            "env notin (prod)",
            Map.of("env", "prod"),
            false),
        arguments("notin selects another value", "env notin (prod)", Map.of("env", "qa"), true),
        arguments("a bare key selects an empty value", "canary", Map.of("canary", ""), true),
        arguments("a bare key does not select its absence", "canary", NONE, false),
        arguments("a bang selects the label's absence", "!canary", NONE, true),
        arguments("a bang does not select an empty value", "!canary", Map.of("canary", ""), false),
        arguments("k= selects the empty value", "tier=", Map.of("tier", ""), true),
        arguments("k= does not select the absence", "tier=", NONE, false),
        arguments("k= does not select another value", "tier=", WEB_DB, false),
        arguments(
            "empty parentheses select the empty value", "tier in ()", Map.of("tier", ""), true),
        arguments("the empty selector selects a pod without labels", "", NONE, true),
        arguments("every requirement must hold", "app=web,tier!=db", WEB_DB, false),
        arguments("both requirements hold", "app=web,tier!=db", WEB_FRONT, true),
        arguments("a missing key satisfies the inequality", "app=web,tier!=db", WEB, true),
        arguments(
            "a prefixed key matches exactly",
            "app.kubernetes.io/name=web",
            Map.of("app.kubernetes.io/name", "web"),
            true),
        arguments("greater-than compares numbers", "replicas>2", Map.of("replicas", "10"), true),
        arguments("greater-than is strict", "replicas>2", Map.of("replicas", "2"), false),
        arguments("greater-than needs a number", "replicas>2", Map.of("replicas", "many"), false),
        arguments("greater-than needs the key", "replicas>2", NONE, false),
        arguments("less-than compares numbers", "replicas<10", Map.of("replicas", "9"), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matches(String sentence, String text, Map<String, String> labels, boolean expected) {
    assertThat(selector(text).matches(labels)).isEqualTo(expected);
  }

  @Test
  void nullLabelsAreNoLabels() {
    assertThat(selector("app!=web").matches(null)).isTrue();
    assertThat(selector("app").matches(null)).isFalse();
  }

  @Test
  void aLabelWithANullValueCountsAsEmpty() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("tier", null);
    assertThat(selector("tier=").matches(labels)).isTrue();
    assertThat(selector("tier in (db)").matches(labels)).isFalse();
  }

  @Test
  void aSelectorFromLabelsIsTheirSortedEqualities() {
    LabelSelector fromLabels = LabelSelector.fromLabels(Map.of("tier", "front", "app", "web"));
    assertThat(fromLabels.toString()).isEqualTo("app=web,tier=front");
    assertThat(fromLabels.matches(WEB_FRONT)).isTrue();
    assertThat(fromLabels.matches(WEB)).isFalse();
    assertThat(LabelSelector.fromLabels(null)).isSameAs(LabelSelector.EVERYTHING);
  }

  @Test
  void selectorsAreEqualWhenTheirCanonicalFormsAre() {
    assertThat(selector("tier!=db , app=web")).isEqualTo(selector("app=web,tier!=db"));
    assertThat(selector("app=web")).isNotEqualTo(selector("app==web"));
  }
}
