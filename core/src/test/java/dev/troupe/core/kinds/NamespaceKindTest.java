package dev.troupe.core.kinds;

import static dev.troupe.core.kinds.KindFixtures.create;
import static dev.troupe.core.kinds.KindFixtures.messages;
import static dev.troupe.core.kinds.KindFixtures.stored;
import static dev.troupe.core.kinds.KindFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.core.model.KubeObject;
import org.junit.jupiter.api.Test;

class NamespaceKindTest {

  private static final NamespaceKind KIND = NamespaceKind.INSTANCE;

  @Test
  void aNewNamespaceIsActiveWaitsForTheKubernetesFinalizerAndIsLabelledWithItsName() {
    KubeObject namespace = stored(KIND, "{\"metadata\":{\"name\":\"team-a\"}}");

    assertThat(namespace.at("/spec")).isEqualTo(tree("{\"finalizers\":[\"kubernetes\"]}"));
    assertThat(namespace.at("/status")).isEqualTo(tree("{\"phase\":\"Active\"}"));
    assertThat(namespace.metadata().labels())
        .containsEntry("kubernetes.io/metadata.name", "team-a");
    assertThat(namespace.metadata().namespace()).isNull();
  }

  @Test
  void theNameLabelFollowsTheNameWhatEverWasSent() {
    KubeObject namespace =
        stored(
            KIND,
            """
            {"metadata":{"name":"team-a","labels":{"kubernetes.io/metadata.name":"other","env":"dev"}}}
            """);

    assertThat(namespace.metadata().labels())
        .containsEntry("kubernetes.io/metadata.name", "team-a")
        .containsEntry("env", "dev");
  }

  @Test
  void finalizersSentAreKeptEvenWhenEmpty() {
    KubeObject namespace =
        stored(KIND, "{\"metadata\":{\"name\":\"team-a\"},\"spec\":{\"finalizers\":[]}}");

    assertThat(namespace.at("/spec/finalizers")).isEqualTo(tree("[]"));
    assertThat(KIND.deletionHeld(namespace)).isFalse();
  }

  @Test
  void aNamespaceNameMustBeADnsLabelNotASubdomain() {
    assertThat(messages(create(KIND, "{\"metadata\":{\"name\":\"team.a\"}}").errors()))
        .containsExactly(
            "metadata.name: Invalid value: \"team.a\": a lowercase RFC 1123 label must consist of"
                + " lower case alphanumeric characters or '-', and must start and end with an"
                + " alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for"
                + " validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
  }

  @Test
  void aTerminatingNamespaceShowsTerminatingAndWaitsWhileItHasFinalizers() {
    KubeObject namespace = stored(KIND, "{\"metadata\":{\"name\":\"team-a\"}}");

    KubeObject terminating = KIND.whenTerminating(namespace);

    assertThat(terminating.text("/status/phase")).isEqualTo("Terminating");
    assertThat(KIND.deletionHeld(terminating)).isTrue();
    assertThat(KIND.deletionHeld(terminating.with("spec", tree("{\"finalizers\":[]}")))).isFalse();
  }
}
