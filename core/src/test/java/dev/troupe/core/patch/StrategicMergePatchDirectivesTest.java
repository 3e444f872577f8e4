package dev.troupe.core.patch;

import static dev.troupe.core.patch.StrategicMergePatchFixtures.column;
import static dev.troupe.core.patch.StrategicMergePatchFixtures.patched;
import static dev.troupe.core.patch.StrategicMergePatchFixtures.refusal;
import static dev.troupe.core.patch.StrategicMergePatchFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The directives one by one, the order of merged lists (cases from apimachinery's own tests, with
 * letters for names), and the malformed patches with upstream's messages.
 */
class StrategicMergePatchDirectivesTest {

  /** A pod whose containers have these names (an "x" suffix marks a server-only extra field). */
  static JsonNode pod(String... names) {
    StringBuilder containers = new StringBuilder("{spec: {containers: [");
    for (String name : names) {
      containers.append("{name: ").append(name).append(", image: ").append(name).append("}, ");
    }
    return yaml(containers.append("]}}").toString());
  }

  static Stream<Arguments> containerOrders() {
    return Stream.of(
        arguments(
            "a changed item takes its place from $setElementOrder",
            List.of("a", "b", "c"),
            "{$setElementOrder/containers: [{name: b}, {name: c}, {name: a}],"
                + " containers: [{name: c, image: x}]}",
            List.of("b", "c", "a")),
        arguments(
            "an added and a deleted item follow $setElementOrder",
            List.of("a", "c", "b"),
            "{$setElementOrder/containers: [{name: d}, {name: b}, {name: a}],"
                + " containers: [{name: d, image: d}, {name: c, $patch: delete}]}",
            List.of("d", "b", "a")),
        arguments(
            "a server-only item at the end stays at the end",
            List.of("a", "c", "d", "b", "x"),
            "{$setElementOrder/containers: [{name: d}, {name: b}, {name: c}, {name: a}]}",
            List.of("d", "b", "c", "a", "x")),
        arguments(
            "a server-only item keeps its place among the ordered ones",
            List.of("a", "b", "x", "c", "d"),
            "{$setElementOrder/containers: [{name: b}, {name: a}, {name: d}, {name: c}]}",
            List.of("b", "a", "x", "d", "c")),
        arguments(
            "items the order leaves out are interleaved by their old places",
            List.of("a", "b", "c"),
            "{$setElementOrder/containers: [{name: c}, {name: a}]}",
            List.of("b", "c", "a")),
        arguments(
            "a new item without an order goes first",
            List.of("a", "b"),
            "{containers: [{name: c, image: c}]}",
            List.of("c", "a", "b")),
        arguments(
            "a new item goes where the order puts it",
            List.of("a", "b"),
            "{$setElementOrder/containers: [{name: a}, {name: c}, {name: b}],"
                + " containers: [{name: c, image: c}]}",
            List.of("a", "c", "b")),
        arguments(
            "a changed item without an order keeps its place",
            List.of("a", "b", "c"),
            "{containers: [{name: b, image: x}]}",
            List.of("a", "b", "c")),
        arguments(
            "every entry with a deleted name goes",
            List.of("a", "a", "b", "c", "c"),
            "{containers: [{name: a, $patch: delete}, {name: c, $patch: delete}]}",
            List.of("b")),
        arguments(
            "deleting a name that is not there changes nothing",
            List.of("a", "b"),
            "{containers: [{name: z, $patch: delete}]}",
            List.of("a", "b")),
        arguments(
            "a lone $patch replace empties the list",
            List.of("a", "b"),
            "{containers: [{$patch: replace}]}",
            List.of()),
        arguments(
            "an empty list merges into the list without changing it",
            List.of("a", "b"),
            "{containers: []}",
            List.of("a", "b")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("containerOrders")
  void mergedListsAreOrderedAsUpstreamOrdersThem(
      String sentence, List<String> names, String specPatch, List<String> expected) {
    JsonNode patch = yaml("{spec: " + specPatch + "}");

    JsonNode result = patched("Pod", pod(names.toArray(String[]::new)), patch);

    assertThat(column(result, "/spec/containers", "name")).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> finalizerPatches() {
    return Stream.of(
        arguments("a set gains new values first", "[a, b]", "{finalizers: [c, a]}", "[c, a, b]"),
        arguments(
            "$deleteFromPrimitiveList removes values",
            "[a, b, c]",
            "{$deleteFromPrimitiveList/finalizers: [b, c]}",
            "[a]"),
        arguments(
            "$deleteFromPrimitiveList of a missing value adds nothing",
            "[a, b]",
            "{$deleteFromPrimitiveList/finalizers: [z]}",
            "[a, b]"),
        arguments(
            "$setElementOrder reorders a set",
            "[a, b, c]",
            "{$setElementOrder/finalizers: [b, c, a]}",
            "[b, c, a]"),
        arguments(
            "$setElementOrder ignores values the list does not have",
            "[a, c]",
            "{$setElementOrder/finalizers: [c, b, a]}",
            "[c, a]"),
        arguments(
            "additions, deletions and order together",
            "[a, b, c]",
            "{$setElementOrder/finalizers: [d, a], finalizers: [d],"
                + " $deleteFromPrimitiveList/finalizers: [b, c]}",
            "[d, a]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("finalizerPatches")
  void finalizersAreASetOfPrimitives(
      String sentence, String finalizers, String metadataPatch, String expected) {
    JsonNode result =
        patched(
            "Namespace",
            yaml("{metadata: {name: ns, finalizers: " + finalizers + "}}"),
            yaml("{metadata: " + metadataPatch + "}"));

    assertThat(result.at("/metadata/finalizers")).isEqualTo(yaml(expected));
  }

  @Test
  void deleteFromPrimitiveListWorksOnAReplacedListToo() {
    JsonNode result =
        patched(
            "Pod",
            "{spec: {containers: [{name: a, args: [x, y, z]}]}}",
            "{spec: {containers: [{name: a, $deleteFromPrimitiveList/args: [y]}]}}");

    assertThat(result.at("/spec/containers/0/args")).isEqualTo(yaml("[x, z]"));
  }

  @Test
  void patchDeleteEmptiesAMapThatIsThereAndAddsNoneWhereThereIsNone() {
    JsonNode result =
        patched(
            "Deployment",
            "{spec: {strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1}}}}",
            "{spec: {strategy: {rollingUpdate: {$patch: delete}}, template: {$patch: delete}}}");

    assertThat(result.get("spec"))
        .isEqualTo(yaml("{strategy: {type: RollingUpdate, rollingUpdate: {}}}"));
  }

  @Test
  void retainKeysKeepsListedKeysTheOriginalHas() {
    JsonNode result =
        patched(
            "Deployment",
            "{spec: {strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1}}}}",
            "{spec: {strategy: {$retainKeys: [type, rollingUpdate], type: RollingUpdate}}}");

    assertThat(result.at("/spec/strategy"))
        .isEqualTo(yaml("{type: RollingUpdate, rollingUpdate: {maxSurge: 1}}"));
  }

  @Test
  void retainKeysSwitchesTheSourceOfAVolume() {
    JsonNode result =
        patched(
            "Pod",
            "{spec: {volumes: [{name: data, emptyDir: {}}, {name: tmp, emptyDir: {}}]}}",
            """
            {"spec":{"$setElementOrder/volumes":[{"name":"data"},{"name":"tmp"}],
              "volumes":[{"$retainKeys":["configMap","name"],"configMap":{"name":"cfg"},
                          "emptyDir":null,"name":"data"}]}}
            """);

    assertThat(result.at("/spec/volumes"))
        .isEqualTo(yaml("[{name: data, configMap: {name: cfg}}, {name: tmp, emptyDir: {}}]"));
  }

  @Test
  void directivesInsideNewPartsAreConsumed() {
    JsonNode result =
        patched(
            "Pod",
            "{spec: {containers: [{name: a}]}}",
            """
            {"spec":{"initContainers":[{"name":"gone","$patch":"delete"},{"name":"init","env":null}],
              "containers":[{"name":"b","$setElementOrder/env":[{"name":"X"}],
                             "env":[{"name":"X","value":"1","valueFrom":null}]}],
              "affinity":{"$patch":"replace","nodeAffinity":{}},
              "securityContext":{"$retainKeys":["runAsUser"],"runAsUser":1000}}}
            """);

    assertThat(result.get("spec"))
        .isEqualTo(
            yaml(
                """
                containers:
                - {name: b, env: [{name: X, value: "1"}]}
                - {name: a}
                initContainers: [{name: init}]
                securityContext: {runAsUser: 1000}
                """));
  }

  @Test
  void anUnknownDirectiveIsIgnored() {
    JsonNode result = patched("Pod", "{spec: {restartPolicy: Always}}", "{spec: {$foo: bar}}");

    assertThat(result).isEqualTo(yaml("{spec: {restartPolicy: Always}}"));
  }

  @Test
  void aReplacedListIsTakenWithoutItsNullsOrDirectives() {
    JsonNode result =
        patched(
            "Pod",
            "{spec: {tolerations: [{key: a}]}}",
            "{spec: {tolerations: [{key: b, value: null, $patch: delete}]}}");

    assertThat(result.at("/spec/tolerations")).isEqualTo(yaml("[{key: b}]"));
  }

  static Stream<Arguments> malformedPatches() {
    String containers = "{spec: {containers: [{name: web, image: a}, {name: b}, {name: c}]}}";
    String strategy = "{spec: {strategy: {type: RollingUpdate}}}";
    return Stream.of(
        arguments(
            "a merge-list element without its merge key",
            containers,
            "{\"spec\":{\"containers\":[{\"image\":\"nginx\"}]}}",
            "map: map[image:nginx] does not contain declared merge key: name"),
        arguments(
            "a deletion without its merge key",
            containers,
            "{\"spec\":{\"containers\":[{\"$patch\":\"delete\",\"image\":\"x\"}]}}",
            "map: map[$patch:delete image:x] does not contain declared merge key: name"),
        arguments(
            "an unknown $patch on a map",
            containers,
            "{\"spec\":{\"$patch\":\"nope\"}}",
            "unknown patch type: nope in map: map[$patch:nope]"),
        arguments(
            "$patch merge on a map (upstream takes only replace and delete there)",
            containers,
            "{\"spec\":{\"$patch\":\"merge\"}}",
            "unknown patch type: merge in map: map[$patch:merge]"),
        arguments(
            "a $patch that is not a string",
            containers,
            "{\"spec\":{\"$patch\":1}}",
            "unknown patch type: %!s(int64=1) in map: map[$patch:1]"),
        arguments(
            "$patch merge in a list",
            containers,
            "{\"spec\":{\"containers\":[{\"$patch\":\"merge\"}]}}",
            "merging lists cannot yet be specified in the patch"),
        arguments(
            "an unknown $patch in a list",
            containers,
            "{\"spec\":{\"containers\":[{\"$patch\":\"nope\",\"name\":\"web\"}]}}",
            "unknown patch type: nope in map: map[$patch:nope name:web]"),
        arguments(
            "$retainKeys that is not a list",
            strategy,
            "{\"spec\":{\"strategy\":{\"$retainKeys\":\"type\"}}}",
            "invalid patch format of retainKeys"),
        arguments(
            "a patched field missing from $retainKeys",
            strategy,
            "{\"spec\":{\"strategy\":{\"$retainKeys\":[\"type\"],\"rollingUpdate\":{}}}}",
            "invalid patch format of retainKeys"),
        arguments(
            "an order that contradicts the patch list",
            containers,
            "{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"web\"},{\"name\":\"b\"}],"
                + "\"containers\":[{\"name\":\"b\"},{\"name\":\"web\"}]}}",
            "The order in patch list:\n[map[name:b] map[name:web]]\n doesn't match"
                + " $setElementOrder list:\n[map[name:web] map[name:b]]\n"),
        arguments(
            "a $setElementOrder that is not a list",
            containers,
            "{\"spec\":{\"$setElementOrder/containers\":\"web\"}}",
            "expected a []interface {}, but received a string"),
        arguments(
            "a $setElementOrder key without a list name",
            containers,
            "{\"spec\":{\"$setElementOrder\":[]}}",
            "invalid patch format of setElementOrder list"),
        arguments(
            "a $deleteFromPrimitiveList key without a list name",
            "{metadata: {finalizers: [a]}}",
            "{\"metadata\":{\"$deleteFromPrimitiveList\":[\"a\"]}}",
            "invalid patch format of primitive list"),
        arguments(
            "a list of lists",
            "{metadata: {finalizers: []}}",
            "{\"metadata\":{\"finalizers\":[[\"a\"]]}}",
            "lists of lists are not supported"),
        arguments(
            "elements of two types",
            containers,
            "{\"spec\":{\"containers\":[\"web\"]}}",
            "list element types are not identical:"
                + " [[map[image:a name:web] map[name:b] map[name:c]] [web]]"),
        arguments(
            "an order for an empty list",
            "{metadata: {finalizers: []}}",
            "{\"metadata\":{\"$setElementOrder/finalizers\":[]}}",
            "no elements in any of the given slices"),
        arguments("a patch that is not an object", containers, "[]", "invalid JSON document"));
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("malformedPatches")
  void malformedPatchesAreRefusedWithUpstreamsMessage(
      String sentence, String original, String patch, String message) {
    assertThat(refusal("Pod", original, patch)).isEqualTo(message);
  }

  @Test
  void aKindWithoutPatchMetadataIsRefused() {
    assertThat(refusal("Widget", "{}", "{}"))
        .isEqualTo("strategic merge patch format is not supported");
    assertThat(refusal(null, "{}", "{}"))
        .isEqualTo("strategic merge patch format is not supported");
  }

  @Test
  void aMissingOrNullPatchChangesNothing() {
    JsonNode original = pod("a");
    List<StrategicMergePatch.Result> results = new ArrayList<>();
    results.add(StrategicMergePatch.apply(original, null, "Pod"));
    results.add(StrategicMergePatch.apply(original, yaml("null"), "Pod"));

    assertThat(results)
        .allSatisfy(result -> assertThat(result.value()).isEqualTo(original).isNotSameAs(original));
  }
}
