package dev.troupe.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KubeconfigCommandTest {

  @Test
  void theKubeconfigPointsKubectlAtTheLocalApiWithoutCredentials() throws Exception {
    JsonNode config = Json.yamlMapper().readTree(KubeconfigCommand.kubeconfig(18080));

    assertThat(config.path("kind").asText()).isEqualTo("Config");
    assertThat(config.at("/clusters/0/cluster/server").asText())
        .isEqualTo("http://127.0.0.1:18080");
    assertThat(config.path("current-context").asText()).isEqualTo("troupe");
    assertThat(config.at("/contexts/0/context/namespace").asText()).isEqualTo("default");
    assertThat(config.at("/users/0/user").isEmpty()).isTrue();
  }

  @Test
  void theCommandPrintsItForThePortItIsGiven() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = new CommandLine(new TroupeMain()).execute("kubeconfig", "--api-port", "9999");
    } finally {
      System.setOut(original);
    }

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("server: http://127.0.0.1:9999");
  }
}
