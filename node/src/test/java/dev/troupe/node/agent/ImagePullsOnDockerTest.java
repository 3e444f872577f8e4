package dev.troupe.node.agent;

import static dev.troupe.node.agent.DockerNodeFixture.messages;
import static dev.troupe.node.agent.DockerNodeFixture.waitingReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Pod;
import dev.troupe.core.pod.RestartBackoff;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Image pulls under each pull policy, from the registry on loopback that scripts/setup-machine runs
 * ({@code 127.0.0.1:5055}, holding {@code troupe/hello:1}), with a short pull back-off.
 */
class ImagePullsOnDockerTest extends OnDockerNode {

  @Override
  RestartBackoff pullBackoff() {
    return new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofDays(1));
  }

  @BeforeAll
  void theRegistryHoldsTheImage() throws Exception {
    assertThat(registryHas("troupe/hello", "1"))
        .as("the registry at %s holds troupe/hello:1 (run scripts/setup-machine)", REGISTRY)
        .isTrue();
  }

  private static final String REGISTRY = "127.0.0.1:5055";
  private static final String PULLABLE = REGISTRY + "/troupe/hello:1";

  @Test
  void ifNotPresentPullsAnAbsentImageFromTheRegistryItNames() throws Exception {
    removeLocal(PULLABLE);

    node.create("fetched", container(PULLABLE, "IfNotPresent"));

    node.awaitPod("fetched", p -> "Running".equals(p.status().phase()));
    List<KubeObject> events = node.awaitEvents("fetched", e -> !messages(e, "Pulled").isEmpty());
    assertThat(messages(events, "Pulling")).containsExactly("Pulling image \"" + PULLABLE + "\"");
    assertThat(messages(events, "Pulled"))
        .singleElement()
        .asString()
        .matches(
            "Successfully pulled image \"127\\.0\\.0\\.1:5055/troupe/hello:1\" in [0-9.]+m?s"
                + " \\([0-9.]+m?s including waiting\\)");
    assertThat(node.runtime.hasImage(PULLABLE)).isTrue();
  }

  @Test
  void alwaysPullsEvenAnImageThatIsPresentAndIfNotPresentDoesNot() {
    assertThat(node.runtime.hasImage("troupe/hello:1")).isTrue();
    node.runtime.pull(PULLABLE);

    node.create("always", container(PULLABLE, "Always"));
    node.create("present", container(PULLABLE, "IfNotPresent"));

    node.awaitPod("always", p -> "Running".equals(p.status().phase()));
    node.awaitPod("present", p -> "Running".equals(p.status().phase()));
    assertThat(
            messages(node.awaitEvents("always", e -> !messages(e, "Pulled").isEmpty()), "Pulled"))
        .singleElement()
        .asString()
        .startsWith("Successfully pulled image");
    List<KubeObject> present = node.awaitEvents("present", e -> !messages(e, "Pulled").isEmpty());
    assertThat(messages(present, "Pulling")).isEmpty();
    assertThat(messages(present, "Pulled"))
        .containsExactly("Container image \"" + PULLABLE + "\" already present on machine");
  }

  @Test
  void neverRefusesAnAbsentImageWithErrImageNeverPull() throws Exception {
    String absent = REGISTRY + "/troupe/hello:never-here";

    node.create("never", container(absent, "Never"));

    Pod waiting = node.awaitPod("never", p -> "ErrImageNeverPull".equals(waitingReason(p)));
    assertThat(waiting.status().containerStatuses().get(0).state().waiting().message())
        .isEqualTo("Container image \"" + absent + "\" is not present with pull policy of Never");
    assertThat(messages(node.awaitEvents("never", e -> !messages(e, "Failed").isEmpty()), "Failed"))
        .contains("Error: ErrImageNeverPull");
  }

  @Test
  void aMissingImageFailsToPullThenBacksOffAndTriesAgain() {
    String missing = REGISTRY + "/troupe/missing:1";

    node.create("missing", container(missing, "IfNotPresent"));

    // ErrImagePull lasts only until the next pass; the events below keep it on record
    Pod backingOff = node.awaitPod("missing", p -> "ImagePullBackOff".equals(waitingReason(p)));
    assertThat(backingOff.status().containerStatuses().get(0).state().waiting().message())
        .startsWith("Back-off pulling image \"" + missing + "\": ErrImagePull: ");
    List<KubeObject> events =
        node.awaitEvents(
            "missing",
            e ->
                e.stream()
                    .anyMatch(
                        x ->
                            "Pulling".equals(x.at("/reason").asText())
                                && x.at("/count").asInt() >= 2));
    assertThat(messages(events, "Failed"))
        .contains("Error: ErrImagePull", "Error: ImagePullBackOff")
        .anySatisfy(m -> assertThat(m).startsWith("Failed to pull image \"" + missing + "\": "));
    assertThat(messages(events, "BackOff")).contains("Back-off pulling image \"" + missing + "\"");
    assertThat(backingOff.status().phase()).isEqualTo("Pending");
  }

  private static String container(String image, String policy) {
    return """
        {"name":"web","image":"%s","imagePullPolicy":"%s"}
        """
        .formatted(image, policy);
  }

  private static boolean registryHas(String repository, String tag) throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://%s/v2/%s/tags/list".formatted(REGISTRY, repository)))
            .timeout(Duration.ofSeconds(5))
            .build();
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 && response.body().contains("\"" + tag + "\"");
  }

  /** Removes a local image with the Docker CLI, so that the next use has to pull it. */
  private static void removeLocal(String image) throws Exception {
    Process rmi =
        new ProcessBuilder("docker", "rmi", "-f", image).redirectErrorStream(true).start();
    rmi.getInputStream().readAllBytes();
    rmi.waitFor();
  }
}
