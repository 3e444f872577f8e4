package dev.troupe.core.kinds;

import static dev.troupe.core.kinds.KindFixtures.create;
import static dev.troupe.core.kinds.KindFixtures.messages;
import static dev.troupe.core.kinds.KindFixtures.stored;
import static dev.troupe.core.kinds.KindFixtures.tree;
import static dev.troupe.core.kinds.KindFixtures.update;
import static dev.troupe.core.kinds.WorkloadFixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.core.model.KubeObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentKindTest {

  private static final DeploymentKind KIND = DeploymentKind.INSTANCE;

  private static KubeObject defaulted(String specPatch) {
    return KIND.withDefaults(KindFixtures.object(workload(specPatch)));
  }

  @Test
  void aMinimalDeploymentGetsEveryDefaultKubernetesGivesIt() {
    assertThat(defaulted("{}").field("spec"))
        .isEqualTo(
            tree(
                """
                {"replicas":1,
                 "selector":{"matchLabels":{"app":"web"}},
                 "strategy":{"type":"RollingUpdate",
                             "rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},
                 "revisionHistoryLimit":10,
                 "progressDeadlineSeconds":600,
                 "template":{"metadata":{"labels":{"app":"web"}},
                   "spec":{"containers":[{"name":"web","image":"nginx:1.27",
                                          "terminationMessagePath":"/dev/termination-log",
                                          "terminationMessagePolicy":"File",
                                          "imagePullPolicy":"IfNotPresent",
                                          "resources":{}}],
                           "restartPolicy":"Always",
                           "terminationGracePeriodSeconds":30,
                           "dnsPolicy":"ClusterFirst",
                           "securityContext":{},
                           "schedulerName":"default-scheduler"}}}
                """));
  }

  static Stream<Arguments> templateDefaults() {
    return Stream.of(
        arguments(
            "an image without a tag is always pulled",
            "{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx\"}]}}}",
            "/spec/template/spec/containers/0/imagePullPolicy",
            "\"Always\""),
        arguments(
            "the latest tag is always pulled",
            "{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:latest\"}]}}}",
            "/spec/template/spec/containers/0/imagePullPolicy",
            "\"Always\""),
        arguments(
            "a container port is TCP",
            "{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\","
                + "\"ports\":[{\"containerPort\":80}]}]}}}",
            "/spec/template/spec/containers/0/ports",
            "[{\"containerPort\":80,\"protocol\":\"TCP\"}]"),
        arguments(
            "a probe gets Kubernetes' timings and an HTTP GET its path and scheme",
            "{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\","
                + "\"readinessProbe\":{\"httpGet\":{\"port\":80},\"periodSeconds\":5}}]}}}",
            "/spec/template/spec/containers/0/readinessProbe",
            """
            {"httpGet":{"port":80,"path":"/","scheme":"HTTP"},"periodSeconds":5,
             "timeoutSeconds":1,"successThreshold":1,"failureThreshold":3}
            """),
        arguments(
            "an init container gets a container's defaults",
            "{\"template\":{\"spec\":{\"initContainers\":[{\"name\":\"init\",\"image\":\"busybox:1\"}]}}}",
            "/spec/template/spec/initContainers/0",
            """
            {"name":"init","image":"busybox:1","terminationMessagePath":"/dev/termination-log",
             "terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent","resources":{}}
            """),
        arguments(
            "a config map volume gets its file mode",
            "{\"template\":{\"spec\":{\"volumes\":[{\"name\":\"conf\",\"configMap\":{\"name\":\"web\"}}]}}}",
            "/spec/template/spec/volumes",
            "[{\"name\":\"conf\",\"configMap\":{\"name\":\"web\",\"defaultMode\":420}}]"),
        arguments(
            "a template's limits are not copied into requests, as they are for a pod",
            "{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\","
                + "\"resources\":{\"limits\":{\"cpu\":\"1\"}}}]}}}",
            "/spec/template/spec/containers/0/resources",
            "{\"limits\":{\"cpu\":\"1\"}}"),
        arguments(
            "fields Troupe does not model survive",
            "{\"template\":{\"spec\":{\"hostnameOverride\":\"web\",\"containers\":[{\"name\":\"web\","
                + "\"image\":\"nginx:1.27\",\"futureField\":{\"a\":1}}]}}}",
            "/spec/template/spec/containers/0/futureField",
            "{\"a\":1}"),
        arguments(
            "a Recreate strategy gets no rolling update",
            "{\"strategy\":{\"type\":\"Recreate\"}}",
            "/spec/strategy",
            "{\"type\":\"Recreate\"}"),
        arguments(
            "explicit values are kept",
            "{\"replicas\":0,\"revisionHistoryLimit\":0,\"strategy\":{\"rollingUpdate\":{\"maxSurge\":1}}}",
            "/spec",
            """
            {"replicas":0,"revisionHistoryLimit":0,"progressDeadlineSeconds":600,
             "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1,"maxUnavailable":"25%"}},
             "selector":{"matchLabels":{"app":"web"}},
             "template":{"metadata":{"labels":{"app":"web"}},
               "spec":{"containers":[{"name":"web","image":"nginx:1.27",
                                      "terminationMessagePath":"/dev/termination-log",
                                      "terminationMessagePolicy":"File",
                                      "imagePullPolicy":"IfNotPresent","resources":{}}],
                       "restartPolicy":"Always","terminationGracePeriodSeconds":30,
                       "dnsPolicy":"ClusterFirst","securityContext":{},
                       "schedulerName":"default-scheduler"}}}
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templateDefaults")
  void defaultsFollowKubernetes(String description, String specPatch, String at, String expected) {
    assertThat(defaulted(specPatch).at(at)).isEqualTo(tree(expected));
  }

  @Test
  void unmodelledFieldsOfThePodSpecSurviveDefaulting() {
    String patch =
        "{\"template\":{\"spec\":{\"hostnameOverride\":\"web\",\"containers\":[{\"name\":\"web\","
            + "\"image\":\"nginx:1.27\"}]}}}";

    assertThat(defaulted(patch).text("/spec/template/spec/hostnameOverride")).isEqualTo("web");
  }

  @Test
  void defaultingTwiceChangesNothingMore() {
    KubeObject once = defaulted("{}");

    assertThat(KIND.withDefaults(once)).isEqualTo(once);
  }

  private static final String NOT_MATCHING =
      "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}:"
          + " `selector` does not match template `labels`";

  static Stream<Arguments> invalidDeployments() {
    return Stream.of(
        arguments(
            "a deployment without a selector selects nothing",
            "{\"selector\":null}",
            List.of("spec.selector: Required value", NOT_MATCHING)),
        arguments(
            "the selector must select the template's labels",
            "{\"selector\":{\"matchLabels\":{\"app\":\"api\"}}}",
            List.of(NOT_MATCHING)),
        arguments(
            "an empty selector would select every pod",
            "{\"selector\":{\"matchLabels\":null}}",
            List.of(
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil),"
                    + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is"
                    + " invalid for deployment")),
        arguments(
            "an invalid selector leaves the template unchecked",
            "{\"selector\":{\"matchLabels\":null,\"matchExpressions\":"
                + "[{\"key\":\"tier\",\"operator\":\"Within\",\"values\":[\"a\"]}]},"
                + "\"template\":{\"spec\":{\"containers\":null}}}",
            List.of(
                "spec.selector.matchExpressions[0].operator: Invalid value: \"Within\": not a valid"
                    + " selector operator",
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil),"
                    + " MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement"
                    + "{Key:\"tier\", Operator:\"Within\", Values:[]string{\"a\"}}}}: invalid label"
                    + " selector")),
        arguments(
            "replicas are not negative",
            "{\"replicas\":-1}",
            List.of("spec.replicas: Invalid value: -1: must be greater than or equal to 0")),
        arguments(
            "a template runs containers",
            "{\"template\":{\"spec\":{\"containers\":null}}}",
            List.of("spec.template.spec.containers: Required value")),
        arguments(
            "a container has an image",
            "{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\"}]}}}",
            List.of("spec.template.spec.containers[0].image: Required value")),
        arguments(
            "a container has a name",
            "{\"template\":{\"spec\":{\"containers\":[{\"image\":\"nginx:1.27\"}]}}}",
            List.of("spec.template.spec.containers[0].name: Required value")),
        arguments(
            "pods of a deployment always restart",
            "{\"template\":{\"spec\":{\"restartPolicy\":\"Never\"}}}",
            List.of(
                "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values:"
                    + " \"Always\"")),
        arguments(
            "the strategy is Recreate or RollingUpdate",
            "{\"strategy\":{\"type\":\"BlueGreen\"}}",
            List.of(
                "spec.strategy.type: Unsupported value: \"BlueGreen\": supported values:"
                    + " \"Recreate\", \"RollingUpdate\"")),
        arguments(
            "a Recreate strategy does not roll",
            "{\"strategy\":{\"type\":\"Recreate\",\"rollingUpdate\":{\"maxSurge\":1}}}",
            List.of(
                "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type`"
                    + " is 'Recreate'")),
        arguments(
            "a rollout that may neither surge nor drop a pod cannot move",
            "{\"strategy\":{\"rollingUpdate\":{\"maxSurge\":0,\"maxUnavailable\":0}}}",
            List.of(
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value:"
                    + " intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: may not be 0 when"
                    + " `maxSurge` is 0")),
        arguments(
            "zero percent is zero too",
            "{\"strategy\":{\"rollingUpdate\":{\"maxSurge\":\"0%\",\"maxUnavailable\":\"0%\"}}}",
            List.of(
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value:"
                    + " intstr.IntOrString{Type:1, IntVal:0, StrVal:\"0%\"}: may not be 0 when"
                    + " `maxSurge` is 0")),
        arguments(
            "a surge is a number or a percentage",
            "{\"strategy\":{\"rollingUpdate\":{\"maxSurge\":\"lots\"}}}",
            List.of(
                "spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1,"
                    + " IntVal:0, StrVal:\"lots\"}: "
                    + DeploymentKind.PERCENT_RULE)),
        arguments(
            "a surge is not negative",
            "{\"strategy\":{\"rollingUpdate\":{\"maxSurge\":-1}}}",
            List.of(
                "spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or"
                    + " equal to 0")),
        arguments(
            "no more than every pod can be unavailable",
            "{\"strategy\":{\"rollingUpdate\":{\"maxUnavailable\":\"150%\"}}}",
            List.of(
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be"
                    + " greater than 100%")),
        arguments(
            "the progress deadline outlasts minReadySeconds",
            "{\"minReadySeconds\":10,\"progressDeadlineSeconds\":10}",
            List.of(
                "spec.progressDeadlineSeconds: Invalid value: 10: must be greater than"
                    + " minReadySeconds")),
        arguments(
            "minReadySeconds is not negative",
            "{\"minReadySeconds\":-5}",
            List.of(
                "spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidDeployments")
  void eachMistakeIsReportedAtItsField(
      String description, String specPatch, List<String> expected) {
    assertThat(messages(create(KIND, workload(specPatch)).errors()))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void aSelectorWithExpressionsThatSelectsTheTemplateIsValid() {
    String patch =
        "{\"selector\":{\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"In\","
            + "\"values\":[\"web\",\"api\"]},{\"key\":\"canary\",\"operator\":\"DoesNotExist\"}]}}";

    assertThat(create(KIND, workload(patch)).errors()).isEmpty();
  }

  @Test
  void theSelectorCannotChange() {
    KubeObject current = stored(KIND, workload());
    String moved =
        workload(
            "{\"selector\":{\"matchLabels\":{\"app\":\"web2\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web2\"}}}}");

    assertThat(messages(update(KIND, current, moved).errors()))
        .containsExactly(
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string"
                + "{\"app\":\"web2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field"
                + " is immutable");
  }

  @Test
  void anEmptyListOfExpressionsIsTheSameSelectorAsNone() {
    KubeObject current = stored(KIND, workload());
    String same =
        workload("{\"selector\":{\"matchLabels\":{\"app\":\"web\"},\"matchExpressions\":[]}}");

    assertThat(update(KIND, current, same).errors()).isEmpty();
  }

  @Test
  void aNewDeploymentIsAtGenerationOneWithAnEmptyStatus() {
    KubeObject deployment = stored(KIND, workload());

    assertThat(deployment.metadata().generation()).isEqualTo(1L);
    assertThat(deployment.field("status")).isEqualTo(tree("{}"));
  }

  static Stream<Arguments> generations() {
    return Stream.of(
        arguments(
            "a new image is a new generation",
            workload(
                "{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.28\"}]}}}"),
            2L),
        arguments("scaling is a new generation", workload("{\"replicas\":3}"), 2L),
        arguments(
            "new labels are not",
            "{\"metadata\":{\"name\":\"web\",\"labels\":{\"team\":\"b\"}},\"spec\":"
                + KindFixtures.object(workload()).field("spec")
                + "}",
            1L),
        arguments("sending the same deployment again is not", workload(), 1L),
        arguments(
            "sending what was defaulted is not",
            workload("{\"replicas\":1,\"revisionHistoryLimit\":10}"),
            1L));
  }

  @Test
  void aDeploymentReadBackFromStorageAndSentAgainKeepsItsGeneration() {
    String sent =
        workload(
            "{\"template\":{\"spec\":{\"volumes\":[{\"name\":\"token\",\"projected\":"
                + "{\"sources\":[{\"serviceAccountToken\":{\"path\":\"token\"}}]}}]}}}");
    KubeObject readBack = KindFixtures.object(stored(KIND, sent).toString());

    ObjectAdmission.Admitted again = update(KIND, readBack, sent);

    assertThat(again.object().metadata().generation()).isEqualTo(1L);
    assertThat(again.object().json().toString()).isEqualTo(readBack.json().toString());
    assertThat(ObjectAdmission.changes(readBack, again.object())).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("generations")
  void generationsCountChangesOfWhatTheUserWants(String description, String sent, long expected) {
    KubeObject current = stored(KIND, workload());

    ObjectAdmission.Admitted updated = update(KIND, current, sent);

    assertThat(updated.errors()).isEmpty();
    assertThat(updated.object().metadata().generation()).isEqualTo(expected);
  }
}
