package dev.troupe.core.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.model.PodStatus;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldSelectorTest {

  static final String KUBECTL_NODE_QUERY =
      "spec.nodeName=node-1,status.phase!=Succeeded,status.phase!=Failed";

  static FieldSelector selector(String text) {
    FieldSelector.Parsed parsed = FieldSelector.parse(text);
    assertThat(parsed.error()).as("error parsing %s", text).isNull();
    return parsed.selector();
  }

  /** A pod named {@code web} in {@code default}, on {@code node} (or none), in {@code phase}. */
  static Pod pod(String node, String phase) {
    PodSpec spec = new PodSpec(List.of(), PodSpec.RESTART_ALWAYS, null, node, null);
    Pod pod = Pod.of(ObjectMeta.named("default", "web"), spec);
    return phase == null
        ? pod
        : pod.withStatus(
            new PodStatus(phase, null, null, null, null, "10.0.0.7", null, null, null, null));
  }

  static Stream<Arguments> validForms() {
    return Stream.of(
        arguments("an empty selector selects everything", "", ""),
        arguments("a name is what rollout status sends", "metadata.name=web", "metadata.name=web"),
        arguments("a double equals is an equality", "metadata.name==web", "metadata.name=web"),
        arguments("an inequality is kept", "status.phase!=Failed", "status.phase!=Failed"),
        arguments(
            "kubectl's node query keeps its terms, sorted",
            KUBECTL_NODE_QUERY,
            "spec.nodeName=node-1,status.phase!=Failed,status.phase!=Succeeded"),
        arguments(
            "an escaped comma is part of the value", "metadata.name=a\\,b", "metadata.name=a\\,b"),
        arguments("escaped = and \\ are part of the value", "x=a\\=b\\\\c", "x=a\\=b\\\\c"),
        arguments("empty terms are skipped", "metadata.name=web,,", "metadata.name=web"),
        arguments("an empty value is allowed", "spec.nodeName=", "spec.nodeName="),
        arguments("a term with neither field nor value is dropped", "=", ""),
        arguments(
            "involvedObject fields are only text here",
            "involvedObject.kind=Pod",
            "involvedObject.kind=Pod"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validForms")
  void parsesToItsCanonicalForm(String sentence, String text, String canonical) {
    assertThat(selector(text).toString()).isEqualTo(canonical);
  }

  static Stream<Arguments> invalidForms() {
    return Stream.of(
        arguments(
            "a term without an operator",
            "metadata.name",
            "invalid selector: 'metadata.name'; can't understand 'metadata.name'"),
        arguments(
            "a blank term",
            "metadata.name=web, ",
            "invalid selector: 'metadata.name=web, '; can't understand ' '"),
        arguments(
            "an unescaped = in a value (Kubernetes prints the character's number)",
            "metadata.name=a=b",
            "invalid field selector: unescaped character in value: 61"),
        arguments(
            "a triple equals",
            "metadata.name===b",
            "invalid field selector: unescaped character in value: 61"),
        arguments(
            "an unknown escape",
            "metadata.name=a\\x",
            "invalid field selector: invalid escape sequence: \\x"),
        arguments(
            "a trailing backslash",
            "metadata.name=a\\",
            "invalid field selector: invalid escape sequence: \\"));
  }

  @ParameterizedTest(name = "{0} is refused with Kubernetes' message")
  @MethodSource("invalidForms")
  void refusesWithKubernetesMessage(String sentence, String text, String message) {
    FieldSelector.Parsed parsed = FieldSelector.parse(text);
    assertThat(parsed.isValid()).isFalse();
    assertThat(parsed.selector()).isNull();
    assertThat(parsed.error()).isEqualTo(message);
  }

  @Test
  void escapedValuesAreUnescaped() {
    assertThat(selector("x=a\\,b\\=c\\\\d").terms())
        .containsExactly(new FieldSelector.Term("x", FieldSelector.Operator.EQUALS, "a,b=c\\d"));
  }

  static Stream<Arguments> podCases() {
    return Stream.of(
        arguments("a running pod on the node is selected", pod("node-1", "Running"), true),
        arguments("a pending pod on the node is selected", pod("node-1", "Pending"), true),
        arguments("a succeeded pod is not selected", pod("node-1", "Succeeded"), false),
        arguments("a failed pod is not selected", pod("node-1", "Failed"), false),
        arguments("a pod on another node is not selected", pod("node-2", "Running"), false),
        arguments("an unscheduled pod is not selected", pod(null, "Pending"), false),
        arguments("a pod without a status counts as phase empty", pod("node-1", null), true));
  }

  @ParameterizedTest(name = "{0} by kubectl's node query")
  @MethodSource("podCases")
  void matchesPods(String sentence, Pod pod, boolean expected) {
    String query =
        "spec.nodeName%3Dnode-1%2Cstatus.phase%21%3DSucceeded%2Cstatus.phase%21%3DFailed";
    FieldSelector kubectl = selector(URLDecoder.decode(query, StandardCharsets.UTF_8));
    assertThat(kubectl).isEqualTo(selector(KUBECTL_NODE_QUERY));
    assertThat(kubectl.matches(FieldSelector.podFields(pod))).isEqualTo(expected);
  }

  @Test
  void aPodsFieldsAreEmptyWhereUnset() {
    assertThat(FieldSelector.podFields(pod(null, null)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "metadata.name", "web",
                "metadata.namespace", "default",
                "spec.nodeName", "",
                "spec.restartPolicy", "Always",
                "status.phase", "",
                "status.podIP", ""));
    assertThat(FieldSelector.podFields(pod("node-1", "Running")))
        .containsEntry("spec.nodeName", "node-1")
        .containsEntry("status.phase", "Running")
        .containsEntry("status.podIP", "10.0.0.7");
    assertThat(FieldSelector.podFields(pod(null, null)).keySet())
        .isEqualTo(FieldSelector.POD_FIELDS);
  }

  @Test
  void anUnscheduledPodIsSelectedByAnEmptyNodeName() {
    assertThat(selector("spec.nodeName=").matches(FieldSelector.podFields(pod(null, "Pending"))))
        .isTrue();
  }

  @Test
  void aFieldTheObjectLacksCountsAsEmpty() {
    assertThat(selector("spec.foo=").matches(Map.of())).isTrue();
    assertThat(selector("spec.foo!=x").matches(Map.of())).isTrue();
    assertThat(selector("spec.foo=x").matches(null)).isFalse();
  }

  @Test
  void unsupportedFieldsAreListedOnceInTheSelectorsOrder() {
    FieldSelector mixed = selector("spec.nodeName=a,spec.foo=b,spec.foo!=c,metadata.name=web");
    assertThat(mixed.unsupported(FieldSelector.POD_FIELDS)).containsExactly("spec.foo");
    assertThat(mixed.unsupported(FieldSelector.METADATA_FIELDS))
        .containsExactly("spec.foo", "spec.nodeName");
    assertThat(selector(KUBECTL_NODE_QUERY).unsupported(FieldSelector.POD_FIELDS)).isEmpty();
    assertThat(FieldSelector.notSupportedMessage("spec.foo"))
        .isEqualTo("field label not supported: spec.foo");
    assertThat(FieldSelector.notKnownMessage("spec.replicas"))
        .isEqualTo(
            "\"spec.replicas\" is not a known field selector: only \"metadata.name\","
                + " \"metadata.namespace\"");
  }

  @Test
  void aNameTermIsAnExactMatchALookupCanUse() {
    FieldSelector byName = selector("metadata.namespace!=kube-system,metadata.name=web");
    assertThat(byName.requiredValue("metadata.name")).contains("web");
    assertThat(byName.requiredValue("metadata.namespace")).isEmpty();
  }

  @Test
  void anyValueSurvivesEscapingAndParsing() {
    Random random = new Random(20261206L);
    String alphabet = "ab,=\\!. ";
    for (int trial = 0; trial < 2_000; trial++) {
      StringBuilder value = new StringBuilder();
      for (int i = random.nextInt(8); i > 0; i--) {
        value.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String v = value.toString();
      FieldSelector equal = selector("metadata.name=" + FieldSelector.escape(v));
      FieldSelector notEqual = selector("metadata.name!=" + FieldSelector.escape(v));
      assertThat(equal.terms().get(0).value()).isEqualTo(v);
      assertThat(selector(equal.toString())).isEqualTo(equal);
      Map<String, String> fields = Map.of("metadata.name", random.nextBoolean() ? v : "web");
      assertThat(notEqual.matches(fields)).isEqualTo(!equal.matches(fields));
    }
  }
}
