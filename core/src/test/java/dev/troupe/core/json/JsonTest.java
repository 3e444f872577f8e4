package dev.troupe.core.json;

import static dev.troupe.core.TestPods.T0;
import static dev.troupe.core.TestPods.container;
import static dev.troupe.core.TestPods.cpuMemory;
import static dev.troupe.core.TestPods.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerPort;
import dev.troupe.core.model.ContainerState;
import dev.troupe.core.model.ContainerStatus;
import dev.troupe.core.model.EnvVar;
import dev.troupe.core.model.HostPort;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.OwnerReference;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodCondition;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.model.PodStatus;
import dev.troupe.core.model.ResourceRequirements;
import dev.troupe.core.model.Status;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  /** A pod with every part of the model filled in, and each container state used once. */
  static Pod fullPod() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app", "web");
    labels.put("example.com/tier", "front");
    ObjectMeta meta =
        new ObjectMeta(
            "web-7d4b9",
            "web-",
            "default",
            "0b6c5f5e-1f0a-4c39-9a58-3f1e0c1b2a77",
            "42",
            1L,
            T0,
            T0.plusSeconds(3600),
            30L,
            labels,
            Map.of("troupe.dev/note", "hand-made"),
            List.of(new OwnerReference("apps/v1", "ReplicaSet", "web", "rs-uid", true, true)),
            List.of("troupe.dev/cleanup"));
    Container app =
        new Container(
            "app",
            "nginx:1.27",
            List.of("nginx"),
            List.of("-g", "daemon off;"),
            "/srv",
            List.of(new EnvVar("MODE", "prod"), new EnvVar("EMPTY", "")),
            List.of(new ContainerPort("http", 80, 30080, "0.0.0.0", "TCP")),
            new ResourceRequirements(cpuMemory("1", "256Mi"), cpuMemory("500m", "128Mi")),
            "IfNotPresent");
    PodSpec spec =
        new PodSpec(
            List.of(app, container("sidecar", "busybox"), container("init", "busybox")),
            "Always",
            30L,
            "node-a",
            "web");
    List<ContainerStatus> statuses =
        List.of(
            new ContainerStatus(
                "app",
                ContainerState.running(T0.plusSeconds(2)),
                ContainerState.terminated(
                    new ContainerState.Terminated(
                        137, 9, "OOMKilled", "out of memory", T0, T0.plusSeconds(1), "docker://a")),
                true,
                1,
                "nginx:1.27",
                "docker-pullable://nginx@sha256:abc",
                "docker://b",
                true),
            new ContainerStatus(
                "sidecar",
                ContainerState.waiting("ImagePullBackOff", "Back-off pulling image"),
                null,
                false,
                0,
                "busybox",
                null,
                null,
                false),
            new ContainerStatus(
                "init",
                ContainerState.terminated(
                    new ContainerState.Terminated(
                        0, null, "Completed", null, T0, T0.plusMillis(1500), "docker://c")),
                null,
                false,
                0,
                "busybox",
                "",
                "docker://c",
                null));
    PodStatus status =
        new PodStatus(
            "Running",
            List.of(
                new PodCondition("PodScheduled", "True", null, T0, null, null),
                new PodCondition(
                    "Ready", "False", T0, T0.plusSeconds(2), "ContainersNotReady", "not ready")),
            "a message",
            "a reason",
            "10.0.0.5",
            "172.17.0.2",
            T0,
            statuses,
            "Burstable",
            List.of(new HostPort("app", 80, "TCP", "10.0.0.5", 30080)));
    return new Pod("v1", "Pod", meta, spec, status);
  }

  @Test
  void aFullPodEncodesDecodesAndEncodesAgainByteForByte() {
    Pod pod = fullPod();

    byte[] first = Json.writeBytes(pod);
    Pod decoded = Json.read(new String(first, StandardCharsets.UTF_8), Pod.class);

    assertThat(decoded).isEqualTo(pod);
    assertThat(Json.writeBytes(decoded)).isEqualTo(first);
    assertThat(Json.write(decoded)).isEqualTo(new String(first, StandardCharsets.UTF_8));
  }

  static final String KUBERNETES_POD =
      "{\"kind\":\"Pod\",\"apiVersion\":\"v1\","
          + "\"metadata\":{\"name\":\"web\",\"namespace\":\"default\","
          + "\"uid\":\"0b6c5f5e-1f0a-4c39-9a58-3f1e0c1b2a77\",\"resourceVersion\":\"7\","
          + "\"creationTimestamp\":\"2026-11-29T14:15:00Z\",\"labels\":{\"app\":\"web\"}},"
          + "\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.27\","
          + "\"ports\":[{\"containerPort\":80,\"protocol\":\"TCP\"}],"
          + "\"env\":[{\"name\":\"MODE\",\"value\":\"prod\"}],"
          + "\"resources\":{\"limits\":{\"cpu\":\"500m\",\"memory\":\"128Mi\"}},"
          + "\"imagePullPolicy\":\"IfNotPresent\"}],"
          + "\"restartPolicy\":\"Always\",\"terminationGracePeriodSeconds\":30,"
          + "\"nodeName\":\"node-a\"},"
          + "\"status\":{\"phase\":\"Running\","
          + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\","
          + "\"lastTransitionTime\":\"2026-11-29T14:15:03Z\"}],"
          + "\"hostIP\":\"10.0.0.5\",\"podIP\":\"172.17.0.2\","
          + "\"startTime\":\"2026-11-29T14:15:00Z\","
          + "\"containerStatuses\":[{\"name\":\"app\","
          + "\"state\":{\"running\":{\"startedAt\":\"2026-11-29T14:15:02Z\"}},"
          + "\"ready\":true,\"restartCount\":0,\"image\":\"nginx:1.27\","
          + "\"imageID\":\"docker-pullable://nginx@sha256:abc\","
          + "\"containerID\":\"docker://0123\",\"started\":true}],"
          + "\"qosClass\":\"Guaranteed\","
          + "\"hostPorts\":[{\"container\":\"app\",\"containerPort\":80,\"protocol\":\"TCP\","
          + "\"hostIP\":\"10.0.0.5\",\"hostPort\":30080}]}}";

  @Test
  void aKubernetesStylePodReadsBackAsTheSameText() {
    Pod pod = Json.read(KUBERNETES_POD, Pod.class);

    assertThat(pod.metadata().creationTimestamp()).isEqualTo(T0);
    assertThat(pod.status().containerStatuses().get(0).state().running().startedAt())
        .isEqualTo(T0.plusSeconds(2));
    assertThat(Json.write(pod)).isEqualTo(KUBERNETES_POD);
  }

  @Test
  void absentFieldsAreLeftOutNotWrittenAsNull() {
    String json = Json.write(pod(container("app", "busybox")));

    assertThat(json)
        .isEqualTo(
            "{\"kind\":\"Pod\",\"apiVersion\":\"v1\","
                + "\"metadata\":{\"name\":\"web\",\"namespace\":\"default\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"busybox\"}]}}");
    assertThat(json).doesNotContain("null");
  }

  @Test
  void fractionalTimestampsKeepTheirFractionAsRfc3339Text() {
    Pod pod = pod().withMetadata(pod().metadata().asCreated("u", T0.plusMillis(250), null));

    assertThat(Json.write(pod)).contains("\"creationTimestamp\":\"2026-11-29T14:15:00.250Z\"");
    assertThat(Json.read(Json.write(pod), Pod.class)).isEqualTo(pod);
  }

  @Test
  void unknownFieldsAreIgnoredOnRead() {
    Pod pod =
        Json.read(
            "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"web\","
                + "\"labelz\":{\"a\":\"b\"}},\"spec\":{\"dnsPolicyy\":\"x\"}}",
            Pod.class);

    assertThat(pod.name()).isEqualTo("web");
    assertThat(pod.spec()).isEqualTo(new PodSpec(null, null, null, null, null));
  }

  @Test
  void kubernetesFieldsTroupeDoesNotActOnYetAreKept() {
    Pod pod =
        Json.read(
            "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"web\","
                + "\"managedFields\":[{\"manager\":\"kubectl\"}]},\"spec\":{\"dnsPolicy\":\"x\"}}",
            Pod.class);

    assertThat(pod.metadata().managedFields()).hasSize(1);
    assertThat(pod.spec().dnsPolicy()).isEqualTo("x");
  }

  @Test
  void aStatusEncodesWithKindAndApiVersionFirstAsTheApiServerDoes() {
    Status status =
        Status.failure(
            404,
            "NotFound",
            "pods \"web\" not found",
            new Status.Details("web", null, "pods", null, null));

    assertThat(Json.write(status))
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"pods \\\"web\\\" not found\",\"reason\":\"NotFound\","
                + "\"details\":{\"name\":\"web\",\"kind\":\"pods\"},\"code\":404}");
  }

  @Test
  void anInvalidStatusListsEachCauseWithItsField() {
    Status status =
        Status.failure(
            422,
            "Invalid",
            "Pod \"web\" is invalid",
            new Status.Details(
                "web",
                null,
                "Pod",
                null,
                List.of(
                    new Status.Cause(
                        "FieldValueRequired", "Required value", "spec.containers[0].image"))));

    assertThat(Json.write(status))
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"Pod \\\"web\\\" is invalid\",\"reason\":\"Invalid\","
                + "\"details\":{\"name\":\"web\",\"kind\":\"Pod\",\"causes\":[{"
                + "\"reason\":\"FieldValueRequired\",\"message\":\"Required value\","
                + "\"field\":\"spec.containers[0].image\"}]},\"code\":422}");
  }

  @Test
  void aSuccessStatusLeavesOutMessageAndReason() {
    assertThat(Json.write(Status.success(null)))
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\","
                + "\"code\":200}");
  }

  @Test
  void aYamlManifestReadsIntoTheSameModel() throws Exception {
    String yaml =
        "apiVersion: v1\n"
            + "kind: Pod\n"
            + "metadata:\n"
            + "  name: web\n"
            + "spec:\n"
            + "  containers:\n"
            + "  - name: app\n"
            + "    image: busybox\n"
            + "    resources:\n"
            + "      limits:\n"
            + "        cpu: 500m\n";

    Pod pod = Json.yamlMapper().readValue(yaml, Pod.class);

    assertThat(pod.name()).isEqualTo("web");
    assertThat(pod.spec().containers().get(0).resources().limits()).containsEntry("cpu", "500m");
  }

  @Test
  void textThatIsNotJsonIsReportedAsAnUncheckedIoError() {
    assertThatThrownBy(() -> Json.read("{not json", Pod.class))
        .isInstanceOf(UncheckedIOException.class);
  }
}
