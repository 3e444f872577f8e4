package dev.troupe.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.app.KubectlSession.Run;
import dev.troupe.node.runtime.DockerRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real kubectl against the real {@code troupe server}, with default flags (default validation
 * on): each test asserts on kubectl's exit code and output, as a user reads them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlEndToEndIT extends OnKubectlSession {

  private String nodeName;
  private Path home;
  private DockerRuntime docker;

  KubectlEndToEndIT() {
    super("kubectl");
  }

  @BeforeAll
  void writeThePodManifest() throws Exception {
    nodeName = session.nodeName;
    home = session.home;
    docker = session.docker;
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
}
