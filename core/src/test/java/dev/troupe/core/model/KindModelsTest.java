package dev.troupe.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.validation.UnknownFields;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The models of the kinds stored as JSON hold every field of a real cluster's objects: what {@code
 * kubectl get -o json} shows reads into the record and writes back as the same JSON.
 */
class KindModelsTest {

  static Stream<Arguments> manifests() {
    return Stream.of(
        arguments("kubernetes-service.json", Service.class),
        arguments("kubernetes-endpoints.json", Endpoints.class),
        arguments("kubernetes-node.json", Node.class),
        arguments("kubernetes-namespace.json", Namespace.class),
        arguments("kubernetes-event.json", Event.class),
        arguments("kubernetes-deployment.json", Deployment.class),
        arguments("kubernetes-replicaset.json", ReplicaSet.class));
  }

  @ParameterizedTest(name = "{0} reads back as the same JSON")
  @MethodSource("manifests")
  void aManifestAsAClusterShowsItReadsBackAsTheSameJson(String file, Class<? extends Record> model)
      throws IOException {
    JsonNode sent = manifest(file);

    Record decoded = Json.mapper().treeToValue(sent, model);
    JsonNode written = Json.mapper().readTree(Json.write(decoded));

    // Kubernetes writes an unset time as null (a template's creationTimestamp, a kubelet
    // event's eventTime); Troupe leaves every null out.
    assertThat(written).isEqualTo(withoutNulls(sent));
  }

  @ParameterizedTest(name = "the model has a place for every field of {0}")
  @MethodSource("manifests")
  void theModelHasAPlaceForEveryFieldOfTheManifest(String file, Class<? extends Record> model) {
    assertThat(UnknownFields.find(manifest(file), model)).isEmpty();
  }

  @Test
  void theFieldsOfADeploymentAreTyped() throws IOException {
    Deployment deployment =
        Json.mapper().treeToValue(manifest("kubernetes-deployment.json"), Deployment.class);
    DeploymentSpec spec = deployment.spec();

    assertThat(spec.replicas()).isEqualTo(3);
    assertThat(spec.strategy().rollingUpdate())
        .isEqualTo(new RollingUpdateDeployment(IntOrString.of(0), IntOrString.of("25%")));
    assertThat(spec.selector().matchExpressions())
        .containsExactly(
            new LabelSelectorRequirement("tier", "In", List.of("frontend", "edge")),
            new LabelSelectorRequirement("canary", "DoesNotExist", null));
    assertThat(spec.template().spec().containers().get(0).image()).isEqualTo("nginx:1.27");
    assertThat(deployment.status().conditions())
        .extracting(DeploymentCondition::reason)
        .containsExactly("MinimumReplicasAvailable", "DeploymentPaused");
  }

  @Test
  void aNodesKubeletPortIsWrittenWithTheCapitalKubernetesGivesIt() throws IOException {
    Node node = Json.mapper().treeToValue(manifest("kubernetes-node.json"), Node.class);

    assertThat(node.status().daemonEndpoints().kubeletEndpoint())
        .isEqualTo(new DaemonEndpoint(10250));
    assertThat(Json.write(node.status().daemonEndpoints()))
        .isEqualTo("{\"kubeletEndpoint\":{\"Port\":10250}}");
  }

  @Test
  void anEventKeepsTheMicrosecondsOfItsSeries() throws IOException {
    Event event = Json.mapper().treeToValue(manifest("kubernetes-event.json"), Event.class);

    assertThat(event.series().lastObservedTime()).hasToString("2026-11-29T14:21:44.318452Z");
    assertThat(event.involvedObject().fieldPath()).isEqualTo("spec.containers{web}");
  }

  @Test
  void misspelledFieldsOfADeploymentAreFoundDownToItsPodTemplate() {
    JsonNode body =
        json(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},"
                + "'spec':{'replica':3,'selector':{'matchLabels':{'app':'web'}},"
                + "'strategy':{'rollingUpdate':{'maxSurg':1}},"
                + "'template':{'metadata':{'labels':{'app':'web'}},"
                + "'spec':{'containers':[{'name':'web','imag':'nginx'}]}}}}");

    assertThat(UnknownFields.find(body, Deployment.class))
        .containsExactly(
            "spec.replica",
            "spec.strategy.rollingUpdate.maxSurg",
            "spec.template.spec.containers[0].imag");
  }

  @Test
  void misspelledFieldsOfAServiceAreFoundInItsPorts() {
    JsonNode body =
        json(
            "{'spec':{'ports':[{'port':80,'targetport':8080}],'selectors':{'app':'web'}},"
                + "'status':{'loadBalancer':{'ingress':[{'ip':'1.2.3.4','port':[]}]}}}");

    assertThat(UnknownFields.find(body, Service.class))
        .containsExactly(
            "spec.ports[0].targetport", "spec.selectors", "status.loadBalancer.ingress[0].port");
  }

  // --- Helpers -----------------------------------------------------------------------------------

  private static JsonNode manifest(String file) {
    try (InputStream in = KindModelsTest.class.getResourceAsStream(file)) {
      return Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of {@code node} without its null fields, at every depth. */
  private static JsonNode withoutNulls(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = Json.mapper().createObjectNode();
      node.properties()
          .forEach(
              field -> {
                if (!field.getValue().isNull()) {
                  copy.set(field.getKey(), withoutNulls(field.getValue()));
                }
              });
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = Json.mapper().createArrayNode();
      node.forEach(item -> copy.add(withoutNulls(item)));
      return copy;
    }
    return node;
  }
}
