package dev.troupe.core.patch;

import static dev.troupe.core.patch.PatchJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.patch.JsonPatch.Failed;
import dev.troupe.core.patch.JsonPatch.Operation;
import dev.troupe.core.patch.JsonPatch.Parsed;
import dev.troupe.core.patch.JsonPatch.Problem;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonPatchParseTest {

  @Test
  void readsEveryKindOfOperation() {
    JsonNode patch =
        json(
            """
            [{'op':'add','path':'/a','value':{'b':1}},
             {'op':'remove','path':'/a/b','value':'ignored'},
             {'op':'replace','path':'/c','value':null},
             {'op':'move','from':'/c','path':'/d'},
             {'op':'copy','from':'/d','path':'/e'},
             {'op':'test','path':'/e','value':null,'comment':'ignored'}]
            """);

    assertThat(JsonPatch.parse(patch))
        .isEqualTo(
            new Parsed(
                List.of(
                    new Operation("add", "/a", null, json("{'b':1}")),
                    new Operation("remove", "/a/b", null, null),
                    new Operation("replace", "/c", null, json("null")),
                    new Operation("move", "/d", "/c", null),
                    new Operation("copy", "/e", "/d", null),
                    new Operation("test", "/e", null, json("null")))));
  }

  @Test
  void readsANullBodyAsNoOperations() {
    assertThat(JsonPatch.parse(json("null"))).isEqualTo(new Parsed(List.of()));
    assertThat(JsonPatch.parse(null)).isEqualTo(new Parsed(List.of()));
  }

  @Test
  void copiesTheValuesItReads() {
    JsonNode patch = json("[{'op':'add','path':'/a','value':{'b':1}}]");

    Parsed parsed = (Parsed) JsonPatch.parse(patch);
    ((ObjectNode) parsed.operations().get(0).value()).put("mutated", true);

    assertThat(patch).isEqualTo(json("[{'op':'add','path':'/a','value':{'b':1}}]"));
  }

  static Stream<Arguments> problems() {
    return Stream.of(
        arguments(
            "a body that is an object",
            "{'op':'add','path':'/a','value':1}",
            Problem.MALFORMED,
            "json: cannot unmarshal object into Go value of type jsonpatch.Patch"),
        arguments(
            "a body that is a number",
            "7",
            Problem.MALFORMED,
            "json: cannot unmarshal number into Go value of type jsonpatch.Patch"),
        arguments(
            "an operation that is a string",
            "['add']",
            Problem.MALFORMED,
            "json: cannot unmarshal string into Go value of type jsonpatch.Operation"),
        arguments(
            "an unknown op",
            "[{'op':'merge','path':'/a'}]",
            Problem.NOT_APPLICABLE,
            "Unexpected kind: merge"),
        arguments(
            "an op in capitals",
            "[{'op':'ADD','path':'/a','value':1}]",
            Problem.NOT_APPLICABLE,
            "Unexpected kind: ADD"),
        arguments(
            "a missing op", "[{'path':'/a'}]", Problem.NOT_APPLICABLE, "Unexpected kind: unknown"),
        arguments(
            "a missing path",
            "[{'op':'remove'}]",
            Problem.NOT_APPLICABLE,
            "remove operation failed to decode path: missing value"),
        arguments(
            "a null path",
            "[{'op':'test','path':null,'value':1}]",
            Problem.NOT_APPLICABLE,
            "test operation failed to decode path: operation missing path field: missing value"),
        arguments(
            "a missing value",
            "[{'op':'add','path':'/a'}]",
            Problem.NOT_APPLICABLE,
            "add operation failed to decode value: operation, missing value field: missing value"),
        arguments(
            "a missing from",
            "[{'op':'copy','path':'/a'}]",
            Problem.NOT_APPLICABLE,
            "copy operation failed to decode from: operation, missing from field: missing value"),
        arguments(
            "a from that is not a string",
            "[{'op':'move','from':['a'],'path':'/a'}]",
            Problem.NOT_APPLICABLE,
            "move operation failed to decode from: json: cannot unmarshal array into Go value of"
                + " type string"),
        arguments(
            "a good operation before a bad one",
            "[{'op':'remove','path':'/a'},{'op':'remove'}]",
            Problem.NOT_APPLICABLE,
            "remove operation failed to decode path: missing value"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void reportsTheFirstProblem(String sentence, String patch, Problem problem, String message) {
    assertThat(JsonPatch.parse(json(patch))).isEqualTo(new Failed(problem, message));
  }
}
