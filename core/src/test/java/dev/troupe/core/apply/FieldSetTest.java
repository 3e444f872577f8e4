package dev.troupe.core.apply;

import static dev.troupe.core.apply.ApplyFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldSetTest {

  static final String NGINX =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: nginx-deployment
        namespace: default
        uid: 0b6b3e2c-0000-4000-8000-000000000001
        resourceVersion: "7"
        labels: {app: nginx}
        finalizers: [example.com/protect]
      spec:
        replicas: 3
        selector: {matchLabels: {app: nginx}}
        template:
          metadata: {labels: {app: nginx}}
          spec:
            containers:
            - name: nginx
              image: nginx:1.14.2
              ports:
              - containerPort: 80
              resources: {}
              args: [--verbose]
      status: {replicas: 3}
      """;

  @Test
  void anAppliedConfigurationOwnsItsLeavesAndItsListItemsButNotItsIdentityOrStatus() {
    assertThat(FieldSet.of(yaml(NGINX), "Deployment").paths())
        .map(FieldPath::toString)
        .containsExactly(
            ".metadata.finalizers[=\"example.com/protect\"]",
            ".metadata.labels.app",
            ".spec.replicas",
            ".spec.selector.matchLabels.app",
            ".spec.template.metadata.labels.app",
            ".spec.template.spec.containers[name=\"nginx\"]",
            ".spec.template.spec.containers[name=\"nginx\"].args",
            ".spec.template.spec.containers[name=\"nginx\"].image",
            ".spec.template.spec.containers[name=\"nginx\"].name",
            ".spec.template.spec.containers[name=\"nginx\"].resources",
            ".spec.template.spec.containers[name=\"nginx\"].ports[containerPort=80]",
            ".spec.template.spec.containers[name=\"nginx\"].ports[containerPort=80].containerPort");
  }

  @Test
  void fieldsV1MarksAnOwnedItemWithOwnedFieldsWithADot() {
    assertThat(FieldSet.of(yaml(NGINX), "Deployment").toFieldsV1())
        .isEqualTo(
            yaml(
                """
                f:metadata:
                  f:finalizers:
                    v:"example.com/protect": {}
                  f:labels:
                    f:app: {}
                f:spec:
                  f:replicas: {}
                  f:selector:
                    f:matchLabels:
                      f:app: {}
                  f:template:
                    f:metadata:
                      f:labels:
                        f:app: {}
                    f:spec:
                      f:containers:
                        k:{"name":"nginx"}:
                          .: {}
                          f:args: {}
                          f:image: {}
                          f:name: {}
                          f:ports:
                            k:{"containerPort":80}:
                              .: {}
                              f:containerPort: {}
                          f:resources: {}
                """));
  }

  @Test
  void fieldsV1ReadsBackToTheSameSet() {
    FieldSet set = FieldSet.of(yaml(NGINX), "Deployment");
    assertThat(FieldSet.fromFieldsV1(set.toFieldsV1())).isEqualTo(set);
    assertThat(FieldSet.fromFieldsV1(set.toFieldsV1()).toFieldsV1()).isEqualTo(set.toFieldsV1());
  }

  @Test
  void fieldsV1WrittenByKubernetesReadsAsItsPaths() {
    FieldSet set =
        FieldSet.fromFieldsV1(
            yaml(
                """
                f:metadata:
                  f:labels:
                    .: {}
                    f:app: {}
                f:spec:
                  f:ports:
                    k:{"port":80,"protocol":"TCP"}:
                      .: {}
                      f:port: {}
                  f:future:
                    x:unknown: {}
                """));
    assertThat(set.paths())
        .map(FieldPath::toString)
        .containsExactly(
            ".metadata.labels",
            ".metadata.labels.app",
            ".spec.future",
            ".spec.ports[port=80,protocol=\"TCP\"]",
            ".spec.ports[port=80,protocol=\"TCP\"].port");
  }

  static Stream<Arguments> malformedFieldsV1() {
    return Stream.of(
        arguments("[]", "fieldsV1 is not an object: []"),
        arguments("{\"f:spec\": 1}", "the value of f:spec is not an object: 1"),
        arguments("{\"spec\": {}}", "missing colon: spec"),
        arguments("{\"k:[1]\": {}}", "the key of a list item is not an object: k:[1]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedFieldsV1")
  void malformedFieldsV1IsRefused(String json, String message) {
    assertThatThrownBy(() -> FieldSet.fromFieldsV1(yaml(json)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  static final FieldPath REPLICAS = FieldPath.fields("spec", "replicas");
  static final FieldPath PAUSED = FieldPath.fields("spec", "paused");
  static final FieldPath WEB =
      FieldPath.fields("spec", "containers")
          .append(PathElement.key("name", TextNode.valueOf("web")));
  static final FieldPath WEB_IMAGE = WEB.field("image");

  @Test
  void setsUniteSubtractAndIntersectPathByPath() {
    FieldSet first = FieldSet.ofPaths(REPLICAS, WEB, WEB_IMAGE);
    FieldSet second = FieldSet.ofPaths(PAUSED, WEB_IMAGE);

    assertThat(first.union(second).paths()).containsExactly(PAUSED, REPLICAS, WEB, WEB_IMAGE);
    assertThat(first.minus(second).paths()).containsExactly(REPLICAS, WEB);
    assertThat(first.intersect(second).paths()).containsExactly(WEB_IMAGE);
    assertThat(first.minus(first).isEmpty()).isTrue();
    assertThat(first.has(WEB)).isTrue();
    assertThat(first.has(FieldPath.fields("spec"))).isFalse();
  }

  @Test
  void removingAnItemDoesNotRemoveTheFieldsInsideIt() {
    assertThat(FieldSet.ofPaths(WEB, WEB_IMAGE).minus(FieldSet.ofPaths(WEB)).paths())
        .containsExactly(WEB_IMAGE);
  }

  static Stream<Arguments> printedPaths() {
    return Stream.of(
        arguments(REPLICAS, ".spec.replicas"),
        arguments(WEB_IMAGE, ".spec.containers[name=\"web\"].image"),
        arguments(FieldPath.fields("metadata", "labels", "app"), ".metadata.labels.app"),
        arguments(
            FieldPath.fields("spec", "ports").append(PathElement.key("port", IntNode.valueOf(80))),
            ".spec.ports[port=80]"),
        arguments(
            FieldPath.fields("metadata", "finalizers")
                .append(PathElement.value(TextNode.valueOf("a\"b"))),
            ".metadata.finalizers[=\"a\\\"b\"]"),
        arguments(FieldPath.fields("spec", "args").append(PathElement.index(0)), ".spec.args[0]"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("printedPaths")
  void pathsPrintAsKubernetesPrintsThemInConflicts(FieldPath path, String text) {
    assertThat(path).hasToString(text);
  }

  @Test
  void keysSerializeAsCompactJsonWithSortedFields() {
    PathElement key = PathElement.key(yaml("{protocol: TCP, containerPort: 80}"));
    assertThat(key.serialize()).isEqualTo("k:{\"containerPort\":80,\"protocol\":\"TCP\"}");
    assertThat(PathElement.parse(key.serialize())).contains(key);
    assertThat(PathElement.key("port", yaml("80.0")))
        .isEqualTo(PathElement.key("port", yaml("80")));
  }

  @Test
  void elementsSortFieldsFirstThenKeysThenValues() {
    List<PathElement> sorted =
        Stream.of(
                PathElement.value(TextNode.valueOf("b")),
                PathElement.key("name", TextNode.valueOf("web")),
                PathElement.field("z"),
                PathElement.key("name", TextNode.valueOf("api")),
                PathElement.field("a"))
            .sorted()
            .toList();
    assertThat(sorted)
        .map(PathElement::serialize)
        .containsExactly("f:a", "f:z", "k:{\"name\":\"api\"}", "k:{\"name\":\"web\"}", "v:\"b\"");
  }
}
