package dev.troupe.core.apply;

import static dev.troupe.core.apply.ApplyFixtures.LATEST;
import static dev.troupe.core.apply.ApplyFixtures.rejected;
import static dev.troupe.core.apply.ApplyFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The configurations the apiserver refuses to apply, with the messages their senders see. */
class ServerSideApplyRejectionsTest {

  static Stream<Arguments> refusals() {
    return Stream.of(
        arguments(
            "managed fields in the configuration",
            "{apiVersion: v1, kind: Pod, metadata: {name: web, managedFields: []}}",
            "metadata.managedFields must be nil"),
        arguments(
            "a configuration of another version",
            "{apiVersion: apps/v1beta2, kind: Deployment, metadata: {name: web}}",
            "Incorrect version specified in apply patch. Specified patch version: apps/v1beta2,"
                + " expected: v1"),
        arguments(
            "a container without a name",
            """
            {apiVersion: v1, kind: Pod, metadata: {name: web, namespace: default},
             spec: {containers: [{image: nginx}]}}
            """,
            "failed to create typed patch object (default/web; /v1, Kind=Pod): .spec.containers:"
                + " element 0: associative list with keys has an element that omits all key fields"
                + " [\"name\"] (and doesn't have default values for any key fields)"),
        arguments(
            "two env entries of one name",
            """
            {apiVersion: v1, kind: Pod, metadata: {name: web},
             spec: {containers: [{name: c, env: [{name: FOO, value: x}, {name: FOO, value: y}]}]}}
            """,
            "failed to create typed patch object (/web; /v1, Kind=Pod):"
                + " .spec.containers[name=\"c\"].env: duplicate entries for key [name=\"FOO\"]"),
        arguments(
            "several problems",
            """
            {apiVersion: v1, kind: Pod, metadata: {name: web, finalizers: [a, a]},
             spec: {containers: [null]}}
            """,
            "failed to create typed patch object (/web; /v1, Kind=Pod): errors:\n"
                + "  .metadata.finalizers: duplicate entries for key [=\"a\"]\n"
                + "  .spec.containers: element 0: associative list with keys may not have a null"
                + " element"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void aConfigurationTheApiserverRefusesIsRejectedWithItsMessage(
      String title, String config, String message) {
    assertThat(rejected(null, yaml(config), "Pod", "v1")).isEqualTo(message);
  }

  @Test
  void aBodyThatIsNotAnObjectIsRejected() {
    assertThat(rejected(null, yaml("[1, 2]"), "Pod", "v1"))
        .isEqualTo(
            "error decoding YAML: json: cannot unmarshal array into Go value of type"
                + " map[string]interface {}");
  }

  @Test
  void unreadableManagedFieldsOfTheLiveObjectFailTheApply() {
    JsonNode live =
        yaml("{apiVersion: v1, kind: Pod, metadata: {name: web, managedFields: [{manager: a}]}}");

    ApplyResult result =
        ServerSideApply.apply(
            live,
            yaml("{apiVersion: v1, kind: Pod, metadata: {name: web}}"),
            "Pod",
            "kubectl",
            "v1",
            false,
            LATEST);

    assertThat(result)
        .isEqualTo(
            new ApplyResult.Rejected(
                "failed to decode managed fields: missing fieldsType in managed fields entry 0",
                500));
  }
}
