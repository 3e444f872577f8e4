package dev.troupe.core.validation;

import static dev.troupe.core.TestPods.container;
import static dev.troupe.core.TestPods.cpuMemory;
import static dev.troupe.core.TestPods.limits;
import static dev.troupe.core.TestPods.meta;
import static dev.troupe.core.TestPods.pod;
import static dev.troupe.core.TestPods.port;
import static dev.troupe.core.TestPods.requests;
import static dev.troupe.core.TestPods.resources;
import static dev.troupe.core.TestPods.withPorts;
import static dev.troupe.core.TestPods.withResources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.core.json.Json;
import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerPort;
import dev.troupe.core.model.EnvVar;
import dev.troupe.core.model.EnvVarSource;
import dev.troupe.core.model.ObjectFieldSelector;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodDeletionCost;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.model.ResourceFieldSelector;
import dev.troupe.core.pod.PodAdmission;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodValidationTest {

  static final String SUBDOMAIN_RULE =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'example.com',"
          + " regex used for validation is"
          + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  static final String LABEL_RULE =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
          + " must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc',"
          + " regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  static final String LABEL_VALUE_RULE =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character (63 characters at most)";
  static final String QUANTITY_RULE =
      "quantities must match the regular expression"
          + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

  /** The errors of a pod as a client sent it, after admission applied its defaults. */
  static List<String> errorsOf(Pod sent) {
    return PodAdmission.prepare(sent, "default", new Random(1)).errors().stream()
        .map(FieldError::toString)
        .toList();
  }

  static Pod withSpec(PodSpec spec) {
    return pod().withSpec(spec);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        arguments("a minimal pod with one container and an image is accepted", pod(), List.of()),
        arguments(
            "a pod named through generateName is accepted",
            pod().withMetadata(meta(null, "web-")),
            List.of()),
        arguments(
            "a pod without a name or generateName is refused",
            pod().withMetadata(meta(null, null)),
            List.of("metadata.name: Required value: name or generateName is required")),
        arguments(
            "a pod with an uppercase name is refused",
            pod().withMetadata(meta("Web", null)),
            List.of("metadata.name: Invalid value: \"Web\": " + SUBDOMAIN_RULE)),
        arguments(
            "a pod without a spec is refused for its missing containers, as Kubernetes does",
            pod().withSpec(null),
            List.of("spec.containers: Required value")),
        arguments(
            "a pod without containers is refused",
            pod(new Container[0]),
            List.of("spec.containers: Required value")),
        arguments(
            "a container without an image is refused with its field path",
            pod(container("app", null)),
            List.of("spec.containers[0].image: Required value")),
        arguments(
            "a container with a blank image is refused",
            pod(container("app", "  ")),
            List.of("spec.containers[0].image: Required value")),
        arguments(
            "a container without a name is refused",
            pod(container("", "busybox")),
            List.of("spec.containers[0].name: Required value")),
        arguments(
            "two containers with the same name are refused at the second one",
            pod(container("app", "busybox"), container("app", "nginx")),
            List.of("spec.containers[1].name: Duplicate value: \"app\"")),
        arguments(
            "a container name with an underscore is refused",
            pod(container("my_app", "busybox")),
            List.of("spec.containers[0].name: Invalid value: \"my_app\": " + LABEL_RULE)),
        arguments(
            "an unknown image pull policy is refused with the supported values",
            pod(container("app", "busybox").withImagePullPolicy("Sometimes")),
            List.of(
                "spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported"
                    + " values: \"Always\", \"IfNotPresent\", \"Never\"")),
        arguments(
            "a container port of 0 is reported as missing",
            pod(withPorts(port(0))),
            List.of("spec.containers[0].ports[0].containerPort: Required value")),
        arguments(
            "a port without a container port is reported as missing",
            pod(withPorts(port(null))),
            List.of("spec.containers[0].ports[0].containerPort: Required value")),
        arguments(
            "a container port above 65535 is refused",
            pod(withPorts(port(70000))),
            List.of(
                "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between"
                    + " 1 and 65535, inclusive")),
        arguments(
            "a host port above 65535 is refused",
            pod(withPorts(new ContainerPort(null, 80, 65536, null, null))),
            List.of(
                "spec.containers[0].ports[0].hostPort: Invalid value: 65536: must be between 1"
                    + " and 65535, inclusive")),
        arguments(
            "an unknown port protocol is refused with the supported values",
            pod(withPorts(port(null, 80, "HTTP"))),
            List.of(
                "spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported"
                    + " values: \"SCTP\", \"TCP\", \"UDP\"")),
        arguments(
            "a port name longer than 15 characters is refused",
            pod(withPorts(port("a-very-long-port-name", 80, null))),
            List.of(
                "spec.containers[0].ports[0].name: Invalid value: \"a-very-long-port-name\": must"
                    + " be no more than 15 characters, contain only lowercase alphanumerics and"
                    + " '-', and start and end with an alphanumeric")),
        arguments(
            "two ports with the same name are refused at the second one",
            pod(withPorts(port("http", 80, null), port("http", 8080, null))),
            List.of("spec.containers[0].ports[1].name: Duplicate value: \"http\"")),
        arguments(
            "an environment variable without a name is refused",
            pod(container("app", "busybox").withEnv(List.of(new EnvVar("", "x")))),
            List.of("spec.containers[0].env[0].name: Required value")),
        arguments(
            "a null container is refused at its index instead of failing validation",
            withSpec(
                new PodSpec(
                    Arrays.asList(container("app", "busybox"), null), null, null, null, null)),
            List.of("spec.containers[1]: Required value")),
        arguments(
            "a null port is refused at its index",
            pod(container("app", "busybox").withPorts(Arrays.asList(port(80), null))),
            List.of("spec.containers[0].ports[1]: Required value")),
        arguments(
            "a null environment variable is refused at its index",
            pod(container("app", "busybox").withEnv(Arrays.asList((EnvVar) null))),
            List.of("spec.containers[0].env[0]: Required value")),
        arguments(
            "an unknown restart policy is refused with the supported values",
            withSpec(TestSpecs.restartPolicy("Sometimes")),
            List.of(
                "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values:"
                    + " \"Always\", \"Never\", \"OnFailure\"")),
        arguments(
            "a negative grace period is refused",
            withSpec(TestSpecs.grace(-1L)),
            List.of(
                "spec.terminationGracePeriodSeconds: Invalid value: -1: must be greater than or"
                    + " equal to 0")),
        arguments(
            "a node name with an underscore is refused",
            withSpec(pod().spec().withNodeName("node_a")),
            List.of("spec.nodeName: Invalid value: \"node_a\": " + SUBDOMAIN_RULE)),
        arguments(
            "an unparsable memory limit is refused at its resource",
            pod(withResources(limits(null, "lots"))),
            List.of(
                "spec.containers[0].resources.limits[memory]: Invalid value: \"lots\": "
                    + QUANTITY_RULE)),
        arguments(
            "a negative memory request is refused",
            pod(withResources(requests(null, "-1Mi"))),
            List.of(
                "spec.containers[0].resources.requests[memory]: Invalid value: \"-1Mi\": must be"
                    + " greater than or equal to 0")),
        arguments(
            "a cpu request greater than its limit is refused",
            pod(withResources(resources(cpuMemory("1", null), cpuMemory("1500m", null)))),
            List.of(
                "spec.containers[0].resources.requests: Invalid value: \"1500m\": must be less"
                    + " than or equal to cpu limit of 1")),
        arguments(
            "a request equal to its limit written differently is accepted",
            pod(withResources(resources(cpuMemory("1", "1Gi"), cpuMemory("1000m", "1024Mi")))),
            List.of()),
        arguments(
            "a label value with a space is refused",
            labelled("app", "two words"),
            List.of("metadata.labels: Invalid value: \"two words\": " + LABEL_VALUE_RULE)),
        arguments(
            "a label value of 64 characters is refused",
            labelled("app", "a".repeat(64)),
            List.of(
                "metadata.labels: Invalid value: \"" + "a".repeat(64) + "\": " + LABEL_VALUE_RULE)),
        arguments(
            "an empty label value and a prefixed key are accepted",
            labelled("example.com/tier", ""),
            List.of()),
        arguments(
            "a label key with two slashes is refused",
            labelled("a/b/c", "x"),
            List.of(
                "metadata.labels: Invalid value: \"a/b/c\": name part must consist of alphanumeric"
                    + " characters, '-', '_' or '.', and must start and end with an alphanumeric"
                    + " character (63 characters at most)")),
        arguments(
            "a label key with an uppercase prefix is refused",
            labelled("Example.com/tier", "x"),
            List.of(
                "metadata.labels: Invalid value: \"Example.com/tier\": prefix part "
                    + SUBDOMAIN_RULE)),
        arguments("a pod with a deletion cost of -7 is accepted", costing("-7"), List.of()),
        arguments(
            "a pod with a deletion cost of 2147483647 is accepted",
            costing("2147483647"),
            List.of()),
        arguments(
            "a deletion cost beyond 32 bits is refused",
            costing("2147483648"),
            List.of(
                "metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value:"
                    + " \"2147483648\": must be a 32bit integer")),
        arguments(
            "a deletion cost that is not a number is refused",
            costing("cheap"),
            List.of(
                "metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value:"
                    + " \"cheap\": must be a 32bit integer")));
  }

  private static Pod withEnv(EnvVar var) {
    return withSpec(
        pod()
            .spec()
            .withContainers(List.of(pod().spec().containers().get(0).withEnv(List.of(var)))));
  }

  private static EnvVar fromField(String path) {
    return new EnvVar(
        "X", null, new EnvVarSource(new ObjectFieldSelector(null, path), null, null, null));
  }

  static Stream<Arguments> envCases() {
    return Stream.of(
        arguments(
            "a fieldRef to the pod's name is accepted",
            withEnv(fromField("metadata.name")),
            List.of()),
        arguments(
            "a fieldRef to one label is accepted",
            withEnv(fromField("metadata.labels['app']")),
            List.of()),
        arguments(
            "a fieldRef to an unknown field is refused with the supported ones",
            withEnv(fromField("spec.restartPolicy")),
            List.of(
                "spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value:"
                    + " \"spec.restartPolicy\": supported values: \"metadata.name\","
                    + " \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\","
                    + " \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\","
                    + " \"status.podIP\", \"status.podIPs\"")),
        arguments(
            "a valueFrom without a source is refused",
            withEnv(new EnvVar("X", null, new EnvVarSource(null, null, null, null))),
            List.of(
                "spec.containers[0].env[0].valueFrom: Invalid value: \"\": must specify one of:"
                    + " `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`")),
        arguments(
            "a value beside a valueFrom is refused",
            withEnv(new EnvVar("X", "y", fromField("metadata.name").valueFrom())),
            List.of(
                "spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not be specified"
                    + " when `value` is not empty")),
        arguments(
            "a resourceFieldRef to an unknown resource is refused",
            withEnv(
                new EnvVar(
                    "X",
                    null,
                    new EnvVarSource(
                        null, new ResourceFieldSelector(null, "limits.gpu", null), null, null))),
            List.of(
                "spec.containers[0].env[0].valueFrom.resourceFieldRef.resource: Unsupported"
                    + " value: \"limits.gpu\": supported values: \"limits.cpu\","
                    + " \"limits.ephemeral-storage\", \"limits.memory\", \"requests.cpu\","
                    + " \"requests.ephemeral-storage\", \"requests.memory\"")));
  }

  @Test
  void initContainersAreCheckedAsContainersAndMayNotBeSidecarsOrHaveProbes() throws Exception {
    Pod sent =
        dev.troupe.core.json.Json.mapper()
            .readValue(
                """
                {"metadata":{"name":"web"},"spec":{
                  "initContainers":[
                    {"name":"app","image":"busybox"},
                    {"name":"setup","restartPolicy":"Always",
                     "readinessProbe":{"exec":{"command":["true"]}}}],
                  "containers":[{"name":"app","image":"busybox"}]}}
                """,
                Pod.class);

    assertThat(errorsOf(sent))
        .containsExactly(
            "spec.initContainers[1].image: Required value",
            "spec.initContainers[1].restartPolicy: Forbidden: restartable (sidecar) init"
                + " containers are not supported by this cluster",
            "spec.initContainers[1].readinessProbe: Forbidden: may not be set for init containers"
                + " without restartPolicy=Always",
            "spec.containers[0].name: Duplicate value: \"app\"");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("envCases")
  void environmentSourcesAreCheckedAsKubernetesChecksThem(
      String sentence, Pod sent, List<String> expected) {
    assertThat(errorsOf(sent)).containsExactlyElementsOf(expected);
  }

  private static Pod costing(String cost) {
    return pod()
        .withMetadata(meta("web", null).withAnnotations(Map.of(PodDeletionCost.ANNOTATION, cost)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void admissionReportsExactlyTheseErrors(String sentence, Pod sent, List<String> expected) {
    assertThat(errorsOf(sent)).containsExactlyElementsOf(expected);
  }

  @Test
  void everyErrorOfAPodIsReportedTogetherNotJustTheFirst() {
    Pod sent =
        Pod.of(
            meta(null, null),
            TestSpecs.grace(-5L)
                .withContainers(
                    List.of(
                        container("App", null)
                            .withPorts(List.of(port(0), port(null, 70000, "HTTP"))))));

    assertThat(errorsOf(sent))
        .containsExactly(
            "metadata.name: Required value: name or generateName is required",
            "spec.containers[0].name: Invalid value: \"App\": " + LABEL_RULE,
            "spec.containers[0].image: Required value",
            "spec.containers[0].ports[0].containerPort: Required value",
            "spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1"
                + " and 65535, inclusive",
            "spec.containers[0].ports[1].protocol: Unsupported value: \"HTTP\": supported values:"
                + " \"SCTP\", \"TCP\", \"UDP\"",
            "spec.terminationGracePeriodSeconds: Invalid value: -5: must be greater than or equal"
                + " to 0");
  }

  @Test
  void nullEntriesSentAsJsonAreReportedRatherThanThrown() {
    Pod sent =
        Json.read(
            "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"containers\":[null,"
                + "{\"name\":\"app\",\"image\":\"busybox\",\"ports\":[null],\"env\":[null]}]}}",
            Pod.class);

    assertThat(errorsOf(sent))
        .containsExactly(
            "spec.containers[0]: Required value",
            "spec.containers[1].ports[0]: Required value",
            "spec.containers[1].env[0]: Required value");
  }

  @Test
  void aNamespaceFromThePathThatIsNotALabelIsRefused() {
    List<FieldError> errors = PodAdmission.prepare(pod(), "Team_A", new Random(1)).errors();

    assertThat(errors)
        .extracting(FieldError::toString)
        .containsExactly("metadata.namespace: Invalid value: \"Team_A\": " + LABEL_RULE);
  }

  @Test
  void aPodThatSkippedDefaultingHasTheDefaultedFieldsReportedAsMissing() {
    List<FieldError> errors = PodValidation.validate(pod(withPorts(port(80))));

    assertThat(errors)
        .extracting(FieldError::toString)
        .containsExactly(
            "spec.containers[0].imagePullPolicy: Required value",
            "spec.containers[0].ports[0].protocol: Required value",
            "spec.restartPolicy: Required value");
  }

  @Test
  void aPodWithoutMetadataIsRefusedForItsMissingName() {
    assertThat(PodValidation.validate(new Pod("v1", "Pod", null, null, null)))
        .extracting(FieldError::toString)
        .containsExactly("metadata.name: Required value", "spec: Required value");
  }

  private static Pod labelled(String key, String value) {
    return pod().withMetadata(meta("web", null).withLabels(Map.of(key, value)));
  }

  /** Specs of the default pod with one field changed. */
  private static final class TestSpecs {
    static PodSpec restartPolicy(String policy) {
      return pod().spec().withRestartPolicy(policy);
    }

    static PodSpec grace(Long seconds) {
      return pod().spec().withTerminationGracePeriodSeconds(seconds);
    }
  }
}
