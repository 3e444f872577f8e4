package dev.troupe.core.patch;

import static dev.troupe.core.patch.PatchJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.patch.JsonPatch.Failed;
import dev.troupe.core.patch.JsonPatch.Problem;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message {@link JsonPatch#apply} can show, word for word. All but the missing-value ones are
 * evanphx/json-patch v4.12.0's (and Go's decoder's), which the API server passes on.
 */
class JsonPatchMessagesTest {

  private static final String DOC = "{'a':{'x':1},'list':[0,1,2],'spec':{'replicas':1}}";

  static Stream<Arguments> messages() {
    return Stream.of(
        arguments(
            "an unknown op", "[{'op':'frobnicate','path':'/a'}]", "Unexpected kind: frobnicate"),
        arguments("a missing op", "[{'path':'/a'}]", "Unexpected kind: unknown"),
        arguments(
            "an op that is not a string", "[{'op':1,'path':'/a'}]", "Unexpected kind: unknown"),
        arguments("a null operation", "[null]", "Unexpected kind: unknown"),
        arguments(
            "add without path",
            "[{'op':'add','value':1}]",
            "add operation failed to decode path: missing value"),
        arguments(
            "add with a path that is not a string",
            "[{'op':'add','path':3,'value':1}]",
            "add operation failed to decode path: missing value"),
        arguments(
            "add without value",
            "[{'op':'add','path':'/b'}]",
            "add operation failed to decode value: operation, missing value field: missing value"),
        arguments(
            "add under a missing parent",
            "[{'op':'add','path':'/b/c','value':1}]",
            "add operation does not apply: doc is missing path: \"/b/c\": missing value"),
        arguments(
            "add to the whole document",
            "[{'op':'add','path':'','value':{}}]",
            "add operation does not apply: doc is missing path: \"\": missing value"),
        arguments(
            "add past the end of an array",
            "[{'op':'add','path':'/list/4','value':1}]",
            "error in add for path: '/list/4': Unable to access invalid index: 4: invalid index"
                + " referenced"),
        arguments(
            "add at an index that is not a number",
            "[{'op':'add','path':'/list/x','value':1}]",
            "error in add for path: '/list/x': value was not a proper array index: 'x':"
                + " strconv.Atoi: parsing \"x\": invalid syntax"),
        arguments(
            "remove without path",
            "[{'op':'remove'}]",
            "remove operation failed to decode path: missing value"),
        arguments(
            "remove under a missing parent",
            "[{'op':'remove','path':'/b/c'}]",
            "remove operation does not apply: doc is missing path: \"/b/c\": missing value"),
        arguments(
            "remove of a missing member",
            "[{'op':'remove','path':'/a/y'}]",
            "error in remove for path: '/a/y': Unable to remove nonexistent key: y: missing value"),
        arguments(
            "remove at the end marker",
            "[{'op':'remove','path':'/list/-'}]",
            "error in remove for path: '/list/-': strconv.Atoi: parsing \"-\": invalid syntax"),
        arguments(
            "remove past the end of an array",
            "[{'op':'remove','path':'/list/3'}]",
            "error in remove for path: '/list/3': Unable to access invalid index: 3: invalid index"
                + " referenced"),
        arguments(
            "remove before the start of an array",
            "[{'op':'remove','path':'/list/-4'}]",
            "error in remove for path: '/list/-4': Unable to access invalid index: -4: invalid"
                + " index referenced"),
        arguments(
            "remove at an index too big for Go",
            "[{'op':'remove','path':'/list/99999999999999999999'}]",
            "error in remove for path: '/list/99999999999999999999': strconv.Atoi: parsing"
                + " \"99999999999999999999\": value out of range"),
        arguments(
            "replace without path",
            "[{'op':'replace','value':1}]",
            "replace operation failed to decode path: operation missing path field: missing value"),
        arguments(
            "replace with a path that is not a string",
            "[{'op':'replace','path':3,'value':1}]",
            "replace operation failed to decode path: json: cannot unmarshal number into Go value"
                + " of type string"),
        arguments(
            "replace without value",
            "[{'op':'replace','path':'/a'}]",
            "replace operation failed to decode value: operation, missing value field: missing"
                + " value"),
        arguments(
            "replace under a missing parent",
            "[{'op':'replace','path':'/spec/foo/bar','value':1}]",
            "replace operation does not apply: doc is missing path: /spec/foo/bar: missing value"),
        arguments(
            "replace past the end of an array",
            "[{'op':'replace','path':'/list/3','value':1}]",
            "replace operation does not apply: doc is missing key: /list/3: missing value"),
        arguments(
            "move without from",
            "[{'op':'move','path':'/b'}]",
            "move operation failed to decode from: operation, missing from field: missing value"),
        arguments(
            "move with a from that is not a string",
            "[{'op':'move','from':true,'path':'/b'}]",
            "move operation failed to decode from: json: cannot unmarshal bool into Go value of"
                + " type string"),
        arguments(
            "move from under a missing parent",
            "[{'op':'move','from':'/b/c','path':'/d'}]",
            "move operation does not apply: doc is missing from path: /b/c: missing value"),
        arguments(
            "move of a missing member",
            "[{'op':'move','from':'/a/y','path':'/d'}]",
            "error in move for path: 'y': Unable to remove nonexistent key: y: missing value"),
        arguments(
            "move from past the end of an array",
            "[{'op':'move','from':'/list/3','path':'/d'}]",
            "error in move for path: '3': Unable to access invalid index: 3: invalid index"
                + " referenced"),
        arguments(
            "move without path",
            "[{'op':'move','from':'/a/x'}]",
            "move operation failed to decode path: operation missing path field: missing value"),
        arguments(
            "move under a missing parent",
            "[{'op':'move','from':'/a/x','path':'/b/c'}]",
            "move operation does not apply: doc is missing destination path: /b/c: missing value"),
        arguments(
            "move into itself",
            "[{'op':'move','from':'/a','path':'/a/x'}]",
            "move operation does not apply: doc is missing destination path: /a/x: missing value"),
        arguments(
            "move past the end of an array",
            "[{'op':'move','from':'/a/x','path':'/list/9'}]",
            "error in move for path: '/list/9': Unable to access invalid index: 9: invalid index"
                + " referenced"),
        arguments(
            "copy without from",
            "[{'op':'copy','path':'/b'}]",
            "copy operation failed to decode from: operation, missing from field: missing value"),
        arguments(
            "copy from under a missing parent",
            "[{'op':'copy','from':'/b/c','path':'/d'}]",
            "copy operation does not apply: doc is missing from path: /b/c: missing value"),
        arguments(
            "copy from past the end of an array",
            "[{'op':'copy','from':'/list/9','path':'/d'}]",
            "error in copy for from: '/list/9': Unable to access invalid index: 9: invalid index"
                + " referenced"),
        arguments(
            "copy without path",
            "[{'op':'copy','from':'/a'}]",
            "copy operation failed to decode path: missing value"),
        arguments(
            "copy under a missing parent",
            "[{'op':'copy','from':'/a','path':'/b/c'}]",
            "copy operation does not apply: doc is missing destination path: /b/c: missing value"),
        arguments(
            "copy past the end of an array",
            "[{'op':'copy','from':'/a','path':'/list/9'}]",
            "error while adding value during copy: Unable to access invalid index: 9: invalid"
                + " index referenced"),
        arguments(
            "test without path",
            "[{'op':'test','value':1}]",
            "test operation failed to decode path: operation missing path field: missing value"),
        arguments(
            "test without value",
            "[{'op':'test','path':'/a'}]",
            "test operation failed to decode value: operation, missing value field: missing value"),
        arguments(
            "test under a missing parent",
            "[{'op':'test','path':'/b/c','value':1}]",
            "test operation does not apply: is missing path: /b/c: missing value"),
        arguments(
            "test past the end of an array",
            "[{'op':'test','path':'/list/7','value':1}]",
            "error in test for path: '/list/7': Unable to access invalid index: 7: invalid index"
                + " referenced"),
        arguments(
            "test of a different value",
            "[{'op':'test','path':'/spec/replicas','value':2}]",
            "testing value /spec/replicas failed: test failed"),
        arguments(
            "test of a missing member against a value",
            "[{'op':'test','path':'/spec/paused','value':true}]",
            "testing value /spec/paused failed: test failed"),
        arguments(
            "test of the whole document",
            "[{'op':'test','path':'','value':{}}]",
            "testing value  failed: test failed"),
        arguments(
            "a quote in an index is escaped as Go quotes it",
            "[{'op':'remove','path':'/list/a\"b'}]",
            "error in remove for path: '/list/a\"b': strconv.Atoi: parsing \"a\\\"b\": invalid"
                + " syntax"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void reportsTheApiServersMessage(String sentence, String patch, String message) {
    assertThat(JsonPatch.apply(json(DOC), json(patch)))
        .isEqualTo(new Failed(Problem.NOT_APPLICABLE, message));
  }

  static Stream<Arguments> malformedBodies() {
    return Stream.of(
        arguments(
            "an object body",
            "{'op':'add'}",
            "json: cannot unmarshal object into Go value of type jsonpatch.Patch"),
        arguments(
            "a string body",
            "'add'",
            "json: cannot unmarshal string into Go value of type jsonpatch.Patch"),
        arguments(
            "a number among the operations",
            "[{'op':'remove','path':'/a'},1]",
            "json: cannot unmarshal number into Go value of type jsonpatch.Operation"),
        arguments(
            "an array among the operations",
            "[[]]",
            "json: cannot unmarshal array into Go value of type jsonpatch.Operation"),
        arguments(
            "a boolean among the operations",
            "[true]",
            "json: cannot unmarshal bool into Go value of type jsonpatch.Operation"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBodies")
  void reportsABodyThatIsNotAPatchAsGoDecodesIt(String sentence, String patch, String message) {
    assertThat(JsonPatch.apply(json(DOC), json(patch)))
        .isEqualTo(new Failed(Problem.MALFORMED, message));
  }

  @Test
  void refusesMoreThanTenThousandOperations() {
    ArrayNode operations = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i <= JsonPatch.MAX_OPERATIONS; i++) {
      operations.addObject().put("op", "test").put("path", "/a/x").put("value", 1);
    }

    assertThat(JsonPatch.apply(json(DOC), operations))
        .isEqualTo(
            new Failed(
                Problem.TOO_MANY_OPERATIONS,
                "The allowed maximum operations in a JSON patch is 10000, got 10001"));
  }

  @Test
  void refusesCopiesAddingMoreThanThreeMebibytes() {
    ObjectNode doc = JsonNodeFactory.instance.objectNode().put("big", "A".repeat(1024 * 1024));
    doc.putArray("c");
    String copy = "{'op':'copy','from':'/big','path':'/c/-'}";

    assertThat(JsonPatch.apply(doc, json("[" + copy + "," + copy + "]")))
        .isInstanceOf(JsonPatch.Patched.class);
    assertThat(JsonPatch.apply(doc, json("[" + copy + "," + copy + "," + copy + "]")))
        .isEqualTo(
            new Failed(
                Problem.NOT_APPLICABLE,
                "Unable to complete the copy, the accumulated size increase of copy is 3145734,"
                    + " exceeding the limit 3145728"));
  }

  @Test
  void refusesADocumentThatIsNotAnObjectOrArray() {
    assertThat(JsonPatch.apply(json("'text'"), json("[]")))
        .isEqualTo(
            new Failed(
                Problem.NOT_APPLICABLE,
                "json: cannot unmarshal string into Go value of type jsonpatch.partialDoc"));
  }
}
