package dev.troupe.core.workloads;

import static dev.troupe.core.workloads.DeploymentFixtures.V1;
import static dev.troupe.core.workloads.DeploymentFixtures.V2;
import static dev.troupe.core.workloads.DeploymentFixtures.json;
import static dev.troupe.core.workloads.DeploymentFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pod-template-hash: equal templates hash equal, any change hashes differently. */
class TemplateHashTest {

  private static final String SAFE = "bcdfghjklmnpqrstvwxz2456789";

  @Test
  void theSameTemplateWithItsKeysInAnotherOrderHashesEqual() {
    JsonNode ordered =
        json(
            """
            {"metadata":{"labels":{"app":"web","tier":"frontend"}},
             "spec":{"containers":[{"name":"app","image":"nginx:1.26"}],"restartPolicy":"Always"}}
            """);
    JsonNode reordered =
        json(
            """
            {"spec":{"restartPolicy":"Always","containers":[{"image":"nginx:1.26","name":"app"}]},
             "metadata":{"labels":{"tier":"frontend","app":"web"}}}
            """);

    assertThat(TemplateHash.of(reordered, 0)).isEqualTo(TemplateHash.of(ordered, 0));
  }

  @Test
  void aNumberHeldAsALongHashesAsTheSameNumberParsedAsAnInt() {
    ObjectNode parsed = template(V1);
    ObjectNode built = template(V1);
    ((ObjectNode) built.at("/spec/containers/0/ports/0")).put("containerPort", 80L);
    assertThat(parsed.at("/spec/containers/0/ports/0/containerPort").isInt()).isTrue();
    assertThat(built.at("/spec/containers/0/ports/0/containerPort").isLong()).isTrue();

    assertThat(TemplateHash.of(built, 0)).isEqualTo(TemplateHash.of(parsed, 0));
  }

  @Test
  void theHashIsAFunctionOfTheTemplateOnly() {
    assertThat(TemplateHash.of(template(V1), 0)).isEqualTo(TemplateHash.of(template(V1), 0));
  }

  @Test
  void aChangedImageHashesDifferently() {
    assertThat(TemplateHash.of(template(V2), 0)).isNotEqualTo(TemplateHash.of(template(V1), 0));
  }

  @Test
  void aChangedLabelHashesDifferently() {
    ObjectNode labelled = template(V1);
    ((ObjectNode) labelled.at("/metadata/labels")).put("track", "canary");

    assertThat(TemplateHash.of(labelled, 0)).isNotEqualTo(TemplateHash.of(template(V1), 0));
  }

  @Test
  void everyCollisionCountGivesAnotherHash() {
    Set<String> hashes = new HashSet<>();
    for (int collisionCount = 0; collisionCount < 20; collisionCount++) {
      hashes.add(TemplateHash.of(template(V1), collisionCount));
    }

    assertThat(hashes).hasSize(20);
  }

  @Test
  void aCollisionCountOfZeroIsNoCollisionCount() {
    // Kubernetes hashes the count only when there is one.
    String first = TemplateHash.of(template(V1), 0);

    assertThat(TemplateHash.of(template(V1), 1)).isNotEqualTo(first);
    assertThat(TemplateHash.of(template(V1), 0)).isEqualTo(first);
  }

  @ParameterizedTest(name = "image {0}")
  @ValueSource(strings = {"nginx:1.25", "nginx:1.26", "busybox", "registry.local/a/b:v9", ""})
  void aHashHasOnlyCharactersThatCannotSpellWords(String image) {
    for (int collisionCount = 0; collisionCount < 5; collisionCount++) {
      String hash = TemplateHash.of(template(image), collisionCount);

      assertThat(hash).isNotEmpty().hasSizeLessThanOrEqualTo(10);
      assertThat(hash.chars()).allMatch(c -> SAFE.indexOf(c) >= 0);
    }
  }

  @Test
  void anEmptyTemplateHashes() {
    assertThat(TemplateHash.of(Json.mapper().createObjectNode(), 0))
        .isNotEmpty()
        .isNotEqualTo(TemplateHash.of(template(V1), 0));
  }

  @Test
  void theLabelIsKubernetesPodTemplateHash() {
    assertThat(TemplateHash.LABEL).isEqualTo("pod-template-hash");
  }
}
