package dev.troupe.core.patch;

import static dev.troupe.core.patch.StrategicMergePatchFixtures.keys;
import static dev.troupe.core.patch.StrategicMergePatchFixtures.mergePatch;
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

/** Properties of strategic merge patch over generated objects and patches (fixed seeds). */
class StrategicMergePatchPropertiesTest {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final List<String> KINDS = List.copyOf(PatchStrategies.kinds());
  static final List<String> KEYS =
      List.of("metadata", "spec", "labels", "containers", "template", "ports", "a", "b", "c");
  static final List<String> NAMES = List.of("a", "b", "c", "d");
  static final List<String> WILD_KEYS =
      List.of(
          "metadata",
          "spec",
          "template",
          "containers",
          "finalizers",
          "env",
          "name",
          "$patch",
          "$retainKeys",
          "$setElementOrder/containers",
          "$setElementOrder/finalizers",
          "$deleteFromPrimitiveList/finalizers",
          "$setElementOrder",
          "$x");
  static final List<String> DIRECTIVES = List.of("delete", "replace", "merge", "nope");
  static final int RUNS = 400;

  static <T> T pick(Random random, List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  /** A few distinct values of {@code from}, in random order. */
  static List<String> some(Random random, List<String> from) {
    List<String> shuffled = new ArrayList<>(from);
    Collections.shuffle(shuffled, random);
    return shuffled.subList(0, random.nextInt(from.size() + 1));
  }

  static JsonNode scalar(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> NODES.textNode(pick(random, NAMES));
      case 1 -> NODES.numberNode(random.nextInt(3));
      case 2 -> NODES.booleanNode(random.nextBoolean());
      default -> NODES.nullNode();
    };
  }

  /** Any JSON tree, with keys that sometimes hit the merge lists' paths. */
  static JsonNode tree(Random random, int depth) {
    int choice = depth == 0 ? 3 : random.nextInt(5);
    if (choice == 0 || choice == 1) {
      ObjectNode object = NODES.objectNode();
      for (int i = random.nextInt(4); i > 0; i--) {
        object.set(pick(random, KEYS), tree(random, depth - 1));
      }
      return object;
    }
    if (choice == 2) {
      ArrayNode array = NODES.arrayNode();
      for (int i = random.nextInt(3); i > 0; i--) {
        array.add(random.nextBoolean() ? scalar(random) : tree(random, depth - 1));
      }
      return array;
    }
    return scalar(random);
  }

  /** Any tree, with directive keys anywhere and merge-list keys often. */
  static JsonNode wild(Random random, int depth) {
    int choice = depth == 0 ? 3 : random.nextInt(6);
    if (choice <= 1) {
      ObjectNode object = NODES.objectNode();
      for (int i = random.nextInt(4); i > 0; i--) {
        String key = pick(random, WILD_KEYS);
        object.set(
            key,
            key.equals("$patch")
                ? NODES.textNode(pick(random, DIRECTIVES))
                : wild(random, depth - 1));
      }
      return object;
    }
    if (choice <= 3) {
      ArrayNode array = NODES.arrayNode();
      for (int i = random.nextInt(4); i > 0; i--) {
        array.add(random.nextBoolean() ? scalar(random) : wild(random, depth - 1));
      }
      return array;
    }
    return scalar(random);
  }

  /** A patch made only of maps, scalars and nulls. */
  static ObjectNode plainPatch(Random random, int depth) {
    ObjectNode patch = NODES.objectNode();
    for (int i = random.nextInt(4); i > 0; i--) {
      patch.set(
          pick(random, KEYS),
          depth > 0 && random.nextBoolean() ? plainPatch(random, depth - 1) : scalar(random));
    }
    return patch;
  }

  static ArrayNode keyed(String key, List<String> values) {
    ArrayNode list = NODES.arrayNode();
    values.forEach(value -> list.add(NODES.objectNode().put(key, value)));
    return list;
  }

  static ArrayNode texts(List<String> values) {
    ArrayNode list = NODES.arrayNode();
    values.forEach(list::add);
    return list;
  }

  static ObjectNode container(Random random, String name) {
    ObjectNode container = NODES.objectNode().put("name", name).put("image", pick(random, NAMES));
    if (random.nextBoolean()) {
      container.set("env", keyed("name", some(random, NAMES)));
    }
    if (random.nextBoolean()) {
      container.set("args", texts(some(random, NAMES)));
    }
    return container;
  }

  /** A pod with merge lists (containers, env, finalizers) and replaced lists (args). */
  static ObjectNode pod(Random random) {
    ObjectNode pod = NODES.objectNode().put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode metadata = pod.putObject("metadata").put("name", "p");
    metadata.set("finalizers", texts(some(random, NAMES)));
    metadata.putObject("labels").put(pick(random, NAMES), pick(random, NAMES));
    ArrayNode containers = pod.putObject("spec").putArray("containers");
    for (String name : some(random, NAMES)) {
      containers.add(container(random, name));
    }
    return pod;
  }

  /** A list element of a merge list, sometimes with a directive or without its key. */
  static ObjectNode element(Random random, String key) {
    ObjectNode element = NODES.objectNode();
    if (random.nextInt(8) > 0) {
      element.put(key, pick(random, NAMES));
    }
    if (random.nextInt(4) == 0) {
      element.put("$patch", pick(random, DIRECTIVES));
    }
    if (random.nextBoolean()) {
      element.set("value", scalar(random));
    }
    return element;
  }

