package dev.troupe.core.patch;

import static dev.troupe.core.patch.PatchJson.deployment;
import static dev.troupe.core.patch.PatchJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.patch.JsonPatch.Failed;
import dev.troupe.core.patch.JsonPatch.Patched;
import dev.troupe.core.patch.JsonPatch.Problem;
import dev.troupe.core.patch.JsonPatch.Result;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonPatchTest {

  static JsonNode patched(JsonNode target, String operations) {
    Result result = JsonPatch.apply(target, json(operations));
    assertThat(result).isInstanceOf(Patched.class);
    return ((Patched) result).document();
  }

  static Failed failed(JsonNode target, String operations) {
    Result result = JsonPatch.apply(target, json(operations));
    assertThat(result).isInstanceOf(Failed.class);
    return (Failed) result;
  }

  /** RFC 6902 Appendix A, the examples that apply: target, patch, result. */
  static Stream<Arguments> rfc6902AppendixA() {
    return Stream.of(
        arguments(
            "A.1 adding an object member",
            "{'foo':'bar'}",
            "[{'op':'add','path':'/baz','value':'qux'}]",
            "{'baz':'qux','foo':'bar'}"),
        arguments(
            "A.2 adding an array element",
            "{'foo':['bar','baz']}",
            "[{'op':'add','path':'/foo/1','value':'qux'}]",
            "{'foo':['bar','qux','baz']}"),
        arguments(
            "A.3 removing an object member",
            "{'baz':'qux','foo':'bar'}",
            "[{'op':'remove','path':'/baz'}]",
            "{'foo':'bar'}"),
        arguments(
            "A.4 removing an array element",
            "{'foo':['bar','qux','baz']}",
            "[{'op':'remove','path':'/foo/1'}]",
            "{'foo':['bar','baz']}"),
        arguments(
            "A.5 replacing a value",
            "{'baz':'qux','foo':'bar'}",
            "[{'op':'replace','path':'/baz','value':'boo'}]",
            "{'baz':'boo','foo':'bar'}"),
        arguments(
            "A.6 moving a value",
            "{'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}}",
            "[{'op':'move','from':'/foo/waldo','path':'/qux/thud'}]",
            "{'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}"),
        arguments(
            "A.7 moving an array element",
            "{'foo':['all','grass','cows','eat']}",
            "[{'op':'move','from':'/foo/1','path':'/foo/3'}]",
            "{'foo':['all','cows','eat','grass']}"),
        arguments(
            "A.8 testing a value: success",
            "{'baz':'qux','foo':['a',2,'c']}",
            "[{'op':'test','path':'/baz','value':'qux'},{'op':'test','path':'/foo/1','value':2}]",
            "{'baz':'qux','foo':['a',2,'c']}"),
        arguments(
            "A.10 adding a nested member object",
            "{'foo':'bar'}",
            "[{'op':'add','path':'/child','value':{'grandchild':{}}}]",
            "{'foo':'bar','child':{'grandchild':{}}}"),
        arguments(
            "A.11 ignoring unrecognized elements",
            "{'foo':'bar'}",
            "[{'op':'add','path':'/baz','value':'qux','xyz':123}]",
            "{'foo':'bar','baz':'qux'}"),
        arguments(
            "A.14 ~ escape ordering",
            "{'/':9,'~1':10}",
            "[{'op':'test','path':'/~01','value':10}]",
            "{'/':9,'~1':10}"),
        arguments(
            "A.16 adding an array value",
            "{'foo':['bar']}",
            "[{'op':'add','path':'/foo/-','value':['abc','def']}]",
            "{'foo':['bar',['abc','def']]}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc6902AppendixA")
  void appliesTheExamplesOfRfc6902(String sentence, String target, String patch, String result) {
    assertThat(patched(json(target), patch)).isEqualTo(json(result));
  }

  /** RFC 6902 Appendix A, the examples that fail, with the API server's message. */
  static Stream<Arguments> rfc6902AppendixAErrors() {
    return Stream.of(
        arguments(
            "A.9 testing a value: error",
            "{'baz':'qux'}",
            "[{'op':'test','path':'/baz','value':'bar'}]",
            "testing value /baz failed: test failed"),
        arguments(
            "A.12 adding to a nonexistent target",
            "{'foo':'bar'}",
            "[{'op':'add','path':'/baz/bat','value':'qux'}]",
            "add operation does not apply: doc is missing path: \"/baz/bat\": missing value"),
        arguments(
            "A.13 invalid JSON patch document: the parser keeps the last op, remove",
            "{'foo':'bar'}",
            "[{'op':'add','path':'/baz','value':'qux','op':'remove'}]",
            "error in remove for path: '/baz': Unable to remove nonexistent key: baz: missing value"),
        arguments(
            "A.15 comparing strings and numbers",
            "{'/':9,'~1':10}",
            "[{'op':'test','path':'/~01','value':'10'}]",
            "testing value /~01 failed: test failed"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc6902AppendixAErrors")
  void failsTheFailingExamplesOfRfc6902(
      String sentence, String target, String patch, String message) {
    assertThat(failed(json(target), patch)).isEqualTo(new Failed(Problem.NOT_APPLICABLE, message));
  }

  /** Where evanphx/json-patch v4, and so the API server, departs from RFC 6902 or fills it in. */
  static Stream<Arguments> apiServerBehaviour() {
    return Stream.of(
        arguments(
            "replace of a missing object member adds it",
            "{'spec':{}}",
            "[{'op':'replace','path':'/spec/foo','value':1}]",
            "{'spec':{'foo':1}}"),
        arguments(
            "copy from a missing object member copies null",
            "{'a':{}}",
            "[{'op':'copy','from':'/a/nope','path':'/b'}]",
            "{'a':{},'b':null}"),
        arguments(
            "test of a missing member against null succeeds",
            "{'a':1}",
            "[{'op':'test','path':'/b','value':null}]",
            "{'a':1}"),
        arguments(
            "test of a null member against null succeeds",
            "{'a':null}",
            "[{'op':'test','path':'/a','value':null}]",
            "{'a':null}"),
        arguments(
            "a negative index counts from the end",
            "{'foo':['bar','qux','baz']}",
            "[{'op':'remove','path':'/foo/-2'}]",
            "{'foo':['bar','baz']}"),
        arguments(
            "add at index -1 appends",
            "{'foo':['bar']}",
            "[{'op':'add','path':'/foo/-1','value':'qux'}]",
            "{'foo':['bar','qux']}"),
        arguments(
            "indices are read as Go reads integers, signs and leading zeros included",
            "{'foo':['a','b','c']}",
            "[{'op':'replace','path':'/foo/+1','value':'B'},"
                + "{'op':'replace','path':'/foo/02','value':'C'}]",
            "{'foo':['a','B','C']}"),
        arguments(
            "the whole document is replaced by an object",
            "{'a':1}",
            "[{'op':'replace','path':'','value':{'b':2}}]",
            "{'b':2}"),
        arguments(
            "replacing the whole document with a scalar does nothing",
            "{'a':1}",
            "[{'op':'replace','path':'','value':3}]",
            "{'a':1}"),
        arguments(
            "the whole document can be tested",
            "{'a':[1,{'b':null}]}",
            "[{'op':'test','path':'','value':{'a':[1,{'b':null}]}}]",
            "{'a':[1,{'b':null}]}"),
        arguments(
            "text before the first slash is ignored",
            "{'a':1}",
            "[{'op':'add','path':'x/b','value':2}]",
            "{'a':1,'b':2}"),
        arguments(
            "an empty key is addressed by a lone slash",
            "{}",
            "[{'op':'add','path':'/','value':1}]",
            "{'':1}"),
        arguments(
            "a lone tilde stays a tilde",
            "{}",
            "[{'op':'add','path':'/a~b','value':1}]",
            "{'a~b':1}"),
        arguments(
            "add with a null value sets null",
            "{'a':1}",
            "[{'op':'add','path':'/a','value':null}]",
            "{'a':null}"),
        arguments(
            "moving a value onto itself changes nothing",
            "{'a':{'b':1}}",
            "[{'op':'move','from':'/a/b','path':'/a/b'}]",
            "{'a':{'b':1}}"),
        arguments(
            "a copy into an array inserts",
            "{'foo':['bar']}",
            "[{'op':'copy','from':'/foo','path':'/foo/0'}]",
            "{'foo':[['bar'],'bar']}"),
        arguments(
            "operations see the effect of the earlier ones",
            "{}",
            "[{'op':'add','path':'/a','value':{}},{'op':'add','path':'/a/b','value':[]},"
                + "{'op':'add','path':'/a/b/-','value':1},{'op':'test','path':'/a/b/0','value':1}]",
            "{'a':{'b':[1]}}"),
        arguments("an empty patch changes nothing", "{'a':1}", "[]", "{'a':1}"),
        arguments("a null body is an empty patch", "{'a':1}", "null", "{'a':1}"),
        arguments(
            "an array document is patched too",
            "[{'foo':['bar','qux']}]",
            "[{'op':'replace','path':'/0/foo/0','value':'bum'}]",
            "[{'foo':['bum','qux']}]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apiServerBehaviour")
  void behavesAsTheApiServer(String sentence, String target, String patch, String result) {
    assertThat(patched(json(target), patch)).isEqualTo(json(result));
  }

  @Test
  void kubectlRolloutUndoReplacesTheTemplateAndTheAnnotations() {
    String undo =
        """
        [{'op': 'replace', 'path': '/spec/template',
          'value': {'metadata': {'labels': {'app': 'web'}},
                    'spec': {'containers': [{'name': 'web', 'image': 'nginx:1.24'}]}}},
         {'op': 'replace', 'path': '/metadata/annotations',
          'value': {'deployment.kubernetes.io/revision': '1'}}]
        """;

    JsonNode rolledBack = patched(deployment(), undo);

    assertThat(rolledBack.at("/spec/template/spec/containers/0/image").textValue())
        .isEqualTo("nginx:1.24");
    assertThat(rolledBack.at("/metadata/annotations"))
        .isEqualTo(json("{'deployment.kubernetes.io/revision':'1'}"));
    assertThat(rolledBack.at("/spec/replicas").intValue()).isEqualTo(1);
  }

  @Test
  void kubectlRolloutUndoAddsAnnotationsToADeploymentWithout() {
    ObjectNode bare = (ObjectNode) deployment();
    ((ObjectNode) bare.get("metadata")).remove("annotations");

    JsonNode rolledBack =
        patched(bare, "[{'op':'replace','path':'/metadata/annotations','value':{'a':'b'}}]");

    assertThat(rolledBack.at("/metadata/annotations")).isEqualTo(json("{'a':'b'}"));
  }

  @Test
  void aGuardedScaleAppliesWhenTheTestHolds() {
    String scale =
        "[{'op':'test','path':'/spec/replicas','value':1},"
            + "{'op':'replace','path':'/spec/replicas','value':3}]";

    assertThat(patched(deployment(), scale).at("/spec/replicas").intValue()).isEqualTo(3);
  }

  @Test
  void aGuardedScaleFailsWholeWhenTheTestDoesNot() {
    String scale =
        "[{'op':'replace','path':'/spec/replicas','value':3},"
            + "{'op':'test','path':'/spec/replicas','value':1}]";

    assertThat(failed(deployment(), scale).message())
        .isEqualTo("testing value /spec/replicas failed: test failed");
  }

  @Test
  void aLabelKeyWithASlashIsEscaped() {
    String label = "[{'op':'add','path':'/metadata/labels/example.com~1tier','value':'front'}]";

    assertThat(patched(deployment(), label).at("/metadata/labels"))
        .isEqualTo(json("{'app':'web','example.com/tier':'front'}"));
  }

  @Test
  void theFirstFailingOperationIsReportedEvenBeforeAMalformedOne() {
    String patch = "[{'op':'test','path':'/spec/replicas','value':5},{'op':'frobnicate'}]";

    assertThat(failed(deployment(), patch).message())
        .isEqualTo("testing value /spec/replicas failed: test failed");
  }

  @Test
  void numbersTestEqualOnlyWhenBothAreIntegersOrBothAreNot() {
    assertThat(failed(json("{'a':1}"), "[{'op':'test','path':'/a','value':1.0}]").message())
        .isEqualTo("testing value /a failed: test failed");
    assertThat(patched(json("{'a':1.5}"), "[{'op':'test','path':'/a','value':1.50}]"))
        .isEqualTo(json("{'a':1.5}"));
    ObjectNode big = JsonNodeFactory.instance.objectNode().put("a", 7L);
    assertThat(patched(big, "[{'op':'test','path':'/a','value':7}]")).isEqualTo(big);
  }
}
