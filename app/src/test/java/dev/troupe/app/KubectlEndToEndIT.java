package dev.troupe.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.node.runtime.ContainerInfo;
import dev.troupe.node.runtime.DockerRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real kubectl against the real {@code troupe server}, with default flags (default validation
 * on): each test asserts on kubectl's exit code and output, as a user reads them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlEndToEndIT {

  private final String nodeName = "kubectl-" + UUID.randomUUID().toString().substring(0, 8);
  private Path home;
  private TroupeProcess server;
  private DockerRuntime docker;

  /** One kubectl run: exit code and what it printed. */
  record Run(int code, String out, String err) {}

  @BeforeAll
  void startTheServer() throws Exception {
    home = Files.createTempDirectory("troupe-kubectl");
    server = new TroupeProcess(home.resolve("data"), nodeName);
    server.start();
    server.awaitReady(Duration.ofMinutes(3));
    Files.writeString(home.resolve("kubeconfig"), KubeconfigCommand.kubeconfig(server.apiPort));
    Files.writeString(
        home.resolve("web.yaml"),
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          labels:
            app: web
        spec:
          terminationGracePeriodSeconds: 5
          containers:
          - name: web
            image: troupe/hello:1
            ports:
            - containerPort: 8080
        """);
    docker = DockerRuntime.connect("unix:///var/run/docker.sock", "127.0.0.1");
  }

  @AfterAll
  void stopTheServer() throws Exception {
    if (server != null && server.process() != null) {
      long cassandra = server.cassandraPid();
      server.process().destroy();
      server.process().waitFor(60, TimeUnit.SECONDS);
      ProcessHandle.of(cassandra).ifPresent(ProcessHandle::destroyForcibly);
    }
    if (docker != null) {
      for (ContainerInfo c : docker.listByLabel("troupe.node", nodeName)) {
        docker.remove(c.id());
      }
      docker.close();
    }
  }

  @Test
  @Order(1)
  void versionReportsTheServerAsKubernetes132() throws Exception {
    Run run = kubectl("version");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("Server Version: v1.32.0+troupe-");
  }

  @Test
  @Order(2)
  void apiResourcesListsTheServedKindsWithShortNames() throws Exception {
    Run run = kubectl("api-resources");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("pods\\s+po\\s+v1\\s+true\\s+Pod");
    assertThat(run.out()).containsPattern("deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment");
  }

  @Test
  @Order(3)
  void createFromAFileValidatesOnTheServerAndTheGetTableShowsThePodRunning() throws Exception {
    Run create = kubectl("create", "-f", home.resolve("web.yaml").toString());
    assertThat(create.code()).as(create.err()).isZero();
    assertThat(create.out()).isEqualTo("pod/web created\n");

    TroupeProcess.awaitTrue(
        Duration.ofSeconds(60),
        () -> kubectlQuietly("get", "pods").out().matches("(?s).*web\\s+1/1\\s+Running\\s+0.*"),
        "kubectl get pods to show web 1/1 Running");
    Run wide = kubectl("get", "pods", "-o", "wide");
    assertThat(wide.out())
        .containsPattern("web\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+127\\.0\\.0\\.1\\s+" + nodeName);
  }

  @Test
  @Order(4)
  void getInEveryShapeUsersAskFor() throws Exception {
    assertThat(kubectl("get", "pod", "web", "-o", "yaml").out())
        .contains("kind: Pod", "name: web", "phase: Running");
    assertThat(kubectl("get", "pods", "-A").out()).containsPattern("default\\s+web\\s+1/1");
    assertThat(kubectl("get", "pods", "-l", "app=web").out()).contains("web");
    Run none = kubectl("get", "pods", "-l", "app=nothing");
    assertThat(none.code()).isZero();
    assertThat(none.err()).contains("No resources found in default namespace.");
    assertThat(kubectl("get", "pods", "--show-labels").out()).contains("app=web");
    assertThat(kubectl("get", "pod", "web", "-o", "name").out()).isEqualTo("pod/web\n");
  }

  @Test
  @Order(5)
  void explainReadsTheServedSchemas() throws Exception {
    Run run = kubectl("explain", "pod.spec.containers");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("KIND:       Pod", "FIELD: containers <[]Container>");
  }

  @Test
  @Order(6)
  void describeShowsTheNodeTheContainerAndTheConditions() throws Exception {
    Run run = kubectl("describe", "pod", "web");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Name:         web", "Node:         " + nodeName, "Ready:          True");
    assertThat(run.out()).containsPattern("Normal\\s+Scheduled\\s+\\S+\\s+default-scheduler");
    assertThat(run.out())
        .containsPattern("Normal\\s+Started\\s+\\S+\\s+kubelet\\s+Started container web");
  }

  @Test
  @Order(7)
  void labelAnnotateAndPatchInAllThreeFormatsChangeThePod() throws Exception {
    assertThat(kubectl("label", "pod", "web", "tier=frontend").out())
        .isEqualTo("pod/web labeled\n");
    assertThat(kubectl("annotate", "pod", "web", "note=hi").out()).isEqualTo("pod/web annotated\n");
    assertThat(kubectl("label", "pod", "web", "tier-").out()).isEqualTo("pod/web unlabeled\n");
    assertThat(
            kubectl("patch", "pod", "web", "-p", "{\"metadata\":{\"labels\":{\"s\":\"1\"}}}").out())
        .isEqualTo("pod/web patched\n");
    assertThat(
            kubectl(
                    "patch",
                    "pod",
                    "web",
                    "--type=merge",
                    "-p",
                    "{\"metadata\":{\"labels\":{\"m\":\"2\"}}}")
                .out())
        .isEqualTo("pod/web patched\n");
    assertThat(
            kubectl(
                    "patch",
                    "pod",
                    "web",
                    "--type=json",
                    "-p",
                    "[{\"op\":\"add\",\"path\":\"/metadata/labels/j\",\"value\":\"3\"}]")
                .out())
        .isEqualTo("pod/web patched\n");

    Run labels = kubectl("get", "pod", "web", "--show-labels");
    assertThat(labels.out()).contains("app=web,j=3,m=2,s=1").doesNotContain("tier");
    Run forbidden =
        kubectl("patch", "pod", "web", "-p", "{\"spec\":{\"restartPolicy\":\"Never\"}}");
    assertThat(forbidden.code()).isEqualTo(1);
    assertThat(forbidden.err())
        .contains("The Pod \"web\" is invalid: spec: Forbidden: pod updates may not change fields");
  }

  @Test
  @Order(8)
  void applyCreatesLeavesUnchangedAndConfiguresAndDiffShowsTheDifference() throws Exception {
    Path applied = home.resolve("applied.yaml");
    String manifest =
        Files.readString(home.resolve("web.yaml")).replace("name: web", "name: applied");
    Files.writeString(applied, manifest);

    assertThat(kubectl("apply", "-f", applied.toString()).out()).isEqualTo("pod/applied created\n");
    assertThat(kubectl("apply", "-f", applied.toString()).out())
        .isEqualTo("pod/applied unchanged\n");
    Files.writeString(applied, manifest.replace("app: web", "app: applied"));
    Run diff = kubectl("diff", "-f", applied.toString());
    assertThat(diff.code()).as("differences found").isEqualTo(1);
    assertThat(diff.out()).contains("-    app: web", "+    app: applied");
    assertThat(kubectl("apply", "-f", applied.toString()).out())
        .isEqualTo("pod/applied configured\n");
    assertThat(kubectl("get", "pod", "applied", "--show-labels").out()).contains("app=applied");

    Path live = home.resolve("live.yaml");
    Files.writeString(live, kubectl("get", "pod", "applied", "-o", "yaml").out());
    assertThat(kubectl("replace", "-f", live.toString()).out()).isEqualTo("pod/applied replaced\n");
    assertThat(kubectl("delete", "pod", "applied").code()).isZero();
  }

  @Test
  @Order(9)
  void getWatchPrintsTheChangesAsTheyHappen() throws Exception {
    Path printedTo = home.resolve("watch.out");
    Process watch = start(printedTo, "get", "pods", "-w");
    Run run = kubectl("run", "extra", "--image=troupe/hello:1");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("pod/extra created\n");

    Thread.sleep(3000);
    watch.destroy();
    watch.waitFor(10, TimeUnit.SECONDS);
    String printed = Files.readString(printedTo);
    assertThat(printed).containsPattern("web\\s+1/1\\s+Running");
    assertThat(printed).containsPattern("extra\\s+0/1\\s+Pending");
  }

  @Test
  @Order(10)
  void deleteWaitsUntilThePodAndItsContainerAreGone() throws Exception {
    Run run = kubectl("delete", "pod", "web", "extra");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("pod \"web\" deleted", "pod \"extra\" deleted");
    Run after = kubectl("get", "pod", "web");
    assertThat(after.code()).isEqualTo(1);
    assertThat(after.err()).contains("Error from server (NotFound): pods \"web\" not found");
    assertThat(docker.listByLabel("troupe.node", nodeName)).isEmpty();
  }

  @Test
  @Order(11)
  void anInvalidManifestIsRefusedWithEveryFieldAtFault() throws Exception {
    Path bad = home.resolve("bad.yaml");
    Files.writeString(
        bad,
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: bad
        spec:
          containers:
          - name: web
        """);

    Run run = kubectl("create", "-f", bad.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .contains("The Pod \"bad\" is invalid", "spec.containers[0].image: Required value");
  }

  @Test
  @Order(12)
  void getEventsListsWhatHappenedToThePods() throws Exception {
    Run run = kubectl("get", "events");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+MESSAGE");
    assertThat(run.out())
        .containsPattern("Normal\\s+Scheduled\\s+pod/web\\s+Successfully assigned default/web");
    assertThat(run.out()).containsPattern("Normal\\s+Killing\\s+pod/web\\s+Stopping container web");
    Run onlyWeb = kubectl("get", "events", "--field-selector", "involvedObject.name=extra");
    assertThat(onlyWeb.out()).contains("pod/extra").doesNotContain("pod/web ");
  }

  @Test
  @Order(13)
  void namespacesHoldWorkloadsAndServicesAndDeletingOneEmptiesIt() throws Exception {
    Run namespaces = kubectl("get", "namespaces");
    assertThat(namespaces.out())
        .containsPattern("default\\s+Active")
        .containsPattern("kube-system\\s+Active")
        .containsPattern("kube-node-lease\\s+Active");
    Path team = home.resolve("team.yaml");
    Files.writeString(
        team,
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: team
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: team
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: troupe/hello:1
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: team
        spec:
          selector: {app: web}
          ports:
          - port: 80
            targetPort: 8080
        """);

    Run applied = kubectl("apply", "-f", team.toString());
    assertThat(applied.code()).as(applied.err()).isZero();
    assertThat(applied.out())
        .isEqualTo("namespace/team created\ndeployment.apps/web created\nservice/web created\n");
    Run elsewhere = kubectl("-n", "nowhere", "apply", "-f", home.resolve("web.yaml").toString());
    assertThat(elsewhere.code()).isEqualTo(1);
    assertThat(elsewhere.err()).contains("namespaces \"nowhere\" not found");
    assertThat(kubectl("-n", "team", "scale", "deployment", "web", "--replicas=3").out())
        .isEqualTo("deployment.apps/web scaled\n");
    Run all = kubectl("-n", "team", "get", "all");
    assertThat(all.out())
        .containsPattern("service/web\\s+ClusterIP\\s+\\S+\\s+<none>\\s+80/TCP")
        .containsPattern("deployment.apps/web\\s+[0-3]/3")
        .containsPattern("replicaset.apps/web-[a-z0-9]+\\s+3\\s+");
    Run deleted = kubectl("delete", "namespace", "team");
    assertThat(deleted.code()).as(deleted.err()).isZero();
    assertThat(deleted.out()).isEqualTo("namespace \"team\" deleted\n");
    Run gone = kubectl("get", "namespace", "team");
    assertThat(gone.code()).isEqualTo(1);
    assertThat(gone.err()).contains("namespaces \"team\" not found");
  }

  @Test
  @Order(14)
  void serverSideApplyCreatesAppliesAgainAndReportsConflictsUnlessForced() throws Exception {
    Path ssa = home.resolve("ssa.yaml");
    String manifest =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: ssa
        spec:
          replicas: 2
          selector:
            matchLabels: {app: ssa}
          template:
            metadata:
              labels: {app: ssa}
            spec:
              containers:
              - name: web
                image: troupe/hello:1
        """;
    Files.writeString(ssa, manifest);

    assertThat(kubectl("apply", "--server-side", "-f", ssa.toString()).out())
        .isEqualTo("deployment.apps/ssa serverside-applied\n");
    assertThat(kubectl("apply", "--server-side", "-f", ssa.toString()).out())
        .isEqualTo("deployment.apps/ssa serverside-applied\n");
    assertThat(kubectl("scale", "deployment", "ssa", "--replicas=5").code()).isZero();
    Files.writeString(ssa, manifest.replace("replicas: 2", "replicas: 3"));
    Run conflict = kubectl("apply", "--server-side", "-f", ssa.toString());
    assertThat(conflict.code()).isEqualTo(1);
    assertThat(conflict.err())
        .contains(
            "Apply failed with 1 conflict: conflict with", ".spec.replicas", "--force-conflicts");
    Run forced = kubectl("apply", "--server-side", "--force-conflicts", "-f", ssa.toString());
    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(kubectl("get", "deployment", "ssa", "-o", "jsonpath={.spec.replicas}").out())
        .isEqualTo("3");
    Run managed = kubectl("get", "deployment", "ssa", "-o", "yaml", "--show-managed-fields");
    assertThat(managed.out()).contains("manager: kubectl", "operation: Apply", "f:replicas: {}");
  }

  @Test
  @Order(15)
  void aDeploymentRollsOutRollsBackAndTakesItsPodsWithItWhenDeleted() throws Exception {
    Path shop = home.resolve("shop.yaml");
    Files.writeString(
        shop,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shop
        spec:
          replicas: 2
          selector:
            matchLabels: {app: shop}
          template:
            metadata:
              labels: {app: shop}
            spec:
              terminationGracePeriodSeconds: 2
              containers:
              - name: web
                image: troupe/hello:1
        """);

    assertThat(kubectl("apply", "-f", shop.toString()).out())
        .isEqualTo("deployment.apps/shop created\n");
    Run rolledOut = kubectl("rollout", "status", "deployment/shop", "--timeout=90s");
    assertThat(rolledOut.code()).as(rolledOut.err()).isZero();
    assertThat(rolledOut.out()).contains("deployment \"shop\" successfully rolled out");
    assertThat(kubectl("get", "pods", "-l", "app=shop").out())
        .containsPattern("shop-[a-z0-9]+-[a-z0-9]{5}\\s+1/1\\s+Running");

    assertThat(kubectl("set", "env", "deployment/shop", "COLOR=blue").code()).isZero();
    Run second = kubectl("rollout", "status", "deployment/shop", "--timeout=90s");
    assertThat(second.code()).as(second.err()).isZero();
    Run history = kubectl("rollout", "history", "deployment/shop");
    assertThat(history.out()).containsPattern("(?m)^1\\s").containsPattern("(?m)^2\\s");
    assertThat(kubectl("get", "replicasets", "-l", "app=shop").out())
        .containsPattern("shop-[a-z0-9]+\\s+0\\s+0\\s+0")
        .containsPattern("shop-[a-z0-9]+\\s+2\\s+2\\s+2");

    Run undo = kubectl("rollout", "undo", "deployment/shop");
    assertThat(undo.out()).isEqualTo("deployment.apps/shop rolled back\n");
    Run third = kubectl("rollout", "status", "deployment/shop", "--timeout=90s");
    assertThat(third.code()).as(third.err()).isZero();
    assertThat(
            kubectl(
                    "get",
                    "deployment",
                    "shop",
                    "-o",
                    "jsonpath={.spec.template.spec.containers[0].env}")
                .out())
        .isEmpty();

    assertThat(kubectl("delete", "deployment", "shop").code()).isZero();
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(60),
        () -> kubectlQuietly("get", "pods", "-l", "app=shop").err().contains("No resources found"),
        "the deployment's pods to be gone");
    assertThat(kubectl("get", "replicasets", "-l", "app=shop").err())
        .contains("No resources found");
  }

  @Test
  @Order(16)
  void aDeploymentThatMayRollBackReturnsToItsLastGoodRevisionWhenARolloutStalls() throws Exception {
    Path guarded = home.resolve("guarded.yaml");
    Files.writeString(
        guarded,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: guarded
          annotations: {troupe.dev/auto-rollback: "true"}
        spec:
          replicas: 2
          progressDeadlineSeconds: 8
          selector:
            matchLabels: {app: guarded}
          template:
            metadata:
              labels: {app: guarded}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: web
                image: troupe/hello:1
        """);
    assertThat(kubectl("apply", "-f", guarded.toString()).code()).isZero();
    assertThat(kubectl("rollout", "status", "deployment/guarded", "--timeout=60s").code()).isZero();

    assertThat(kubectl("set", "image", "deployment/guarded", "web=troupe/crash:1").code()).isZero();

    TroupeProcess.awaitTrue(
        Duration.ofSeconds(60),
        () ->
            kubectlQuietly(
                    "get",
                    "deployment",
                    "guarded",
                    "-o",
                    "jsonpath={.spec.template.spec.containers[0].image}")
                .out()
                .equals("troupe/hello:1"),
        "the deployment to return to troupe/hello:1 by itself");
    Run annotation =
        kubectl(
            "get",
            "deployment",
            "guarded",
            "-o",
            "jsonpath={.metadata.annotations.troupe\\.dev/rolled-back}");
    assertThat(annotation.out())
        .isEqualTo("from revision 2 to revision 1: revision 2 exceeded its progress deadline");
    Run settled = kubectl("rollout", "status", "deployment/guarded", "--timeout=60s");
    assertThat(settled.code()).as(settled.err()).isZero();
    assertThat(kubectl("delete", "deployment", "guarded").code()).isZero();
  }

  @Test
  @Order(17)
  void setImageRollsToASecondImageUndoScaleAStalledRolloutAndEveryDeletePolicy() throws Exception {
    Path roll = home.resolve("roll.yaml");
    Files.writeString(
        roll,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: roll
        spec:
          replicas: 3
          progressDeadlineSeconds: 8
          selector:
            matchLabels: {app: roll}
          template:
            metadata:
              labels: {app: roll}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: web
                image: troupe/hello:1
        """);
    assertThat(kubectl("apply", "-f", roll.toString()).code()).isZero();
    assertThat(kubectl("rollout", "status", "deployment/roll", "--timeout=60s").code()).isZero();

    Path watched = home.resolve("rs-watch.out");
    Process watch = start(watched, "get", "rs", "-l", "app=roll", "-w");
    assertThat(kubectl("set", "image", "deployment/roll", "web=troupe/hello:2").code()).isZero();
    Run rolled = kubectl("rollout", "status", "deployment/roll", "--timeout=60s");
    assertThat(rolled.code()).as(rolled.err()).isZero();
    Thread.sleep(1000);
    watch.destroy();
    watch.waitFor(10, TimeUnit.SECONDS);
    String rsChanges = Files.readString(watched);
    assertThat(rsChanges).containsPattern("roll-[a-z0-9]+\\s+3\\s+3\\s+3");
    assertThat(rsChanges).containsPattern("roll-[a-z0-9]+\\s+0\\s+0\\s+0");
    Run history = kubectl("rollout", "history", "deployment/roll");
    assertThat(history.out()).containsPattern("(?m)^1\\s").containsPattern("(?m)^2\\s");

    assertThat(kubectl("rollout", "undo", "deployment/roll").code()).isZero();
    assertThat(kubectl("rollout", "status", "deployment/roll", "--timeout=60s").code()).isZero();
    assertThat(
            kubectl(
                    "get",
                    "deployment",
                    "roll",
                    "-o",
                    "jsonpath={.spec.template.spec.containers[0].image}")
                .out())
        .isEqualTo("troupe/hello:1");

    assertThat(kubectl("scale", "deployment", "roll", "--replicas=5").code()).isZero();
    assertThat(kubectl("rollout", "status", "deployment/roll", "--timeout=60s").code()).isZero();
    assertThat(kubectl("get", "deployment", "roll").out()).containsPattern("roll\\s+5/5\\s+5\\s+5");

    assertThat(kubectl("set", "image", "deployment/roll", "web=troupe/crash:1").code()).isZero();
    Run stalled = kubectl("rollout", "status", "deployment/roll", "--timeout=90s");
    assertThat(stalled.code()).isEqualTo(1);
    assertThat(stalled.err()).contains("deployment \"roll\" exceeded its progress deadline");

    Run orphaned = kubectl("delete", "deployment", "roll", "--cascade=orphan");
    assertThat(orphaned.code()).as(orphaned.err()).isZero();
    Run left = kubectl("get", "rs", "-l", "app=roll", "-o", "name");
    assertThat(left.out().lines()).hasSizeGreaterThanOrEqualTo(2);
    for (String rs : left.out().lines().toList()) {
      assertThat(kubectl("get", rs, "-o", "jsonpath={.metadata.ownerReferences}").out()).isEmpty();
    }
    Run foreground =
        kubectl("delete", "rs", "-l", "app=roll", "--cascade=foreground", "--timeout=60s");
    assertThat(foreground.code()).as(foreground.err()).isZero();
    assertThat(kubectl("get", "rs", "-l", "app=roll").err()).contains("No resources found");
    assertThat(kubectl("get", "pods", "-l", "app=roll").err()).contains("No resources found");
  }

  @Test
  @Order(18)
  void logsFollowAContainerTailItsPreviousRunAndReadADeploymentsPod() throws Exception {
    Path talker = home.resolve("talker.yaml");
    Files.writeString(
        talker,
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: talker
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: main
            image: troupe/hello:1
            command: ["/bin/sh", "-c",
              "i=0; while [ $i -lt 20 ]; do echo line $i; i=$((i+1)); sleep 0.5; done; echo bye; exit 3"]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: chatty
        spec:
          replicas: 1
          selector:
            matchLabels: {app: chatty}
          template:
            metadata:
              labels: {app: chatty}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: web
                image: troupe/hello:1
                command: ["/bin/sh", "-c", "echo hello from $POD in $(NS); exec /bin/sh /start.sh"]
                env:
                - name: POD
                  valueFrom: {fieldRef: {fieldPath: metadata.name}}
                - name: NS
                  valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
        """);
    assertThat(kubectl("apply", "-f", talker.toString()).code()).isZero();
    Run ready = kubectl("wait", "--for=condition=Ready", "pod/talker", "--timeout=60s");
    assertThat(ready.code()).as(ready.err()).isZero();

    Path followed = home.resolve("follow.out");
    Process follow = start(followed, "logs", "-f", "talker");
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(20),
        () -> readQuietly(followed).contains("line 2"),
        "lines to stream while the container runs");
    String whileRunning = readQuietly(followed);
    assertThat(follow.waitFor(60, TimeUnit.SECONDS)).as("follow ends with the container").isTrue();
    assertThat(follow.exitValue()).isZero();
    assertThat(whileRunning).doesNotContain("bye");
    assertThat(readQuietly(followed)).endsWith("line 19\nbye\n");

    TroupeProcess.awaitTrue(
        Duration.ofSeconds(30),
        () ->
            !kubectlQuietly(
                    "get",
                    "pod",
                    "talker",
                    "-o",
                    "jsonpath={.status.containerStatuses[0].restartCount}")
                .out()
                .equals("0"),
        "the container to be restarted");
    assertThat(kubectl("logs", "talker", "--previous", "--tail=2").out())
        .isEqualTo("line 19\nbye\n");
    assertThat(kubectl("logs", "talker", "--previous", "--limit-bytes=6").out())
        .isEqualTo("line 0");
    Run unknown = kubectl("logs", "talker", "-c", "nope");
    assertThat(unknown.code()).isNotZero();
    assertThat(unknown.err()).contains("container nope is not valid for pod talker");

    assertThat(kubectl("rollout", "status", "deployment/chatty", "--timeout=60s").code()).isZero();
    assertThat(kubectl("logs", "deploy/chatty").out())
        .matches("hello from chatty-[a-z0-9]+-[a-z0-9]{5} in default\n");

    assertThat(kubectl("delete", "-f", talker.toString(), "--wait=false").code()).isZero();
  }

  @Test
  @Order(19)
  void aServiceBalancesAcrossItsReadyPodsAndFollowsScaleReadinessAffinityAndNodePorts()
      throws Exception {
    Path web = home.resolve("balanced.yaml");
    Files.writeString(
        web,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: balanced
        spec:
          replicas: 3
          selector:
            matchLabels: {app: balanced}
          template:
            metadata:
              labels: {app: balanced}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: web
                image: troupe/hello:1
                ports: [{containerPort: 8080}]
                readinessProbe:
                  httpGet: {path: /healthz, port: 8080}
                  periodSeconds: 1
                  failureThreshold: 1
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: sticky
        spec:
          selector: {app: balanced}
          sessionAffinity: ClientIP
          ports: [{port: 80, targetPort: 8080}]
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: headless
        spec:
          clusterIP: None
          selector: {app: balanced}
          ports: [{port: 8080}]
        """);
    assertThat(kubectl("apply", "-f", web.toString()).code()).isZero();
    assertThat(kubectl("rollout", "status", "deployment/balanced", "--timeout=60s").code())
        .isZero();
    Run exposed =
        kubectl("expose", "deployment", "balanced", "--port", "80", "--target-port", "8080");
    assertThat(exposed.out()).isEqualTo("service/balanced exposed\n");
    assertThat(kubectl("get", "svc", "balanced").out())
        .containsPattern("balanced\\s+ClusterIP\\s+127\\.77\\.\\d+\\.\\d+\\s+<none>\\s+80/TCP");
    String clusterIp = kubectl("get", "svc", "balanced", "-o", "jsonpath={.spec.clusterIP}").out();

    // 300 requests through the service reach all three pods, roughly evenly
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(20),
        () -> fetchQuietly(clusterIp, 80).startsWith("Hello from balanced-"),
        "the service to answer");
    java.util.Map<String, Integer> answers = new java.util.HashMap<>();
    for (int i = 0; i < 300; i++) {
      answers.merge(fetchQuietly(clusterIp, 80), 1, Integer::sum);
    }
    assertThat(answers).hasSize(3);
    assertThat(answers.values()).allSatisfy(n -> assertThat(n).isBetween(60, 140));

    // one pod fails its readiness: it leaves the rotation
    String leaving = answers.keySet().iterator().next().replace("Hello from ", "").strip();
    removeHealthz(leaving);
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(20),
        () -> {
          for (int i = 0; i < 12; i++) {
            if (fetchQuietly(clusterIp, 80).contains(leaving)) {
              return false;
            }
          }
          return true;
        },
        "the pod that is not ready to leave the rotation");

    // ClientIP affinity pins a client to one pod
    String stickyIp = kubectl("get", "svc", "sticky", "-o", "jsonpath={.spec.clusterIP}").out();
    String first = fetchQuietly(stickyIp, 80);
    for (int i = 0; i < 20; i++) {
      assertThat(fetchQuietly(stickyIp, 80)).isEqualTo(first);
    }

    // a NodePort answers on the node's address
    Run nodePort =
        kubectl(
            "expose",
            "deployment",
            "balanced",
            "--name",
            "balanced-np",
            "--type",
            "NodePort",
            "--port",
            "8080");
    assertThat(nodePort.code()).as(nodePort.err()).isZero();
    int port =
        Integer.parseInt(
            kubectl("get", "svc", "balanced-np", "-o", "jsonpath={.spec.ports[0].nodePort}").out());
    assertThat(port).isBetween(30000, 32767);
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(10),
        () -> fetchQuietly("127.0.0.1", port).startsWith("Hello from balanced-"),
        "the node port to answer");

    // headless: no cluster IP, endpoints only
    assertThat(kubectl("get", "svc", "headless", "-o", "jsonpath={.spec.clusterIP}").out())
        .isEqualTo("None");
    assertThat(kubectl("get", "endpoints", "headless").out()).contains("127.0.0.1:");
    // its EndpointSlices: one per pod, for each pod publishes its port on a host port of its own
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(10),
        () ->
            kubectlQuietly("get", "endpointslices", "-l", "kubernetes.io/service-name=headless")
                    .out()
                    .lines()
                    .filter(
                        l -> l.matches("headless-\\S+\\s+IPv4\\s+\\d+\\s+127\\.0\\.0\\.1\\s+.*"))
                    .count()
                == 3,
        "the headless service to have a slice for each of its three pods");

    // scaled to one: within a second every request goes to the one pod left; of two connections
    // open to the two ready pods (in turn), the one to the pod that goes is closed, the other stays
    java.net.Socket[] open = {
      new java.net.Socket(clusterIp, 80), new java.net.Socket(clusterIp, 80)
    };
    assertThat(kubectl("scale", "deployment", "balanced", "--replicas=1").code()).isZero();
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(30),
        () ->
            kubectlQuietly("get", "pods", "-l", "app=balanced", "-o", "name").out().lines().count()
                == 1,
        "the deployment to be down to one pod");
    TroupeProcess.awaitTrue(
        Duration.ofSeconds(20),
        () -> isClosed(open[0]) || isClosed(open[1]),
        "the connection to the pod that went to be closed");
    assertThat(isClosed(open[0]) && isClosed(open[1])).as("both connections closed").isFalse();
    for (java.net.Socket socket : open) {
      socket.close();
    }
    Thread.sleep(1000);
    java.util.Set<String> afterScale = new java.util.HashSet<>();
    for (int i = 0; i < 20; i++) {
      afterScale.add(fetchQuietly(clusterIp, 80));
    }
    assertThat(afterScale).hasSize(1);

    assertThat(kubectl("delete", "-f", web.toString(), "--wait=false").code()).isZero();
    assertThat(kubectl("delete", "svc", "balanced", "balanced-np").code()).isZero();
  }

  /** Removes the pod's health file in its container, so that its readiness probe fails. */
  private void removeHealthz(String pod) throws Exception {
    String uid = kubectl("get", "pod", pod, "-o", "jsonpath={.metadata.uid}").out();
    for (ContainerInfo c : docker.listByLabel("troupe.pod.uid", uid)) {
      if (!"true".equals(c.labels().get("troupe.sandbox")) && c.isRunning()) {
        assertThat(
                docker
                    .exec(c.id(), List.of("rm", "/www/healthz"), Duration.ofSeconds(5))
                    .exitCode())
            .isZero();
      }
    }
  }

  /** One HTTP GET through an address, the answer's body or the failure. */
  private static String fetchQuietly(String host, int port) {
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(2))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create("http://%s:%d/".formatted(host, port)))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return response.body();
    } catch (IOException e) {
      return "failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** Whether the far side closed {@code socket}: a read ends or fails rather than waiting. */
  private static boolean isClosed(java.net.Socket socket) {
    try {
      socket.setSoTimeout(200);
      return socket.getInputStream().read() < 0;
    } catch (java.net.SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  private Run kubectl(String... args) throws IOException, InterruptedException {
    Process process = start(args);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
    }
    return new Run(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private Run kubectlQuietly(String... args) {
    try {
      return kubectl(args);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Process start(Path output, String... args) throws IOException {
    ProcessBuilder builder = builder(args);
    builder.redirectErrorStream(true);
    builder.redirectOutput(output.toFile());
    return builder.start();
  }

  private Process start(String... args) throws IOException {
    return builder(args).start();
  }

  private ProcessBuilder builder(String... args) {
    List<String> command = new ArrayList<>();
    command.add("kubectl");
    command.add("--kubeconfig=" + home.resolve("kubeconfig"));
    command.add("--cache-dir=" + home.resolve("cache"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("HOME", home.toString());
    return builder;
  }
}