  /** A patch with every directive, well or badly formed. */
  static ObjectNode directivePatch(Random random) {
    ObjectNode patch = NODES.objectNode();
    ObjectNode metadata = patch.putObject("metadata");
    metadata.set("finalizers", texts(some(random, NAMES)));
    if (random.nextBoolean()) {
      metadata.set("$deleteFromPrimitiveList/finalizers", texts(some(random, NAMES)));
    }
    if (random.nextBoolean()) {
      metadata.set("$setElementOrder/finalizers", texts(some(random, NAMES)));
    }
    metadata.putObject("labels").set(pick(random, NAMES), scalar(random));
    ObjectNode spec = patch.putObject("spec");
    ArrayNode containers = spec.putArray("containers");
    for (int i = random.nextInt(3); i > 0; i--) {
      ObjectNode container = element(random, "name");
      if (random.nextBoolean()) {
        ArrayNode env = container.putArray("env");
        for (int j = random.nextInt(3); j > 0; j--) {
          env.add(element(random, "name"));
        }
        if (random.nextBoolean()) {
          container.set("$setElementOrder/env", keyed("name", some(random, NAMES)));
        }
      }
      if (random.nextInt(3) == 0) {
        container.set("$retainKeys", texts(List.of("name", "image", "env")));
      }
      containers.add(container);
    }
    if (random.nextBoolean()) {
      spec.set("$setElementOrder/containers", keyed("name", some(random, NAMES)));
    }
    if (random.nextInt(4) == 0) {
      spec.set("initContainers", containers.deepCopy());
    }
    if (random.nextInt(6) == 0) {
      spec.put("$patch", pick(random, DIRECTIVES));
    }
    if (random.nextInt(6) == 0) {
      patch.put("$unknown", "x");
    }
    return patch;
  }

  @Test
  void theEmptyPatchChangesNothing() {
    for (int seed = 0; seed < RUNS; seed++) {
      Random random = new Random(seed);
      JsonNode original = random.nextBoolean() ? pod(random) : tree(random, 4);
      if (!original.isObject()) {
        continue;
      }

      StrategicMergePatch.Result result =
          StrategicMergePatch.apply(original, NODES.objectNode(), pick(random, KINDS));

      assertThat(result.value()).as("seed %d", seed).isEqualTo(original);
    }
  }

  @Test
  void aPatchOfPlainMapsIsAJsonMergePatch() {
    for (int seed = 0; seed < RUNS; seed++) {
      Random random = new Random(seed);
      ObjectNode original = NODES.objectNode();
      original.set("spec", tree(random, 4));
      original.set("metadata", tree(random, 3));
      ObjectNode patch = plainPatch(random, 4);

      StrategicMergePatch.Result result =
          StrategicMergePatch.apply(original, patch, pick(random, KINDS));

      assertThat(result.value())
          .as("seed %d: %s with %s", seed, original, patch)
          .isEqualTo(mergePatch(original, patch));
    }
  }

  @Test
  void theInputsAreNeverChanged() {
    for (int seed = 0; seed < RUNS; seed++) {
      Random random = new Random(seed);
      ObjectNode original = pod(random);
      ObjectNode patch = directivePatch(random);
      JsonNode originalBefore = original.deepCopy();
      JsonNode patchBefore = patch.deepCopy();

      StrategicMergePatch.apply(original, patch, "Pod");

      assertThat(original).as("seed %d", seed).isEqualTo(originalBefore);
      assertThat(patch).as("seed %d", seed).isEqualTo(patchBefore);
    }
  }

  @Test
  void noDirectiveReachesTheResult() {
    int applied = 0;
    for (int seed = 0; seed < RUNS; seed++) {
      Random random = new Random(seed);
      ObjectNode patch = directivePatch(random);

      StrategicMergePatch.Result result = StrategicMergePatch.apply(pod(random), patch, "Pod");

      if (result.isValid()) {
        applied++;
        assertThat(keys(result.value()))
            .as("seed %d: %s", seed, patch)
            .noneMatch(key -> key.startsWith("$"));
      } else {
        assertThat(result.error()).isNotBlank();
      }
    }
    assertThat(applied).as("patches that applied").isGreaterThan(RUNS / 10);
  }

  @Test
  void anyPatchEitherAppliesOrIsRefusedWithAMessage() {
    for (int seed = 0; seed < RUNS * 5; seed++) {
      Random random = new Random(seed);
      JsonNode original = random.nextBoolean() ? pod(random) : wild(random, 5);
      JsonNode patch = wild(random, 5);
      if (!original.isObject() || !patch.isObject()) {
        continue;
      }

      StrategicMergePatch.Result result =
          StrategicMergePatch.apply(original, patch, pick(random, KINDS));

      assertThat(result.isValid() ? result.value() : result.error())
          .as("seed %d: %s with %s", seed, original, patch)
          .isNotNull();
    }
  }

  @Test
  void applyingIsDeterministic() {
    for (int seed = 0; seed < RUNS; seed++) {
      ObjectNode original = pod(new Random(seed));
      ObjectNode patch = directivePatch(new Random(seed + 1));

      assertThat(StrategicMergePatch.apply(original, patch, "Pod"))
          .as("seed %d", seed)
          .isEqualTo(StrategicMergePatch.apply(original, patch, "Pod"));
    }
  }
}
