package dev.troupe.core.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.patch.JsonPatch.Patched;
import dev.troupe.core.patch.JsonPatch.Result;
import dev.troupe.core.patch.RandomJson.Nulls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties over random trees; each seed is a case, so a failure names its seed. */
class PatchPropertiesTest {

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void anObjectWithoutNullsMergedIntoItselfStaysTheSame(long seed) {
    ObjectNode x = new RandomJson(seed, Nulls.NONE).object();

    assertThat(MergePatch.apply(x, x)).isEqualTo(x);
  }

  /**
   * Nulls may be anywhere in the target; in the patch not under an array, where the API server
   * drops them only sometimes (see {@code MergePatchTest}), which is not idempotent.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void applyingAMergePatchTwiceIsApplyingItOnce(long seed) {
    ObjectNode target = new RandomJson(seed, Nulls.ANYWHERE).object();
    ObjectNode patch = new RandomJson(seed + 1_000_000, Nulls.OUTSIDE_ARRAYS).object();

    JsonNode once = MergePatch.apply(target, patch);

    assertThat(MergePatch.apply(once, patch)).isEqualTo(once);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void theDiffOfTwoTreesAsAJsonPatchTurnsOneIntoTheOther(long seed) {
    ObjectNode from = new RandomJson(seed, Nulls.ANYWHERE).object();
    ObjectNode to = new RandomJson(seed + 2_000_000, Nulls.ANYWHERE).object();
    ArrayNode operations = RandomJson.diff(from, to);
    operations.addObject().put("op", "test").put("path", "").set("value", to);

    Result result = JsonPatch.apply(from, operations);

    assertThat(result).isEqualTo(new Patched(to));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void neitherPatchMutatesNorSharesItsInputs(long seed) {
    RandomJson random = new RandomJson(seed, Nulls.ANYWHERE);
    ObjectNode target = random.object();
    ObjectNode mergePatch = random.object();
    ArrayNode diff = RandomJson.diff(target, mergePatch);
    ArrayNode operations = random.operations(target);
    List<JsonNode> inputs = List.of(target, mergePatch, diff, operations);
    List<JsonNode> before = inputs.stream().<JsonNode>map(JsonNode::deepCopy).toList();

    List<Object> outputs = new ArrayList<>();
    outputs.add(MergePatch.apply(target, mergePatch));
    outputs.add(MergePatch.apply(mergePatch, target));
    outputs.add(JsonPatch.apply(target, diff));
    outputs.add(JsonPatch.apply(target, operations));
    outputs.add(JsonPatch.apply(target, RandomJson.diff(mergePatch, target)));
    assertThat(inputs).isEqualTo(before);

    outputs.forEach(PatchPropertiesTest::scribble);
    assertThat(inputs).isEqualTo(before);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomOperationsNeverThrowAndFailWhole(long seed) {
    RandomJson random = new RandomJson(seed, Nulls.ANYWHERE);
    ObjectNode target = random.object();
    ArrayNode operations = random.operations(target);

    Result whole = JsonPatch.apply(target, operations);
    Result stepwise = new Patched(target);
    for (JsonNode operation : operations) {
      if (stepwise instanceof Patched patched) {
        ArrayNode one = operations.arrayNode().add(operation);
        stepwise = JsonPatch.apply(patched.document(), one);
      }
    }

    assertThat(whole).isEqualTo(stepwise);
  }

  /** Writes into every object and array of a result, to show it shares nothing with inputs. */
  private static void scribble(Object output) {
    if (output instanceof Patched patched) {
      scribble(patched.document());
    } else if (output instanceof ObjectNode object) {
      List<JsonNode> children = new ArrayList<>();
      for (Map.Entry<String, JsonNode> member : object.properties()) {
        children.add(member.getValue());
      }
      children.forEach(PatchPropertiesTest::scribble);
      object.put("scribbled", true);
    } else if (output instanceof ArrayNode array) {
      List<JsonNode> children = new ArrayList<>();
      array.forEach(children::add);
      children.forEach(PatchPropertiesTest::scribble);
      array.add("scribbled");
    }
  }
}
