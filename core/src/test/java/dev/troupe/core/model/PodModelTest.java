package dev.troupe.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.troupe.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The model keeps every field of a Kubernetes pod and writes it back exactly as it was sent. */
class PodModelTest {

  /** What {@code kubectl run web --image=nginx --port=80} sends. */
  static final String KUBECTL_RUN =
      "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"web\","
          + "\"creationTimestamp\":null,\"labels\":{\"run\":\"web\"}},\"spec\":{\"containers\":"
          + "[{\"name\":\"web\",\"image\":\"nginx\",\"ports\":[{\"containerPort\":80}],"
          + "\"resources\":{}}],\"restartPolicy\":\"Always\",\"dnsPolicy\":\"ClusterFirst\"},"
          + "\"status\":{}}";

  /** A realistic pod, as Kubernetes writes it, using nearly every field; compact, in order. */
  static String kubernetesPod() {
    try (InputStream in = PodModelTest.class.getResourceAsStream("kubernetes-pod.json")) {
      String pretty = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Json.mapper().readTree(pretty).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aPodUsingNearlyEveryKubernetesFieldReadsBackByteForByte() {
    String sent = kubernetesPod();

    Pod pod = Json.read(sent, Pod.class);

    assertThat(Json.write(pod)).isEqualTo(sent);
    assertThat(Json.read(Json.write(pod), Pod.class)).isEqualTo(pod);
  }

  @Test
  void theFieldsTroupeWillInterpretAreTyped() {
    Pod pod = Json.read(kubernetesPod(), Pod.class);
    PodSpec spec = pod.spec();
    Container web = spec.containers().get(0);

    assertThat(web.livenessProbe().httpGet().port()).isEqualTo(IntOrString.of("http"));
    assertThat(web.livenessProbe().httpGet().httpHeaders())
        .containsExactly(new HTTPHeader("X-Probe", "liveness"));
    assertThat(web.lifecycle().postStart().httpGet().port()).isEqualTo(IntOrString.of(8080));
    assertThat(web.lifecycle().preStop().sleep()).isEqualTo(new SleepAction(5L));
    assertThat(web.startupProbe().grpc()).isEqualTo(new GRPCAction(9090, "health"));
    assertThat(web.env().get(1).valueFrom().fieldRef())
        .isEqualTo(new ObjectFieldSelector("v1", "metadata.name"));
    assertThat(web.volumeMounts().get(1))
        .isEqualTo(
            new VolumeMount(
                "config", true, null, "/etc/nginx/nginx.conf", "nginx.conf", null, null));
    assertThat(spec.initContainers())
        .extracting(Container::name)
        .containsExactly("migrate", "log-shipper");
    assertThat(spec.initContainers().get(1).restartPolicy()).isEqualTo("Always");
    assertThat(spec.nodeSelector()).containsEntry("kubernetes.io/os", "linux");
    assertThat(spec.imagePullSecrets())
        .containsExactly(new LocalObjectReference("registry-credentials"));
    assertThat(spec.volumes().get(1).path("configMap").path("name").asText())
        .isEqualTo("web-config");
    assertThat(pod.status().podIPs())
        .extracting(PodIP::ip)
        .containsExactly("172.17.0.2", "fd00:10:244::2");
    assertThat(pod.status().initContainerStatuses().get(0).state().terminated().reason())
        .isEqualTo("Completed");
  }

  @Test
  void whatKubectlRunSendsReadsBackAsTheSameText() {
    Pod pod = Json.read(KUBECTL_RUN, Pod.class);

    assertThat(pod.spec().dnsPolicy()).isEqualTo("ClusterFirst");
    assertThat(pod.spec().containers().get(0).resources()).isEqualTo(ResourceRequirements.none());
    // creationTimestamp: null is the only thing left out, as Kubernetes leaves it out too
    assertThat(Json.write(pod)).isEqualTo(KUBECTL_RUN.replace("\"creationTimestamp\":null,", ""));
  }

  @Test
  void aYamlManifestReadsIntoTheSameModelAsItsJson() throws IOException {
    String yaml = Json.yamlMapper().writeValueAsString(Json.mapper().readTree(kubernetesPod()));

    Pod fromYaml = Json.yamlMapper().readValue(yaml, Pod.class);

    assertThat(fromYaml).isEqualTo(Json.read(kubernetesPod(), Pod.class));
  }

  static Stream<Arguments> ports() {
    return Stream.of(
        arguments("a port number stays a number", "8080", IntOrString.of(8080)),
        arguments("a port name stays a text", "\"http\"", IntOrString.of("http")),
        arguments("a number in quotes stays a text", "\"8080\"", IntOrString.of("8080")),
        arguments("zero is a number", "0", IntOrString.of(0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ports")
  void anIntOrStringIsWrittenInTheFormItWasGiven(String sentence, String json, IntOrString port) {
    String action = "{\"port\":" + json + "}";

    TCPSocketAction read = Json.read(action, TCPSocketAction.class);

    assertThat(read.port()).isEqualTo(port);
    assertThat(Json.write(read)).isEqualTo(action);
  }

  static Stream<Arguments> notPorts() {
    return Stream.of(
        arguments("a fraction", "1.5"),
        arguments("a number beyond 32 bits", "4294967296"),
        arguments("a boolean", "true"),
        arguments("an object", "{\"number\":80}"),
        arguments("a list", "[80]"));
  }

  @ParameterizedTest(name = "{0} is not an IntOrString")
  @MethodSource("notPorts")
  void anythingButAnIntegerOrATextIsRefusedAsAPort(String sentence, String json) {
    assertThatThrownBy(() -> Json.read("{\"port\":" + json + "}", TCPSocketAction.class))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void anIntOrStringHoldsExactlyOneValue() {
    assertThatThrownBy(() -> new IntOrString(80, "http"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IntOrString(null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(IntOrString.of(80).isInt()).isTrue();
    assertThat(IntOrString.of("http")).hasToString("http");
  }

  @Test
  void aNullKeptAsAJsonTreeIsLeftOutLikeAnyOtherNull() {
    String sent =
        "{\"spec\":{\"containers\":[{\"name\":\"a\",\"securityContext\":null}],"
            + "\"securityContext\":null,\"affinity\":null,\"os\":null,\"tolerations\":null}}";

    Pod pod = Json.read(sent, Pod.class);

    assertThat(pod.spec().securityContext()).isNull();
    assertThat(pod.spec().containers().get(0).securityContext()).isNull();
    assertThat(Json.write(pod)).isEqualTo("{\"spec\":{\"containers\":[{\"name\":\"a\"}]}}");
  }

  @Test
  void anEmptyJsonTreeIsKeptAsAnEmptyObject() {
    String sent = "{\"containers\":[],\"securityContext\":{},\"affinity\":{}}";

    assertThat(Json.write(Json.read(sent, PodSpec.class))).isEqualTo(sent);
  }

  @Test
  void theConstructorsOfTheOriginalFieldsLeaveTheNewOnesOut() {
    PodSpec spec = new PodSpec(List.of(Container.of("a", "busybox")), "Never", 5L, "node-a", "h");
    Container container =
        new Container("a", "busybox", null, null, null, null, null, null, "Never");
    ContainerStatus status =
        new ContainerStatus("a", null, null, true, 0, "busybox", null, null, true);

    assertThat(spec)
        .isEqualTo(
            PodSpec.builder()
                .containers(List.of(Container.of("a", "busybox")))
                .restartPolicy("Never")
                .terminationGracePeriodSeconds(5L)
                .nodeName("node-a")
                .hostname("h")
                .build());
    assertThat(container).isEqualTo(Container.of("a", "busybox").withImagePullPolicy("Never"));
    assertThat(Json.write(status))
        .isEqualTo(
            "{\"name\":\"a\",\"ready\":true,\"restartCount\":0,\"image\":\"busybox\","
                + "\"started\":true}");
    assertThat(new EnvVar("A", "1").valueFrom()).isNull();
    assertThat(new ResourceRequirements(Map.of(), null).claims()).isNull();
    assertThat(ObjectMeta.named("default", "web").managedFields()).isNull();
  }

  @Test
  void changingOneFieldOfASpecKeepsAllTheOthers() {
    PodSpec spec = Json.read(kubernetesPod(), Pod.class).spec();

    PodSpec moved = spec.withNodeName("node-b");

    assertThat(moved.nodeName()).isEqualTo("node-b");
    assertThat(moved.withNodeName(spec.nodeName())).isEqualTo(spec);
    assertThat(moved.volumes()).isEqualTo(spec.volumes());
    assertThat(spec.withRestartPolicy("Never").withRestartPolicy(spec.restartPolicy()))
        .isEqualTo(spec);
    assertThat(spec.withTerminationGracePeriodSeconds(1L).affinity()).isEqualTo(spec.affinity());
    assertThat(spec.withContainers(spec.containers())).isEqualTo(spec);
  }

  @Test
  void changingOneFieldOfAContainerKeepsAllTheOthers() {
    Container web = Json.read(kubernetesPod(), Pod.class).spec().containers().get(0);

    Container changed =
        web.withImage("nginx:1.28")
            .withImagePullPolicy("Always")
            .withPorts(List.of())
            .withCommand(List.of())
            .withEnv(List.of())
            .withResources(null);

    assertThat(changed.livenessProbe()).isEqualTo(web.livenessProbe());
    assertThat(changed.volumeMounts()).isEqualTo(web.volumeMounts());
    assertThat(changed.securityContext()).isEqualTo(web.securityContext());
    assertThat(changed.image()).isEqualTo("nginx:1.28");
  }

  @Test
  void changingMetadataKeepsManagedFieldsAndEverythingElse() {
    ObjectMeta meta = Json.read(kubernetesPod(), Pod.class).metadata();
    JsonNode entry = JsonNodeFactory.instance.objectNode().put("manager", "troupe");

    ObjectMeta changed =
        meta.withName("other")
            .withNamespace("other")
            .withLabels(Map.of())
            .withAnnotations(Map.of())
            .withOwnerReferences(List.of())
            .withFinalizers(List.of())
            .withResourceVersion("1");

    assertThat(changed.managedFields()).isEqualTo(meta.managedFields());
    assertThat(changed.uid()).isEqualTo(meta.uid());
    assertThat(meta.withManagedFields(List.of(entry)).managedFields()).containsExactly(entry);
    assertThat(meta.asCreated("u", null, null).managedFields()).isEqualTo(meta.managedFields());
  }
}
