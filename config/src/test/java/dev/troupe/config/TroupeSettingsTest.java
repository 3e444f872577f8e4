package dev.troupe.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TroupeSettingsTest {

  @Test
  void theDefaultsAreKubernetesAndTheEmbeddedSetup() {
    TroupeSettings settings = TroupeSettings.load();

    assertThat(settings.dataDir()).isEqualTo(Path.of(".troupe"));
    assertThat(settings.api().host()).isEqualTo("127.0.0.1");
    assertThat(settings.api().port()).isEqualTo(8080);
    assertThat(settings.api().maxBodyBytes()).isEqualTo(3L * 1024 * 1024);
    assertThat(settings.node().runtime()).isEqualTo("docker");
    assertThat(settings.node().dockerHost()).isEqualTo("unix:///var/run/docker.sock");
    assertThat(settings.pods().backoffInitial()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.pods().backoffCap()).isEqualTo(Duration.ofSeconds(300));
    assertThat(settings.pods().backoffResetAfter()).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.cassandra().isEmbedded()).isTrue();
    assertThat(settings.cassandra().embedded().heap()).isEqualTo("1g");
    assertThat(settings.cluster().roles()).containsExactly("control-plane", "worker");
  }

  @Test
  void overridesReplaceOnlyTheSettingsTheyName() {
    TroupeSettings settings =
        TroupeSettings.load(
            Map.of(
                "troupe.api.port", 18080,
                "troupe.cassandra.contact-point", "127.0.0.1:9042",
                "troupe.node.name", "node-a"));

    assertThat(settings.api().port()).isEqualTo(18080);
    assertThat(settings.api().host()).isEqualTo("127.0.0.1");
    assertThat(settings.cassandra().isEmbedded()).isFalse();
    assertThat(settings.cassandra().contactPoint()).isEqualTo("127.0.0.1:9042");
    assertThat(settings.node().name()).isEqualTo("node-a");
  }
}
