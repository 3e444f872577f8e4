package dev.troupe.app;

import static dev.troupe.app.KubectlSession.readQuietly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.app.KubectlSession.Run;
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
 * Workloads end to end: the real kubectl rolls Deployments of the real {@code troupe server} out,
 * back and away, watches a stalled rollout return by itself, and reads their pods' logs, asserting
 * on exit codes and output as a user reads them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlWorkloadsIT extends OnKubectlSession {

  private Path home;

  KubectlWorkloadsIT() {
    super("workloads");
  }

  @BeforeAll
  void findTheHome() {
    home = session.home;
  }

  @Test
  @Order(1)
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
  @Order(2)
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
  @Order(3)
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
  @Order(4)
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
}
