package dev.troupe.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.Pod;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UnknownFieldsTest {

  static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static Stream<Arguments> bodies() {
    return Stream.of(
        arguments("a field unknown to the spec", "{'spec':{'foo':1}}", List.of("spec.foo")),
        arguments("a field unknown to the pod itself", "{'kind':'Pod','foo':1}", List.of("foo")),
        arguments(
            "a misspelt label map",
            "{'metadata':{'labelz':{'a':'b'}}}",
            List.of("metadata.labelz")),
        arguments(
            "a misspelt container field, with the container's index",
            "{'spec':{'containers':[{'name':'a','imagee':'x'}]}}",
            List.of("spec.containers[0].imagee")),
        arguments(
            "a field of the second container",
            "{'spec':{'containers':[{'name':'a'},{'name':'b','portz':[]}]}}",
            List.of("spec.containers[1].portz")),
        arguments(
            "a field of an init container",
            "{'spec':{'initContainers':[{'name':'a','comand':['x']}]}}",
            List.of("spec.initContainers[0].comand")),
        arguments(
            "a field of a port",
            "{'spec':{'containers':[{'ports':[{'containerPort':80,'proto':'TCP'}]}]}}",
            List.of("spec.containers[0].ports[0].proto")),
        arguments(
            "a field deep in a probe's HTTP header",
            "{'spec':{'containers':[{'livenessProbe':{'httpGet':{'port':80,"
                + "'httpHeaders':[{'name':'a','valu':'b'}]}}}]}}",
            List.of("spec.containers[0].livenessProbe.httpGet.httpHeaders[0].valu")),
        arguments(
            "a field of an environment variable's source",
            "{'spec':{'containers':[{'env':[{'name':'A','valueFrom':{'fieldRef':"
                + "{'fieldpath':'metadata.name'}}}]}]}}",
            List.of("spec.containers[0].env[0].valueFrom.fieldRef.fieldpath")),
        arguments(
            "a field of a lifecycle hook",
            "{'spec':{'containers':[{'lifecycle':{'preStop':{'sleep':{'second':5}}}}]}}",
            List.of("spec.containers[0].lifecycle.preStop.sleep.second")),
        arguments(
            "a field of a volume mount",
            "{'spec':{'containers':[{'volumeMounts':[{'name':'v','mountpath':'/x'}]}]}}",
            List.of("spec.containers[0].volumeMounts[0].mountpath")),
        arguments(
            "a field of a container status",
            "{'status':{'containerStatuses':[{'state':{'running':{'startedat':'x'}}}]}}",
            List.of("status.containerStatuses[0].state.running.startedat")),
        arguments(
            "several, in the order they were sent",
            "{'spec':{'foo':1,'containers':[{'x':1}],'bar':2},'metadata':{'baz':3}}",
            List.of("spec.foo", "spec.containers[0].x", "spec.bar", "metadata.baz")),
        arguments(
            "an unknown object once, not its insides",
            "{'spec':{'foo':{'bar':{'baz':1}}}}",
            List.of("spec.foo")),
        arguments(
            "nothing inside fields kept as JSON trees",
            "{'spec':{'securityContext':{'anything':{'deep':1}},'affinity':{'x':1},"
                + "'volumes':[{'name':'v','madeUp':{}}],'tolerations':[{'whatever':1}],"
                + "'containers':[{'securityContext':{'x':1},'resources':{'claims':[{'y':1}]}}]}}",
            List.of()),
        arguments(
            "nothing among the keys of maps",
            "{'metadata':{'labels':{'any/key':'v'},'annotations':{'x':'y'}},"
                + "'spec':{'nodeSelector':{'k':'v'},'overhead':{'cpu':'1'},"
                + "'containers':[{'resources':{'limits':{'nvidia.com/gpu':'1'}}}]}}",
            List.of()),
        arguments(
            "nothing in a port given by number or by name",
            "{'spec':{'containers':[{'readinessProbe':{'tcpSocket':{'port':80}},"
                + "'livenessProbe':{'httpGet':{'port':'http'}}}]}}",
            List.of()),
        arguments(
            "nothing in nulls",
            "{'metadata':null,'spec':{'containers':null,'affinity':null},'status':null}",
            List.of()),
        arguments(
            "nothing in values of the wrong shape, which decoding reports",
            "{'metadata':'web','spec':{'containers':'nope','nodeSelector':[1]}}",
            List.of()),
        arguments("nothing in an empty body", "{}", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void everyFieldTheModelHasNoPlaceForIsNamedByItsPath(
      String sentence, String body, List<String> unknown) {
    assertThat(UnknownFields.find(json(body), Pod.class)).containsExactlyElementsOf(unknown);
  }

  @Test
  void whatKubectlRunSendsHasNoUnknownField() {
    JsonNode body =
        json(
            "{'kind':'Pod','apiVersion':'v1','metadata':{'name':'web','creationTimestamp':null,"
                + "'labels':{'run':'web'}},'spec':{'containers':[{'name':'web','image':'nginx',"
                + "'ports':[{'containerPort':80}],'resources':{}}],'restartPolicy':'Always',"
                + "'dnsPolicy':'ClusterFirst'},'status':{}}");

    assertThat(UnknownFields.find(body, Pod.class)).isEmpty();
  }

  @Test
  void aPodUsingNearlyEveryKubernetesFieldHasNoUnknownField() throws IOException {
    try (InputStream in =
        Pod.class.getResourceAsStream("/dev/troupe/core/model/kubernetes-pod.json")) {
      JsonNode body = Json.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));

      assertThat(UnknownFields.find(body, Pod.class)).isEmpty();
    }
  }

  @Test
  void aSelfLinkIsNotPartOfTheModel() {
    assertThat(UnknownFields.find(json("{'metadata':{'selfLink':'/x'}}"), Pod.class))
        .containsExactly("metadata.selfLink");
  }

  /** A record whose JSON names differ from its Java names. */
  record Renamed(
      @JsonProperty("x-name") String name,
      @JsonAlias({"old"}) String current,
      Map<String, Renamed> children) {}

  @Test
  void renamedAndAliasedFieldsAreKnownByTheirJsonNames() {
    JsonNode body =
        json(
            "{'x-name':'a','name':'b','current':1,'old':2,"
                + "'children':{'k':{'x-name':'c','nope':1}}}");

    assertThat(UnknownFields.find(body, Renamed.class)).containsExactly("name", "children.k.nope");
  }

  @Test
  void theMessagesAreWordedAsKubernetesWordsThem() {
    List<String> unknown = List.of("spec.foo", "spec.bar");

    assertThat(UnknownFields.warning("spec.foo")).isEqualTo("unknown field \"spec.foo\"");
    assertThat(UnknownFields.strictDecodingError("Pod", "v1", unknown))
        .isEqualTo(
            "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error:"
                + " unknown field \"spec.foo\", unknown field \"spec.bar\"");
  }
}
