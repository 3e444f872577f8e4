package dev.troupe.core.patch;

import static dev.troupe.core.patch.StrategicMergePatchFixtures.column;
import static dev.troupe.core.patch.StrategicMergePatchFixtures.mergePatch;
import static dev.troupe.core.patch.StrategicMergePatchFixtures.patched;
import static dev.troupe.core.patch.StrategicMergePatchFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The worked examples of the Kubernetes docs, and the patches kubectl 1.32 sends (client-side
 * apply, set image, rollout restart, pause, cordon, label).
 */
class StrategicMergePatchTest {

  /** The docs' deployment-patch.yaml, as the server stores it. */
  static final String PATCH_DEMO =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: patch-demo, namespace: default}
      spec:
        replicas: 2
        selector: {matchLabels: {app: nginx}}
        strategy:
          type: RollingUpdate
          rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
        template:
          metadata: {labels: {app: nginx}}
          spec:
            containers:
            - {name: patch-demo-ctr, image: nginx, imagePullPolicy: Always}
            tolerations:
            - {effect: NoSchedule, key: dedicated, value: test-team}
      """;

  /** A pod as kubectl apply created it, with a web server and a sidecar. */
  static final String WEB_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
        namespace: default
        labels: {app: web, tier: frontend}
        annotations:
          kubectl.kubernetes.io/last-applied-configuration: '{"old":true}'
          example.com/owner: team-a
      spec:
        restartPolicy: Always
        containers:
        - name: web
          image: nginx:1.25
          ports:
          - {containerPort: 80, name: http, protocol: TCP}
          env:
          - {name: MODE, value: prod}
          - {name: DEBUG, value: "1"}
          - {name: REGION, value: eu}
        - name: sidecar
          image: busybox
          args: [sleep, infinity]
      status: {phase: Running}
      """;

  @Test
  void aStrategicMergeAddsAContainerWhereAJsonMergePatchReplacesTheList() {
    String patch =
        """
        spec:
          template:
            spec:
              containers:
              - name: patch-demo-ctr-2
                image: redis
        """;

    JsonNode strategic = patched("Deployment", PATCH_DEMO, patch);
    JsonNode merge = mergePatch(yaml(PATCH_DEMO), yaml(patch));

    // As the docs show it: the new container first, then the one that was there.
    assertThat(column(strategic, "/spec/template/spec/containers", "name"))
        .containsExactly("patch-demo-ctr-2", "patch-demo-ctr");
    assertThat(strategic.at("/spec/template/spec/containers/1"))
        .isEqualTo(yaml("{name: patch-demo-ctr, image: nginx, imagePullPolicy: Always}"));
    assertThat(column(merge, "/spec/template/spec/containers", "name"))
        .containsExactly("patch-demo-ctr-2");
  }

  @Test
  void tolerationsHaveNoPatchStrategySoTheyAreReplaced() {
    JsonNode result =
        patched(
            "Deployment",
            PATCH_DEMO,
            """
            spec:
              template:
                spec:
                  tolerations:
                  - {effect: NoSchedule, key: disktype, value: ssd}
            """);

    assertThat(result.at("/spec/template/spec/tolerations"))
        .isEqualTo(yaml("[{effect: NoSchedule, key: disktype, value: ssd}]"));
    assertThat(result.at("/spec/template/spec/containers")).hasSize(1);
  }

  @Test
  void retainKeysTurnsARollingUpdateIntoARecreate() {
    JsonNode docs =
        patched(
            "Deployment",
            PATCH_DEMO,
            """
            spec:
              strategy:
                $retainKeys: [type]
                type: Recreate
            """);
    JsonNode kubectl =
        patched(
            "Deployment",
            yaml(PATCH_DEMO),
            yaml(
                """
                {"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate","rollingUpdate":null}}}
                """));

    assertThat(docs.at("/spec/strategy")).isEqualTo(yaml("{type: Recreate}"));
    assertThat(kubectl).isEqualTo(docs);
    assertThat(docs.at("/spec/replicas").asInt()).isEqualTo(2);
  }

  @Test
  void aListElementWithPatchReplaceReplacesTheWholeList() {
    JsonNode result =
        patched(
            "Pod",
            WEB_POD,
            """
            spec:
              containers:
              - {name: web, image: nginx-1.0}
              - $patch: replace
            """);

    assertThat(result.at("/spec/containers")).isEqualTo(yaml("[{name: web, image: nginx-1.0}]"));
  }

  @Test
  void aMapWithPatchReplaceIsTakenLiterally() {
    JsonNode result =
        patched(
            "Pod",
            WEB_POD,
            """
            spec:
              $patch: replace
              containers:
              - {name: nginx, image: nginx-1.0}
            """);

    assertThat(result.get("spec"))
        .isEqualTo(yaml("{containers: [{name: nginx, image: nginx-1.0}]}"));
    assertThat(result.at("/metadata/labels/app").asText()).isEqualTo("web");
  }

  @Test
  void anImageChangeFromClientSideApplyKeepsTheSidecar() {
    JsonNode result =
        patched(
            "Pod",
            WEB_POD,
            """
            {"spec":{"containers":[{"image":"nginx:1.26","name":"web"}],
                     "$setElementOrder/containers":[{"name":"web"}]}}
            """);

    assertThat(column(result, "/spec/containers", "name")).containsExactly("web", "sidecar");
    assertThat(column(result, "/spec/containers", "image"))
        .containsExactly("nginx:1.26", "busybox");
    assertThat(result.at("/spec/containers/0/ports"))
        .isEqualTo(yaml(WEB_POD).at("/spec/containers/0/ports"));
  }

  @Test
  void aContainerRemovedFromTheManifestIsDeleted() {
    JsonNode result =
        patched(
            "Pod",
            WEB_POD,
            """
            {"spec":{"$setElementOrder/containers":[{"name":"web"}],
                     "containers":[{"$patch":"delete","name":"sidecar"}]}}
            """);

    assertThat(column(result, "/spec/containers", "name")).containsExactly("web");
    assertThat(result.at("/spec/containers/0/image").asText()).isEqualTo("nginx:1.25");
  }

  @Test
  void aFieldRemovedFromAContainerIsSentAsNullUnderItsMergeKey() {
    JsonNode result =
        patched(
            "Pod",
            WEB_POD,
            """
            {"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"sidecar"}],
                     "containers":[{"name":"web","ports":null}]}}
            """);

    assertThat(result.at("/spec/containers/0").has("ports")).isFalse();
    assertThat(result.at("/spec/containers/0/env")).hasSize(3);
  }

  static Stream<Arguments> metadataPatches() {
    return Stream.of(
        arguments(
            "a label set to null is removed",
            "{\"metadata\":{\"labels\":{\"tier\":null}}}",
            "/metadata/labels",
            "{app: web}"),
        arguments(
            "a label given a new value is overwritten",
            "{\"metadata\":{\"labels\":{\"tier\":\"backend\"}}}",
            "/metadata/labels",
            "{app: web, tier: backend}"),
        arguments(
            "apply rewrites the last-applied annotation and keeps the others",
            "{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":"
                + "\"{\\\"new\\\":true}\\n\"}}}",
            "/metadata/annotations",
            "{kubectl.kubernetes.io/last-applied-configuration: \"{\\\"new\\\":true}\\n\","
                + " example.com/owner: team-a}"),
        arguments(
            "finalizers merge as a set",
            "{\"metadata\":{\"finalizers\":[\"example.com/a\"]}}",
            "/metadata/finalizers",
            "[example.com/a]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("metadataPatches")
  void metadataPatchesMergeAsMaps(String sentence, String patch, String pointer, String expected) {
    JsonNode result = patched("Pod", WEB_POD, patch);

    assertThat(result.at(pointer)).isEqualTo(yaml(expected));
    assertThat(result.get("spec")).isEqualTo(yaml(WEB_POD).get("spec"));
  }

  @Test
  void portsMergeByContainerPort() {
    JsonNode result =
        patched(
            "Pod",
            WEB_POD,
            """
            {"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"sidecar"}],
                     "containers":[{"name":"web",
                       "$setElementOrder/ports":[{"containerPort":80},{"containerPort":443}],
                       "ports":[{"containerPort":80,"name":"web"},
                                {"containerPort":443,"name":"https"}]}]}}
            """);

    assertThat(result.at("/spec/containers/0/ports"))
        .isEqualTo(
            yaml(
                "[{containerPort: 80, name: web, protocol: TCP}, {containerPort: 443, name: https}]"));
  }

  @Test
  void envMergesByNameAndDeletesWithPatchDelete() {
    JsonNode result =
        patched(
            "Pod",
            WEB_POD,
            """
            {"spec":{"containers":[{"name":"web",
               "$setElementOrder/env":[{"name":"MODE"},{"name":"REGION"},{"name":"ZONE"}],
               "env":[{"name":"REGION","value":"us"},{"name":"ZONE","value":"a"},
                      {"$patch":"delete","name":"DEBUG"}]}]}}
            """);

    assertThat(result.at("/spec/containers/0/env"))
        .isEqualTo(
            yaml("[{name: MODE, value: prod}, {name: REGION, value: us}, {name: ZONE, value: a}]"));
  }

  @Test
  void clientSideApplyOfADeploymentScalesAndChangesTheImage() {
    String stored =
        """
        metadata:
          name: web
          annotations: {kubectl.kubernetes.io/last-applied-configuration: old, deployment.kubernetes.io/revision: "1"}
        spec:
          replicas: 1
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: nginx, image: nginx:1.25, imagePullPolicy: IfNotPresent}
        """;
    JsonNode result =
        patched(
            "Deployment",
            stored,
            """
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"new\\n"}},
             "spec":{"replicas":3,"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],
                     "containers":[{"image":"nginx:1.26","name":"nginx"}]}}}}
            """);

    assertThat(result.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(result.at("/spec/template/spec/containers"))
        .isEqualTo(yaml("[{name: nginx, image: nginx:1.26, imagePullPolicy: IfNotPresent}]"));
    assertThat(result.at("/metadata/annotations"))
        .isEqualTo(
            yaml(
                "{kubectl.kubernetes.io/last-applied-configuration: \"new\\n\","
                    + " deployment.kubernetes.io/revision: \"1\"}"));
  }

  @Test
  void kubectlSetImagePatchesOneContainerOfTheTemplate() {
    JsonNode result =
        patched(
            "Deployment",
            PATCH_DEMO,
            """
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"patch-demo-ctr"}],
              "containers":[{"image":"nginx:1.27","name":"patch-demo-ctr"}]}}}}
            """);

    assertThat(result.at("/spec/template/spec/containers"))
        .isEqualTo(yaml("[{name: patch-demo-ctr, image: nginx:1.27, imagePullPolicy: Always}]"));
  }

  @Test
  void rolloutRestartAddsTheRestartedAtAnnotationToTheTemplate() {
    JsonNode result =
        patched(
            "Deployment",
            PATCH_DEMO,
            """
            {"spec":{"template":{"metadata":{"annotations":
              {"kubectl.kubernetes.io/restartedAt":"2026-11-29T14:00:00Z"}}}}}
            """);

    assertThat(result.at("/spec/template/metadata"))
        .isEqualTo(
            yaml(
                "{labels: {app: nginx}, annotations:"
                    + " {kubectl.kubernetes.io/restartedAt: '2026-11-29T14:00:00Z'}}"));
    assertThat(result.at("/spec/template/spec"))
        .isEqualTo(yaml(PATCH_DEMO).at("/spec/template/spec"));
  }

  @Test
  void rolloutPauseAndResumeSetAndClearPaused() {
    JsonNode paused = patched("Deployment", yaml(PATCH_DEMO), yaml("{\"spec\":{\"paused\":true}}"));
    JsonNode resumed = patched("Deployment", paused, yaml("{\"spec\":{\"paused\":null}}"));

    assertThat(paused.at("/spec/paused").asBoolean()).isTrue();
    assertThat(resumed).isEqualTo(yaml(PATCH_DEMO));
  }

  @Test
  void cordonMarksTheNodeUnschedulable() {
    JsonNode result =
        patched(
            "Node",
            "{metadata: {name: node-1}, spec: {podCIDRs: [10.0.0.0/24]}}",
            "{\"spec\":{\"unschedulable\":true}}");

    assertThat(result.get("spec"))
        .isEqualTo(yaml("{podCIDRs: [10.0.0.0/24], unschedulable: true}"));
  }

  @Test
  void nodeStatusConditionsAndAddressesMergeByType() {
    JsonNode result =
        patched(
            "Node",
            """
            status:
              conditions:
              - {type: MemoryPressure, status: "False"}
              - {type: Ready, status: "False", reason: KubeletNotReady}
              addresses:
              - {type: InternalIP, address: 10.0.0.5}
              - {type: Hostname, address: node-1}
            """,
            """
            {"status":{"conditions":[{"type":"Ready","status":"True","reason":"KubeletReady"}],
                       "addresses":[{"type":"InternalIP","address":"10.0.0.6"}]}}
            """);

    assertThat(result.at("/status/conditions"))
        .isEqualTo(
            yaml(
                "[{type: MemoryPressure, status: 'False'}, {type: Ready, status: 'True', reason:"
                    + " KubeletReady}]"));
    assertThat(column(result, "/status/addresses", "address"))
        .containsExactly("10.0.0.6", "node-1");
  }

  @Test
  void serviceAndPodStatusListsFollowTheirTags() {
    JsonNode service =
        patched(
            "Service",
            "{spec: {ports: [{port: 80, targetPort: 8080}, {port: 443, targetPort: 8443}]}}",
            "{\"spec\":{\"ports\":[{\"port\":443,\"targetPort\":9443}]}}");
    JsonNode pod =
        patched(
            "Pod",
            "{status: {containerStatuses: [{name: a, ready: true}, {name: b, ready: true}]}}",
            "{\"status\":{\"containerStatuses\":[{\"name\":\"b\",\"ready\":false}]}}");

    assertThat(column(service, "/spec/ports", "targetPort")).containsExactly("8080", "9443");
    // Upstream's ContainerStatuses has no patch strategy: the list is replaced.
    assertThat(pod.at("/status/containerStatuses")).isEqualTo(yaml("[{name: b, ready: false}]"));
  }

  @Test
  void ownerReferencesMergeByUid() {
    JsonNode result =
        patched(
            "ReplicaSet",
            "{metadata: {ownerReferences: [{uid: u1, kind: Deployment, name: web, controller: true}]}}",
            "{\"metadata\":{\"ownerReferences\":[{\"uid\":\"u1\",\"controller\":null},"
                + "{\"uid\":\"u2\",\"kind\":\"Deployment\",\"name\":\"other\"}]}}");

    assertThat(result.at("/metadata/ownerReferences"))
        .isEqualTo(
            yaml(
                "[{uid: u1, kind: Deployment, name: web}, {uid: u2, kind: Deployment, name: other}]"));
  }

  @Test
  void theStatusOfThePodIsKeptByASpecPatch() {
    JsonNode result = patched("Pod", WEB_POD, "{\"spec\":{\"activeDeadlineSeconds\":30}}");

    assertThat(result.get("status")).isEqualTo(yaml("{phase: Running}"));
    assertThat(result.at("/spec/activeDeadlineSeconds").asInt()).isEqualTo(30);
    assertThat(List.of(result.get("apiVersion").asText(), result.get("kind").asText()))
        .containsExactly("v1", "Pod");
  }
}
