package dev.troupe.core.pod;

import static dev.troupe.core.TestPods.container;
import static dev.troupe.core.TestPods.pod;
import static dev.troupe.core.TestPods.port;
import static dev.troupe.core.TestPods.withPorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.troupe.core.model.Container;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.model.ResourceRequirements;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodDefaultsTest {

  static Stream<Arguments> images() {
    return Stream.of(
        arguments("an image without a tag is always pulled", "busybox", "Always"),
        arguments("the latest tag is always pulled", "busybox:latest", "Always"),
        arguments(
            "a registry port is not a tag, so the image is always pulled",
            "registry:5000/busybox",
            "Always"),
        arguments(
            "a registry port with the latest tag is always pulled",
            "registry:5000/team/busybox:latest",
            "Always"),
        arguments("a pinned tag is pulled if not present", "busybox:1.36", "IfNotPresent"),
        arguments(
            "a pinned tag behind a registry port is pulled if not present",
            "registry:5000/busybox:1",
            "IfNotPresent"),
        arguments(
            "a digest reference is pulled if not present",
            "busybox@sha256:7b3ccabffc97de872a30dfd234fd972a66d247c8cfc69b0550f276481852627c",
            "IfNotPresent"),
        arguments(
            "a digest reference behind a registry port is pulled if not present",
            "registry:5000/busybox@sha256:7b3ccabffc97de872a30dfd234fd972a",
            "IfNotPresent"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void theImagePullPolicyFollowsTheTag(String sentence, String image, String expected) {
    assertThat(PodDefaults.defaultPullPolicy(image)).isEqualTo(expected);

    Pod defaulted = PodDefaults.apply(pod(container("app", image)));
    assertThat(defaulted.spec().containers().get(0).imagePullPolicy()).isEqualTo(expected);
  }

  @Test
  void aPodWithoutChoicesRestartsAlwaysAndGetsThirtySecondsToStop() {
    PodSpec spec = PodDefaults.apply(pod()).spec();

    assertThat(spec.restartPolicy()).isEqualTo("Always");
    assertThat(spec.terminationGracePeriodSeconds()).isEqualTo(30L);
  }

  @Test
  void aPortWithoutAProtocolSpeaksTcp() {
    Pod defaulted = PodDefaults.apply(pod(withPorts(port(80), port(null, 53, "UDP"))));

    assertThat(defaulted.spec().containers().get(0).ports())
        .extracting(p -> p.containerPort() + "/" + p.protocol())
        .containsExactly("80/TCP", "53/UDP");
  }

  @Test
  void explicitChoicesAreKept() {
    Container app =
        container("app", "busybox").toBuilder()
            .imagePullPolicy("Never")
            .terminationMessagePath("/tmp/why")
            .terminationMessagePolicy("FallbackToLogsOnError")
            .resources(ResourceRequirements.none())
            .build();
    Pod sent =
        pod(app)
            .withSpec(
                new PodSpec(List.of(app), PodSpec.RESTART_NEVER, 5L, "node-a", "web-host")
                    .toBuilder()
                        .dnsPolicy("Default")
                        .schedulerName("my-scheduler")
                        .securityContext(
                            JsonNodeFactory.instance.objectNode().put("runAsUser", 1000))
                        .enableServiceLinks(false)
                        .build());

    Pod defaulted = PodDefaults.apply(sent);

    assertThat(defaulted).isEqualTo(sent);
  }

  @Test
  void aZeroGracePeriodIsAChoiceNotAnAbsence() {
    Pod sent = pod().withSpec(pod().spec().withTerminationGracePeriodSeconds(0L));

    assertThat(PodDefaults.apply(sent).spec().terminationGracePeriodSeconds()).isZero();
  }

  @Test
  void anEmptyPullPolicyIsDefaultedLikeAMissingOne() {
    Pod sent = pod(container("app", "busybox:1.36").withImagePullPolicy(""));

    assertThat(PodDefaults.apply(sent).spec().containers().get(0).imagePullPolicy())
        .isEqualTo("IfNotPresent");
  }

  @Test
  void aPodWithoutASpecIsLeftAsItIs() {
    Pod sent = pod().withSpec(null);

    assertThat(PodDefaults.apply(sent)).isSameAs(sent);
  }

  @Test
  void defaultingTwiceChangesNothingMore() {
    Pod once = PodDefaults.apply(pod(withPorts(port(80))));

    assertThat(PodDefaults.apply(once)).isEqualTo(once);
  }
}
