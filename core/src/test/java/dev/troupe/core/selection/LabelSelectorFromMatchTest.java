package dev.troupe.core.selection;

import static dev.troupe.core.selection.LabelSelectorParseTest.NAME_RULE;
import static dev.troupe.core.selection.LabelSelectorParseTest.VALUE_RULE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.core.selection.LabelSelector.Requirement;
import dev.troupe.core.validation.FieldError;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorFromMatchTest {

  static final String PATH = "spec.selector";

  static Requirement expression(String key, String operator, String... values) {
    return new Requirement(key, operator, Arrays.asList(values));
  }

  static LabelSelector.Built build(Map<String, String> labels, Requirement... expressions) {
    return LabelSelector.fromMatch(labels, List.of(expressions), PATH);
  }

  @Test
  void matchLabelsAndExpressionsBecomeOneSortedSelector() {
    LabelSelector.Built built =
        build(
            Map.of("app", "web"),
            expression("tier", "In", "web", "api"),
            expression("canary", "DoesNotExist"),
            expression("env", "NotIn", "qa"),
            expression("track", "Exists"));
    assertThat(built.errors()).isEmpty();
    assertThat(built.selector().toString())
        .isEqualTo("app=web,!canary,env notin (qa),tier in (api,web),track");
    assertThat(built.selector().matches(Map.of("app", "web", "tier", "api", "track", ""))).isTrue();
    assertThat(built.selector().matches(Map.of("app", "web", "tier", "api"))).isFalse();
  }

  @Test
  void aDeploymentsMatchLabelsGiveTheQueryKubectlSends() {
    LabelSelector.Built built = LabelSelector.fromMatch(Map.of("app", "web"), null, PATH);
    assertThat(built.selector().toString()).isEqualTo("app=web");
  }

  @Test
  void nothingToMatchSelectsEverything() {
    assertThat(LabelSelector.fromMatch(null, null, PATH).selector().isEmpty()).isTrue();
    assertThat(LabelSelector.fromMatch(Map.of(), List.of(), PATH).selector())
        .isSameAs(LabelSelector.EVERYTHING);
  }

  static Stream<Arguments> invalid() {
    String at = "spec.selector.matchExpressions[0]";
    return Stream.of(
        arguments(
            "an unknown operator is refused",
            build(null, expression("tier", "Equals", "db")),
            List.of(at + ".operator: Invalid value: \"Equals\": not a valid selector operator")),
        arguments(
            "the operator is case-sensitive",
            build(null, expression("tier", "in", "db")),
            List.of(at + ".operator: Invalid value: \"in\": not a valid selector operator")),
        arguments(
            "a missing operator is refused",
            build(null, expression("tier", null)),
            List.of(at + ".operator: Invalid value: \"\": not a valid selector operator")),
        arguments(
            "In needs values",
            build(null, expression("tier", "In")),
            List.of(
                at
                    + ".values: Required value: must be specified when `operator` is 'In' or"
                    + " 'NotIn'")),
        arguments(
            "NotIn needs values",
            build(null, new Requirement("tier", "NotIn", null)),
            List.of(
                at
                    + ".values: Required value: must be specified when `operator` is 'In' or"
                    + " 'NotIn'")),
        arguments(
            "Exists takes no values",
            build(null, expression("tier", "Exists", "db")),
            List.of(
                at
                    + ".values: Forbidden: may not be specified when `operator` is 'Exists' or"
                    + " 'DoesNotExist'")),
        arguments(
            "an invalid key is refused",
            build(null, expression("-tier", "Exists")),
            List.of(at + ".key: Invalid value: \"-tier\": name part " + NAME_RULE)),
        arguments(
            "an invalid value names its index",
            build(null, expression("tier", "In"), expression("env", "In", "prod", "q a")),
            List.of(
                at
                    + ".values: Required value: must be specified when `operator` is 'In' or"
                    + " 'NotIn'",
                "spec.selector.matchExpressions[1].values[1]: Invalid value: \"q a\": "
                    + VALUE_RULE)),
        arguments(
            "an invalid matchLabels key and value are refused",
            build(Map.of("app web", "v 1")),
            List.of(
                "spec.selector.matchLabels: Invalid value: \"app web\": name part " + NAME_RULE,
                "spec.selector.matchLabels: Invalid value: \"v 1\": " + VALUE_RULE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void refusesWithFieldPaths(String sentence, LabelSelector.Built built, List<String> errors) {
    assertThat(built.isValid()).isFalse();
    assertThat(built.selector()).isNull();
    assertThat(built.errors()).map(FieldError::toString).containsExactlyElementsOf(errors);
  }

  @Test
  void theErrorsCarryKubernetesReasons() {
    LabelSelector.Built built = build(null, expression("tier", "Exists", "db"));
    assertThat(built.errors().get(0).toCause().reason()).isEqualTo("FieldValueForbidden");
  }
}
