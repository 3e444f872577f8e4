package dev.troupe.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.core.model.Status;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldErrorTest {

  static Stream<Arguments> wordings() {
    return Stream.of(
        arguments(
            "a required field names only the field and the type",
            FieldError.required("spec.containers[0].image"),
            "spec.containers[0].image: Required value"),
        arguments(
            "a required field can explain itself",
            FieldError.required("metadata.name").withDetail("name or generateName is required"),
            "metadata.name: Required value: name or generateName is required"),
        arguments(
            "an invalid text value is quoted",
            FieldError.invalid("metadata.name", "Foo", "must be lowercase"),
            "metadata.name: Invalid value: \"Foo\": must be lowercase"),
        arguments(
            "an invalid number is not quoted",
            FieldError.invalid("spec.terminationGracePeriodSeconds", -1L, "must be positive"),
            "spec.terminationGracePeriodSeconds: Invalid value: -1: must be positive"),
        arguments(
            "an unsupported value lists the supported ones, each quoted",
            FieldError.notSupported("spec.restartPolicy", "Sometimes", "Always", "Never"),
            "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\","
                + " \"Never\""),
        arguments(
            "a duplicate names the repeated value",
            FieldError.duplicate("spec.containers[1].name", "app"),
            "spec.containers[1].name: Duplicate value: \"app\""),
        arguments(
            "a forbidden change explains why",
            FieldError.forbidden("spec", "pod updates may not change fields"),
            "spec: Forbidden: pod updates may not change fields"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wordings")
  void readsAsKubernetesWordsIt(String sentence, FieldError error, String expected) {
    assertThat(error.toString()).isEqualTo(expected);
  }

  @Test
  void theMessageLeavesOutTheField() {
    assertThat(FieldError.invalid("metadata.name", "Foo", "must be lowercase").message())
        .isEqualTo("Invalid value: \"Foo\": must be lowercase");
  }

  @Test
  void aCauseCarriesTheKubernetesReasonTheMessageAndTheField() {
    assertThat(FieldError.required("spec.containers[0].image").toCause())
        .isEqualTo(
            new Status.Cause("FieldValueRequired", "Required value", "spec.containers[0].image"));
    assertThat(FieldError.duplicate("spec.containers[1].name", "app").toCause())
        .isEqualTo(
            new Status.Cause(
                "FieldValueDuplicate", "Duplicate value: \"app\"", "spec.containers[1].name"));
    assertThat(FieldError.notSupported("x", "y", "z").toCause().reason())
        .isEqualTo("FieldValueNotSupported");
    assertThat(FieldError.invalid("x", "y", "z").toCause().reason()).isEqualTo("FieldValueInvalid");
    assertThat(FieldError.forbidden("x", "z").toCause().reason()).isEqualTo("FieldValueForbidden");
  }
}
