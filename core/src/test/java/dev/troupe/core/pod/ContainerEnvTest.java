package dev.troupe.core.pod;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.Pod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A container's environment, command and args, as the kubelet resolves them. */
class ContainerEnvTest {

  private static final ContainerEnv.NodeFacts NODE =
      new ContainerEnv.NodeFacts("127.0.0.1", "127.0.0.1", 2, 24L << 30);

  private static Pod pod(String container) {
    try {
      return Json.mapper()
          .readValue(
              """
              {"apiVersion":"v1","kind":"Pod",
               "metadata":{"name":"web","namespace":"shop","uid":"uid-1",
                           "labels":{"app":"web"},"annotations":{"team":"blue"}},
               "spec":{"nodeName":"node-1","serviceAccountName":"default","containers":[%s]}}
              """
                  .formatted(container),
              Pod.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static ContainerEnv.Resolved resolve(String container) {
    Pod pod = pod(container);
    return ContainerEnv.resolve(pod, pod.spec().containers().get(0), NODE);
  }

  @Test
  void fieldRefsReadThePodAndTheNode() {
    ContainerEnv.Resolved resolved =
        resolve(
            """
            {"name":"app","image":"x","env":[
              {"name":"NAME","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},
              {"name":"NS","valueFrom":{"fieldRef":{"fieldPath":"metadata.namespace"}}},
              {"name":"UID","valueFrom":{"fieldRef":{"fieldPath":"metadata.uid"}}},
              {"name":"NODE","valueFrom":{"fieldRef":{"fieldPath":"spec.nodeName"}}},
              {"name":"IP","valueFrom":{"fieldRef":{"fieldPath":"status.podIP"}}},
              {"name":"HOST","valueFrom":{"fieldRef":{"fieldPath":"status.hostIP"}}},
              {"name":"APP","valueFrom":{"fieldRef":{"fieldPath":"metadata.labels['app']"}}},
              {"name":"TEAM","valueFrom":{"fieldRef":{"fieldPath":"metadata.annotations['team']"}}}
            ]}
            """);

    assertThat(resolved.env())
        .containsExactly(
            Map.entry("NAME", "web"),
            Map.entry("NS", "shop"),
            Map.entry("UID", "uid-1"),
            Map.entry("NODE", "node-1"),
            Map.entry("IP", "127.0.0.1"),
            Map.entry("HOST", "127.0.0.1"),
            Map.entry("APP", "web"),
            Map.entry("TEAM", "blue"));
  }

  @ParameterizedTest(name = "{0} with {1} defined → {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "$(A)-x | A=1 | 1-x",
        "$$(A) | A=1 | $(A)",
        "$(B) | A=1 | $(B)",
        "a$b | A=1 | a$b",
        "$(A | A=1 | $(A",
        "$(A)$(A) | A=1 | 11",
        "$ | A=1 | $"
      })
  void referencesExpandAsKubernetesExpandsThem(String input, String defined, String expected) {
    String[] pair = defined.split("=");

    assertThat(ContainerEnv.expand(input, Map.of(pair[0], pair[1]))).isEqualTo(expected);
  }

  @Test
  void valuesSeeOnlyTheVariablesBeforeThemAndCommandAndArgsSeeThemAll() {
    ContainerEnv.Resolved resolved =
        resolve(
            """
            {"name":"app","image":"x","command":["echo","$(GREETING)"],"args":["$(WHO)"],
             "env":[{"name":"GREETING","value":"hello $(WHO)"},{"name":"WHO","value":"world"}]}
            """);

    assertThat(resolved.env()).containsEntry("GREETING", "hello $(WHO)");
    assertThat(resolved.command()).containsExactly("echo", "hello $(WHO)");
    assertThat(resolved.args()).containsExactly("world");
  }

  @Test
  void resourceFieldRefsAreRoundedUpInTheirDivisorAndAnUnsetLimitIsTheNodes() {
    ContainerEnv.Resolved resolved =
        resolve(
            """
            {"name":"app","image":"x",
             "resources":{"limits":{"cpu":"250m","memory":"64Mi"},"requests":{"cpu":"100m"}},
             "env":[
              {"name":"CPU","valueFrom":{"resourceFieldRef":{"resource":"limits.cpu"}}},
              {"name":"MILLI","valueFrom":{"resourceFieldRef":{"resource":"requests.cpu","divisor":"1m"}}},
              {"name":"MEM","valueFrom":{"resourceFieldRef":{"resource":"limits.memory","divisor":"1Mi"}}}
            ]}
            """);
    ContainerEnv.Resolved unset =
        resolve(
            """
            {"name":"app","image":"x","env":[
              {"name":"CPU","valueFrom":{"resourceFieldRef":{"resource":"limits.cpu"}}}]}
            """);

    assertThat(resolved.env())
        .containsExactly(Map.entry("CPU", "1"), Map.entry("MILLI", "100"), Map.entry("MEM", "64"));
    assertThat(unset.env()).containsExactly(Map.entry("CPU", "2"));
  }

  @Test
  void aConfigMapOrSecretThatIsNotThereFailsTheContainerUnlessOptional() {
    ContainerEnv.Resolved configMap =
        resolve(
            """
            {"name":"app","image":"x","env":[
              {"name":"A","valueFrom":{"configMapKeyRef":{"name":"settings","key":"a"}}}]}
            """);
    ContainerEnv.Resolved secret =
        resolve(
            """
            {"name":"app","image":"x","env":[
              {"name":"A","valueFrom":{"secretKeyRef":{"name":"keys","key":"a"}}}]}
            """);
    ContainerEnv.Resolved optional =
        resolve(
            """
            {"name":"app","image":"x","env":[
              {"name":"A","valueFrom":{"secretKeyRef":{"name":"keys","key":"a","optional":true}}},
              {"name":"B","value":"b"}]}
            """);

    assertThat(configMap.error()).isEqualTo("configmap \"settings\" not found");
    assertThat(secret.error()).isEqualTo("secret \"keys\" not found");
    assertThat(optional.isFailed()).isFalse();
    assertThat(optional.env()).containsExactly(Map.entry("B", "b"));
    assertThat(optional.command()).isNull();
    assertThat(List.of(optional.env().keySet().toArray())).containsExactly("B");
  }
}
