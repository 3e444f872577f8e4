package dev.troupe.core.kinds;

import static dev.troupe.core.kinds.KindFixtures.tree;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.patch.MergePatch;

/** Deployments and ReplicaSets named {@code web}, as a valid spec changed by a merge patch. */
final class WorkloadFixtures {

  /** Selects {@code app=web} and runs one nginx container. */
  static final String VALID_SPEC =
      """
      {"selector":{"matchLabels":{"app":"web"}},
       "template":{"metadata":{"labels":{"app":"web"}},
                   "spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}
      """;

  private WorkloadFixtures() {}

  /** The valid spec with {@code specPatch} merged in; a null in the patch removes a field. */
  static String workload(String specPatch) {
    JsonNode spec = MergePatch.apply(tree(VALID_SPEC), tree(specPatch));
    return "{\"metadata\":{\"name\":\"web\",\"labels\":{\"team\":\"a\"}},\"spec\":"
        + Json.write(spec)
        + "}";
  }

  static String workload() {
    return workload("{}");
  }
}
