package dev.troupe.core.patch;

import static dev.troupe.core.patch.PatchJson.deployment;
import static dev.troupe.core.patch.PatchJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MergePatchTest {

  /** RFC 7386 Appendix A, row by row: original, patch, result. */
  static Stream<Arguments> rfc7386AppendixA() {
    return Stream.of(
        arguments("a member is replaced", "{'a':'b'}", "{'a':'c'}", "{'a':'c'}"),
        arguments("a member is added", "{'a':'b'}", "{'b':'c'}", "{'a':'b','b':'c'}"),
        arguments("a null member deletes", "{'a':'b'}", "{'a':null}", "{}"),
        arguments(
            "a null member deletes only its own member",
            "{'a':'b','b':'c'}",
            "{'a':null}",
            "{'b':'c'}"),
        arguments("a scalar replaces an array", "{'a':['b']}", "{'a':'c'}", "{'a':'c'}"),
        arguments("an array replaces a scalar", "{'a':'c'}", "{'a':['b']}", "{'a':['b']}"),
        arguments(
            "nested objects merge and their null members delete",
            "{'a':{'b':'c'}}",
            "{'a':{'b':'d','c':null}}",
            "{'a':{'b':'d'}}"),
        arguments(
            "an array replaces an array of objects whole",
            "{'a':[{'b':'c'}]}",
            "{'a':[1]}",
            "{'a':[1]}"),
        arguments("an array patch replaces an array", "['a','b']", "['c','d']", "['c','d']"),
        arguments("an array patch replaces an object", "{'a':'b'}", "['c']", "['c']"),
        arguments("a null patch replaces the whole target", "{'a':'foo'}", "null", "null"),
        arguments("a scalar patch replaces the whole target", "{'a':'foo'}", "'bar'", "'bar'"),
        arguments(
            "null members of the target are kept", "{'e':null}", "{'a':1}", "{'e':null,'a':1}"),
        arguments(
            "an object patch on an array drops its null members",
            "[1,2]",
            "{'a':'b','c':null}",
            "{'a':'b'}"),
        arguments(
            "a new nested object drops its null members",
            "{}",
            "{'a':{'bb':{'ccc':null}}}",
            "{'a':{'bb':{}}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc7386AppendixA")
  void appliesTheExamplesOfRfc7386(String sentence, String target, String patch, String result) {
    assertThat(MergePatch.apply(json(target), json(patch))).isEqualTo(json(result));
  }

  @Test
  void appliesTheExampleOfRfc7386Section3() {
    JsonNode target =
        json(
            """
            {'title': 'Goodbye!',
             'author': {'givenName': 'John', 'familyName': 'Doe'},
             'tags': ['example', 'sample'],
             'content': 'This will be unchanged'}
            """);
    JsonNode patch =
        json(
            """
            {'title': 'Hello!', 'phoneNumber': '+01-123-456-7890',
             'author': {'familyName': null}, 'tags': ['example']}
            """);

    assertThat(MergePatch.apply(target, patch))
        .isEqualTo(
            json(
                """
                {'title': 'Hello!', 'author': {'givenName': 'John'}, 'tags': ['example'],
                 'content': 'This will be unchanged', 'phoneNumber': '+01-123-456-7890'}
                """));
  }

  /** What kubectl sends as a merge patch, and the part of the Deployment it changes. */
  static Stream<Arguments> kubectlPatches() {
    return Stream.of(
        arguments(
            "kubectl label tier=frontend adds the label",
            "{'metadata':{'labels':{'tier':'frontend'}}}",
            "/metadata/labels",
            "{'app':'web','tier':'frontend'}"),
        arguments(
            "kubectl label tier- removes the label",
            "{'metadata':{'labels':{'tier':null}}}",
            "/metadata/labels",
            "{'app':'web'}"),
        arguments(
            "kubectl label app=api overwrites the label",
            "{'metadata':{'labels':{'app':'api'}}}",
            "/metadata/labels",
            "{'app':'api'}"),
        arguments(
            "kubectl rollout pause sets spec.paused",
            "{'spec':{'paused':true}}",
            "/spec/paused",
            "true"),
        arguments(
            "kubectl scale --replicas=3 sets spec.replicas",
            "{'spec':{'replicas':3}}",
            "/spec/replicas",
            "3"),
        arguments(
            "kubectl scale leaves the template alone",
            "{'spec':{'replicas':3}}",
            "/spec/template",
            "{'metadata':{'labels':{'app':'web'}},"
                + "'spec':{'containers':[{'name':'web','image':'nginx:1.25'}]}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectlPatches")
  void appliesWhatKubectlSends(String sentence, String patch, String pointer, String expected) {
    JsonNode patched = MergePatch.apply(deployment(), json(patch));

    assertThat(patched.at(pointer)).isEqualTo(json(expected));
    assertThat(patched.at("/metadata/name").textValue()).isEqualTo("web");
  }

  @Test
  void kubectlRolloutResumeRemovesSpecPausedAgain() {
    JsonNode paused = MergePatch.apply(deployment(), json("{'spec':{'paused':true}}"));

    JsonNode resumed = MergePatch.apply(paused, json("{'spec':{'paused':null}}"));

    assertThat(resumed).isEqualTo(deployment());
  }

  @Test
  void removingALabelThatIsNotThereChangesNothing() {
    assertThat(MergePatch.apply(deployment(), json("{'metadata':{'labels':{'tier':null}}}")))
        .isEqualTo(deployment());
  }

  @Test
  void anArrayReplacesTheContainersWhole() {
    JsonNode patch =
        json("{'spec':{'template':{'spec':{'containers':[{'name':'web','image':'nginx:1.27'}]}}}}");

    assertThat(MergePatch.apply(deployment(), patch).at("/spec/template/spec/containers"))
        .isEqualTo(json("[{'name':'web','image':'nginx:1.27'}]"));
  }

  /** evanphx/json-patch strips null object members under arrays unless the target is an object. */
  static Stream<Arguments> nullsUnderArrays() {
    return Stream.of(
        arguments(
            "null members of objects in a new array are dropped",
            "{}",
            "{'a':[{'b':null,'c':1}]}",
            "{'a':[{'c':1}]}"),
        arguments(
            "null members of objects in an array replacing an array are dropped",
            "{'a':[1]}",
            "{'a':[{'b':null}]}",
            "{'a':[{}]}"),
        arguments(
            "an array replacing an object member is kept as it is",
            "{'a':{'x':1}}",
            "{'a':[{'b':null}]}",
            "{'a':[{'b':null}]}"),
        arguments("null elements of an array are kept", "{}", "{'a':[null,1]}", "{'a':[null,1]}"),
        arguments(
            "a top-level array patch drops null members of its objects",
            "{'a':1}",
            "[{'b':null},null]",
            "[{},null]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nullsUnderArrays")
  void treatsNullsUnderArraysAsTheApiServerDoes(
      String sentence, String target, String patch, String result) {
    assertThat(MergePatch.apply(json(target), json(patch))).isEqualTo(json(result));
  }

  @ParameterizedTest(name = "the API server refuses the merge patch {0}")
  @ValueSource(strings = {"null", "'bar'", "42", "true"})
  void refusesPatchesThatAreNotObjectsOrArrays(String patch) {
    assertThat(MergePatch.refusal(json(patch))).contains("Invalid JSON Patch");
    assertThat(MergePatch.refusal(null)).contains(MergePatch.INVALID_PATCH);
  }

  @ParameterizedTest(name = "the API server takes the merge patch {0}")
  @ValueSource(strings = {"{}", "{'a':null}", "[]", "[1]"})
  void takesObjectsAndArrays(String patch) {
    assertThat(MergePatch.refusal(json(patch))).isEmpty();
  }

  @Test
  void aJavaNullPatchIsJsonNull() {
    assertThat(MergePatch.apply(json("{'a':1}"), null)).isEqualTo(NullNode.getInstance());
  }

  @Test
  void anEmptyPatchChangesNothing() {
    assertThat(MergePatch.apply(deployment(), json("{}"))).isEqualTo(deployment());
  }

  @Test
  void theResultSharesNoNodeWithTheInputs() {
    JsonNode target = deployment();
    JsonNode patch = json("{'spec':{'selector':{'matchLabels':{'tier':'a'}}},'extra':{'b':[{}]}}");

    ObjectNode patched = (ObjectNode) MergePatch.apply(target, patch);
    ((ObjectNode) patched.at("/spec/selector/matchLabels")).put("mutated", true);
    ((ObjectNode) patched.at("/extra/b/0")).put("mutated", true);
    ((ObjectNode) patched.at("/metadata")).removeAll();

    assertThat(target).isEqualTo(deployment());
    assertThat(patch)
        .isEqualTo(json("{'spec':{'selector':{'matchLabels':{'tier':'a'}}},'extra':{'b':[{}]}}"));
  }
}
