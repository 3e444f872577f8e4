package dev.troupe.http.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against the discovery routes: it must see every kind through aggregated
 * discovery and read the generated schemas. Runs only where {@code /usr/bin/kubectl} is installed.
 */
@EnabledIf("kubectlInstalled")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlDiscoveryTest {

  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");

  private final PodStub pod = new PodStub();
  private final DiscoveryTestServer server = DiscoveryTestServer.start(pod.routes());

  @TempDir Path home;

  static boolean kubectlInstalled() {
    return Files.isExecutable(KUBECTL);
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  /** What kubectl printed, and how it exited. */
  record Run(int exitCode, String out, String err) {

    /** The output row whose first column is {@code name}, split on whitespace. */
    List<String> row(String name) {
      return out.lines()
          .map(line -> Arrays.asList(line.trim().split("\\s+")))
          .filter(columns -> columns.get(0).equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError(name + " is not listed:\n" + out + err));
    }
  }

  @Test
  void apiResourcesListsEveryKindThroughAggregatedDiscovery() {
    Run run = kubectl("api-resources", "-v=6");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines().findFirst().orElse(""))
        .matches("NAME\\s+SHORTNAMES\\s+APIVERSION\\s+NAMESPACED\\s+KIND\\s*");
    assertThat(run.row("pods")).containsExactly("pods", "po", "v1", "true", "Pod");
    assertThat(run.row("deployments"))
        .containsExactly("deployments", "deploy", "apps/v1", "true", "Deployment");
    assertThat(run.row("replicasets"))
        .containsExactly("replicasets", "rs", "apps/v1", "true", "ReplicaSet");
    assertThat(run.row("nodes")).containsExactly("nodes", "no", "v1", "false", "Node");
    // Legacy discovery would have asked /api/v1 and /apis/apps/v1 too.
    assertThat(run.err()).contains("/apis?timeout=32s 200 OK").doesNotContain("/api/v1");
  }

  @Test
  void explainReadsTheGeneratedPodSchema() {
    Run run = kubectl("explain", "pod.spec.containers");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("KIND:       Pod")
        .contains("List of containers belonging to the pod.")
        .contains("image\t<string>")
        .contains("ports\t<[]ContainerPort>");
  }

  @Test
  void explainReadsTheEndpointSliceSchemaOfTheDiscoveryGroup() {
    Run run = kubectl("explain", "endpointslice.endpoints.conditions");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("GROUP:      discovery.k8s.io")
        .contains("KIND:       EndpointSlice")
        .contains("ready\t<boolean>")
        .contains("Whether the endpoint takes new traffic.");
  }

  @Test
  void explainReadsTheGeneratedDeploymentSchema() {
    Run run = kubectl("explain", "deployment.spec.strategy");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("GROUP:      apps")
        .contains("KIND:       Deployment")
        .contains("FIELD: strategy <DeploymentStrategy>")
        .contains("How old pods are replaced by new ones.")
        .contains("rollingUpdate\t<RollingUpdateDeployment>")
        .contains("type\t<string>");
    assertThat(kubectl("explain", "deployment.spec.strategy.rollingUpdate").out())
        .contains("maxSurge\t<IntOrString>")
        .contains("maxUnavailable\t<IntOrString>");
  }

  @Test
  void explainReadsTheGeneratedServiceSchema() {
    Run run = kubectl("explain", "service.spec.ports");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("KIND:       Service")
        .contains("FIELD: ports <[]ServicePort>")
        .contains("The ports the service exposes.")
        .contains("port\t<integer>")
        .contains("targetPort\t<IntOrString>");
  }

  /**
   * The schemas carry no strategic-merge keys, so kubectl must not compute its apply patch from
   * them: with its compiled-in Pod type it deletes the removed container by name.
   */
  @Test
  void clientSideApplyOfAPodPatchesByContainerNameAndValidatesOnTheServer() throws IOException {
    Path manifest = home.resolve("pod.yaml");
    Files.writeString(
        manifest,
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers: [{name: a, image: "nginx:2"}]
        """);

    Run run = kubectl("apply", "-f", manifest.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("pod/web configured\n");
    assertThat(run.err()).isEmpty();
    assertThat(pod.patches).hasSize(1);
    String patch = pod.patches.peek();
    // fieldValidation=Strict: kubectl found the Pod's PATCH operation in the OpenAPI document.
    assertThat(patch)
        .startsWith(
            "application/strategic-merge-patch+json "
                + "fieldManager=kubectl-client-side-apply&fieldValidation=Strict ")
        .contains("\"$setElementOrder/containers\":[{\"name\":\"a\"}]")
        .contains("{\"$patch\":\"delete\",\"name\":\"b\"}");
  }

  /** A pod {@code web} that was applied with containers a and b; PATCHes are recorded. */
  static final class PodStub extends AllDirectives {

    private static final String APPLIED =
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default"},\
        "spec":{"containers":[{"name":"a","image":"nginx:1"},{"name":"b","image":"busybox"}]}}""";

    /** The stored pod: what was applied, and the annotation kubectl diffs against. */
    private static final String POD = stored();

    private static String stored() {
      ObjectNode pod = (ObjectNode) Json.read(APPLIED, JsonNode.class);
      ((ObjectNode) pod.path("metadata"))
          .putObject("annotations")
          .put("kubectl.kubernetes.io/last-applied-configuration", APPLIED + "\n");
      return Json.write(pod);
    }

    /** Each PATCH as "content-type query body". */
    final Queue<String> patches = new ConcurrentLinkedQueue<>();

    Route routes() {
      return path(
          PathMatchers.segment("api")
              .slash("v1")
              .slash("namespaces")
              .slash("default")
              .slash("pods")
              .slash("web"),
          () ->
              concat(
                  get(() -> complete(pod())),
                  patch(
                      () ->
                          extractRequest(
                              request ->
                                  extractStrictEntity(
                                      Duration.ofSeconds(5),
                                      body -> {
                                        patches.add(
                                            body.getContentType()
                                                + " "
                                                + request.getUri().rawQueryString().orElse("")
                                                + " "
                                                + body.getData().utf8String());
                                        return complete(pod());
                                      })))));
    }

    private static HttpResponse pod() {
      return HttpResponse.create().withEntity(ContentTypes.APPLICATION_JSON, POD);
    }
  }

  private Run kubectl(String... arguments) {
    try {
      // A fresh home and cache per run: kubectl would otherwise answer from an earlier discovery.
      Path dir = Files.createTempDirectory(home, "kubectl");
      Path kubeconfig = dir.resolve("kubeconfig");
      Files.writeString(
          kubeconfig,
          """
          apiVersion: v1
          kind: Config
          clusters: [{name: local, cluster: {server: "http://127.0.0.1:%d"}}]
          contexts: [{name: local, context: {cluster: local, user: local, namespace: default}}]
          current-context: local
          users: [{name: local, user: {}}]
          """
              .formatted(server.port()));
      List<String> command = new ArrayList<>(List.of(KUBECTL.toString()));
      command.addAll(List.of("--kubeconfig", kubeconfig.toString()));
      command.addAll(List.of("--cache-dir", dir.resolve("cache").toString()));
      command.addAll(List.of(arguments));
      Path out = dir.resolve("out");
      Path err = dir.resolve("err");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().remove("KUBECONFIG");
      builder.environment().put("HOME", dir.toString());
      Process process = builder.start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl " + String.join(" ", arguments) + " took over 60s");
      }
      return new Run(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("kubectl could not run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while kubectl ran", e);
    }
  }
}
