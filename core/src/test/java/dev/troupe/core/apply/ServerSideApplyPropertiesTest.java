package dev.troupe.core.apply;

import static dev.troupe.core.apply.ApplyFixtures.CREATED;
import static dev.troupe.core.apply.ApplyFixtures.LATER;
import static dev.troupe.core.apply.ApplyFixtures.LATEST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties of apply over generated pod configurations, each case named by its seed. */
class ServerSideApplyPropertiesTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int CASES = 150;

  /** Pod configurations drawn from small pools, so that two of them overlap. */
  static final class RandomPods {
    private final Random random;

    RandomPods(long seed) {
      random = new Random(seed);
    }

    ObjectNode pod() {
      ObjectNode pod = NODES.objectNode();
      pod.put("apiVersion", "v1");
      pod.put("kind", "Pod");
      ObjectNode metadata = pod.putObject("metadata");
      metadata.put("name", "web");
      ObjectNode labels = NODES.objectNode();
      for (String label : some("app", "tier", "team")) {
        labels.put(label, pick("a", "b"));
      }
      if (!labels.isEmpty()) {
        metadata.set("labels", labels);
      }
      List<String> finalizers = some("x", "y", "z");
      if (!finalizers.isEmpty()) {
        ArrayNode list = metadata.putArray("finalizers");
        finalizers.forEach(list::add);
      }
      ObjectNode spec = pod.putObject("spec");
      if (random.nextBoolean()) {
        spec.put("restartPolicy", pick("Always", "Never"));
      }
      ArrayNode containers = spec.putArray("containers");
      for (String name : some("web", "sidecar", "proxy")) {
        containers.add(container(name));
      }
      return pod;
    }

    private ObjectNode container(String name) {
      ObjectNode container = NODES.objectNode();
      container.put("name", name);
      if (random.nextBoolean()) {
        container.put("image", pick("nginx:1.25", "nginx:1.26"));
      }
      List<String> env = some("A", "B", "C");
      if (!env.isEmpty()) {
        ArrayNode list = container.putArray("env");
        env.forEach(
            variable -> list.addObject().put("name", variable).put("value", pick("1", "2")));
      }
      List<String> ports = some("80", "443", "9090");
      if (!ports.isEmpty()) {
        ArrayNode list = container.putArray("ports");
        ports.forEach(port -> list.addObject().put("containerPort", Integer.parseInt(port)));
      }
      if (random.nextBoolean()) {
        container.putArray("args").add(pick("--a", "--b"));
      }
      return container;
    }

    private String pick(String... choices) {
      return choices[random.nextInt(choices.length)];
    }

    private List<String> some(String... choices) {
      List<String> chosen = new ArrayList<>();
      for (String choice : choices) {
        if (random.nextBoolean()) {
          chosen.add(choice);
        }
      }
      Collections.shuffle(chosen, random);
      return chosen;
    }
  }

  static JsonNode apply(JsonNode live, JsonNode config, String manager, boolean force) {
    ApplyResult result = ServerSideApply.apply(live, config, "Pod", manager, "v1", force, LATER);
    assertThat(result).isInstanceOf(ApplyResult.Applied.class);
    return ((ApplyResult.Applied) result).object();
  }

  @Test
  void applyingAConfigurationTwiceChangesNothingTheSecondTime() {
    for (long seed = 0; seed < CASES; seed++) {
      RandomPods pods = new RandomPods(seed);
      JsonNode live = apply(apply(null, pods.pod(), "creator", false), pods.pod(), "other", true);
      ObjectNode config = pods.pod();
      JsonNode once = apply(live, config, "kubectl", true);

      ApplyResult twice =
          ServerSideApply.apply(once, config, "Pod", "kubectl", "v1", false, LATEST);

      assertThat(twice).as("seed %d", seed).isEqualTo(new ApplyResult.Applied(once, false));
    }
  }

  @Test
  void afterAForcedApplyTheObjectHoldsTheConfigurationAndTheApplierOwnsExactlyItsFields() {
    for (long seed = 0; seed < CASES; seed++) {
      RandomPods pods = new RandomPods(seed);
      JsonNode live = apply(apply(null, pods.pod(), "creator", false), pods.pod(), "other", true);
      ObjectNode config = pods.pod();

      JsonNode result = apply(live, config, "kubectl", true);

      FieldSet configFields = FieldSet.of(config, "Pod");
      assertThat(FieldSet.of(result, "Pod").intersect(configFields))
          .as("seed %d", seed)
          .isEqualTo(configFields);
      assertThat(
              ObjectMerge.merge(
                  SystemFields.body(result, false), SystemFields.body(config, false), "Pod"))
          .as("seed %d", seed)
          .isEqualTo(SystemFields.body(result, false));
      assertThat(entry(result, "kubectl", ManagedFieldsEntry.Operation.APPLY))
          .as("seed %d", seed)
          .isEqualTo(configFields);
    }
  }

  @Test
  void everyOwnedFieldIsInTheObjectAndEveryEntryReadsBackFromItsFieldsV1() {
    for (long seed = 0; seed < CASES; seed++) {
      RandomPods pods = new RandomPods(seed);
      JsonNode result = apply(null, pods.pod(), "creator", false);
      result = apply(result, pods.pod(), "other", true);
      result = apply(result, pods.pod(), "creator", true);
      result = ManagedFields.recordUpdate(result, pods.pod(), "Pod", "editor", "v1", LATEST);

      FieldSet present = ObjectFields.nodes(SystemFields.body(result, false), "Pod");
      for (ManagedFieldsEntry entry : ManagedFields.read(result)) {
        assertThat(present.intersect(entry.fields()))
            .as("seed %d, %s", seed, entry.manager())
            .isEqualTo(entry.fields());
        assertThat(FieldSet.fromFieldsV1(entry.fields().toFieldsV1())).isEqualTo(entry.fields());
      }
    }
  }

  @Test
  void aConflictIsAlwaysAFieldOfTheConfigurationThatAnotherManagerOwns() {
    int conflicting = 0;
    for (long seed = 0; seed < CASES; seed++) {
      RandomPods pods = new RandomPods(seed);
      JsonNode live = apply(apply(null, pods.pod(), "creator", false), pods.pod(), "other", true);
      ObjectNode config = pods.pod();

      ApplyResult result =
          ServerSideApply.apply(live, config, "Pod", "kubectl", "v1", false, CREATED);

      if (result instanceof ApplyResult.Conflicted conflicted) {
        conflicting++;
        FieldSet configFields = FieldSet.of(config, "Pod");
        for (Conflict conflict : conflicted.conflicts()) {
          assertThat(configFields.has(conflict.path())).as("seed %d", seed).isTrue();
          assertThat(entry(live, conflict.manager(), conflict.operation()).has(conflict.path()))
              .as("seed %d", seed)
              .isTrue();
        }
      }
    }
    assertThat(conflicting).as("cases with conflicts").isGreaterThan(CASES / 10);
  }

  private static FieldSet entry(
      JsonNode object, String manager, ManagedFieldsEntry.Operation operation) {
    return ManagedFields.read(object).stream()
        .filter(entry -> entry.manager().equals(manager) && entry.operation() == operation)
        .map(ManagedFieldsEntry::fields)
        .findFirst()
        .orElse(FieldSet.EMPTY);
  }
}
