package dev.troupe.core.workloads;

import static dev.troupe.core.workloads.DeploymentFixtures.V1;
import static dev.troupe.core.workloads.DeploymentFixtures.V2;
import static dev.troupe.core.workloads.DeploymentFixtures.V3;
import static dev.troupe.core.workloads.DeploymentFixtures.conditionOf;
import static dev.troupe.core.workloads.DeploymentFixtures.defaultedTemplate;
import static dev.troupe.core.workloads.DeploymentFixtures.deployment;
import static dev.troupe.core.workloads.DeploymentFixtures.nameOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.kinds.ObjectAdmission;
import dev.troupe.core.kinds.ReplicaSetKind;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.workloads.DeploymentControl.Decision;
import dev.troupe.core.workloads.DeploymentFixtures.DeploymentBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rollouts played out against a small model of the cluster: each pass applies the decision, then
 * every ReplicaSet's pods follow its spec.replicas (surplus pods go at once, unavailable ones
 * first; new pods take 0 to 3 passes to become available). With random replicas, maxSurge and
 * maxUnavailable, at every pass a RollingUpdate keeps at most replicas + maxSurge pods and, once it
 * started from a fully available Deployment, at least replicas - maxUnavailable available; a
 * Recreate never runs old and new pods together; and every rollout completes.
 */
class DeploymentControlRolloutSimulationTest {

  private static final String[] PERCENTAGES = {"0%", "10%", "25%", "33%", "50%", "75%", "100%"};

  /** A pass and the next are this far apart: far within the 600 s progress deadline. */
  private static final int SECONDS_PER_PASS = 10;

  static IntStream seeds() {
    return IntStream.range(0, 200);
  }

  static IntStream recreateSeeds() {
    return IntStream.range(0, 50);
  }

  /** maxSurge or maxUnavailable: an int up to replicas + 1, or a percentage. */
  private static Object randomLimit(Random random, int replicas) {
    return random.nextBoolean()
        ? (Object) random.nextInt(replicas + 2)
        : PERCENTAGES[random.nextInt(PERCENTAGES.length)];
  }

  private static boolean isZero(Object limit) {
    return limit.equals(0) || limit.equals("0%");
  }

  /** An int-or-percent of {@code replicas}, worked out here independently of RolloutLimits. */
  private static int resolve(Object limit, int replicas, boolean roundUp) {
    if (limit instanceof Integer value) {
      return value;
    }
    String text = (String) limit;
    double scaled = Integer.parseInt(text.substring(0, text.length() - 1)) * replicas / 100.0;
    return (int) (roundUp ? Math.ceil(scaled) : Math.floor(scaled));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aRollingUpdateStaysWithinItsLimitsAndCompletes(int seed) {
    Random random = new Random(seed);
    int replicas = 1 + random.nextInt(10);
    Object maxSurge;
    Object maxUnavailable;
    do {
      maxSurge = randomLimit(random, replicas);
      maxUnavailable = randomLimit(random, replicas);
    } while (isZero(maxSurge) && isZero(maxUnavailable));
    int surge = resolve(maxSurge, replicas, true);
    int unavailable = resolve(maxUnavailable, replicas, false);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    boolean rollOver = random.nextBoolean();
    String scenario =
        "seed %d: %d replicas, maxSurge %s (%d), maxUnavailable %s (%d)%s"
            .formatted(
                seed,
                replicas,
                maxSurge,
                surge,
                maxUnavailable,
                unavailable,
                rollOver ? ", a third template mid-rollout" : "");
    World world =
        new World(random, deployment().replicas(replicas).rollingUpdate(maxSurge, maxUnavailable));
    int maxPods = replicas + surge;
    int minAvailable = replicas - unavailable;
    // Each batch of pods takes a pass to scale the old down, one to scale the new up and up to
    // three for the new pods to become available; at worst one pod a batch.
    int bound = 6 * replicas + 6;

    world.rollOut(
        bound,
        scenario + ", first rollout",
        (step, w) -> {
          assertThat(w.specTotal())
              .as("%s, step %d: pods wanted", scenario, step)
              .isLessThanOrEqualTo(maxPods);
        });
    assertThat(world.revisionOf(nameOf(V1))).isEqualTo("1");

    world.changeImage(V2);
    int changeAt = rollOver ? 1 + random.nextInt(2 * replicas) : -1;
    String completed =
        world.rollOut(
            bound,
            scenario,
            (step, w) -> {
              assertThat(w.specTotal())
                  .as("%s, step %d: pods wanted", scenario, step)
                  .isLessThanOrEqualTo(maxPods);
              assertThat(w.podTotal())
                  .as("%s, step %d: pods running", scenario, step)
                  .isLessThanOrEqualTo(maxPods);
              assertThat(w.available())
                  .as("%s, step %d: pods available", scenario, step)
                  .isGreaterThanOrEqualTo(minAvailable);
              if (step == changeAt) {
                w.changeImage(V3);
              }
            });

    // A third template makes a third revision; one that came after completion never came.
    String revision = completed.equals(V3) ? "3" : "2";
    assertThat(world.revisionOf(nameOf(completed))).as(scenario).isEqualTo(revision);
    assertThat(world.deploymentRevision()).as(scenario).isEqualTo(revision);
    assertThat(world.revisionOf(nameOf(V1))).as(scenario).isEqualTo("1");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("recreateSeeds")
  void aRecreateNeverRunsOldAndNewPodsTogetherAndCompletes(int seed) {
    Random random = new Random(seed);
    int replicas = 1 + random.nextInt(10);
    String scenario = "seed %d: Recreate of %d replicas".formatted(seed, replicas);
    World world = new World(random, deployment().replicas(replicas).recreate());
    // Old pods go in a pass, new ones start in the next and take up to three to be available.

    world.rollOut(8, scenario + ", first rollout", (step, w) -> {});
    world.changeImage(V2);
    world.rollOut(
        8,
        scenario,
        (step, w) -> {
          assertThat(w.specTotal()).as("%s, step %d", scenario, step).isLessThanOrEqualTo(replicas);
          int oldPods = w.podsOf(nameOf(V1));
          int newPods = w.podsOf(nameOf(V2));
          assertThat(oldPods == 0 || newPods == 0)
              .as("%s, step %d: %d old and %d new pods", scenario, step, oldPods, newPods)
              .isTrue();
        });
  }

  /** A check run after every pass once its pods have followed the decision. */
  private interface Check {
    void after(int step, World world);
  }

  /** The Deployment, its ReplicaSets as stored, and their pods. */
  private static final class World {
    private final Random random;
    private final Map<String, KubeObject> replicaSets = new LinkedHashMap<>();

    /** Each pod: how many more passes until it is available (0: available). */
    private final Map<String, List<Integer>> pods = new HashMap<>();

    private KubeObject deployment;
    private Instant now = DeploymentFixtures.NOW;
    private String image;

    World(Random random, DeploymentBuilder deployment) {
      this.random = random;
      this.deployment = deployment.image(V1).generation(1).build();
      this.image = V1;
    }

    /**
     * Passes until the Deployment reports its rollout complete, at most {@code bound} after the
     * last template change; returns the image it completed with.
     */
    String rollOut(int bound, String scenario, Check check) {
      int sinceChange = 0;
      String rolling = image;
      for (int step = 0; ; step++) {
        if (!image.equals(rolling)) {
          rolling = image;
          sinceChange = 0;
        }
        assertThat(sinceChange++).as("%s: passes to complete", scenario).isLessThan(bound);
        Decision decision =
            DeploymentControl.decide(deployment, List.copyOf(replicaSets.values()), now);
        String progressing = conditionOf(decision.status(), "Progressing").path("reason").asText();
        assertThat(progressing)
            .as("%s, step %d", scenario, step)
            .isNotEqualTo("ProgressDeadlineExceeded");
        if (progressing.equals("NewReplicaSetAvailable")) {
          assertThat(isComplete(image))
              .as("%s, step %d: complete as reported", scenario, step)
              .isTrue();
          assertThat(conditionOf(decision.status(), "Available").path("status").asText())
              .isEqualTo("True");
          return image;
        }
        apply(decision, scenario);
        tick();
        check.after(step, this);
      }
    }

    void changeImage(String newImage) {
      ObjectNode spec = deployment.at("/spec").deepCopy();
      spec.set("template", defaultedTemplate(newImage));
      long generation = deployment.metadata().generation() + 1;
      deployment =
          deployment
              .with("spec", spec)
              .withMetadata(deployment.metadata().toBuilder().generation(generation).build());
      image = newImage;
    }

    private void apply(Decision decision, String scenario) {
      KubeObject created = decision.create();
      if (created != null) {
        assertThat(replicaSets).as(scenario).doesNotContainKey(created.name());
        ObjectAdmission.Admitted admitted =
            ObjectAdmission.prepareCreate(ReplicaSetKind.INSTANCE, created, "default", random);
        assertThat(admitted.errors()).as(scenario).isEmpty();
        replicaSets.put(
            created.name(),
            ObjectAdmission.stamp(
                ReplicaSetKind.INSTANCE, admitted.object(), "uid-" + created.name(), now));
      }
      for (KubeObject rs : decision.update()) {
        KubeObject stored = replicaSets.get(rs.name());
        assertThat(stored).as("%s: %s updated but never created", scenario, rs.name()).isNotNull();
        replicaSets.put(rs.name(), rs.with("status", stored.field("status")));
      }
      for (KubeObject rs : decision.delete()) {
        assertThat(podsOf(rs.name())).as("%s: %s deleted with pods", scenario, rs.name()).isZero();
        replicaSets.remove(rs.name());
        pods.remove(rs.name());
      }
      KubeObject next = decision.deployment() == null ? deployment : decision.deployment();
      deployment = next.with("status", decision.status());
    }

    /** Pods follow their ReplicaSet's spec.replicas, and each ReplicaSet reports them. */
    private void tick() {
      now = now.plusSeconds(SECONDS_PER_PASS);
      for (Map.Entry<String, KubeObject> entry : replicaSets.entrySet()) {
        List<Integer> own = pods.computeIfAbsent(entry.getKey(), name -> new ArrayList<>());
        own.replaceAll(passes -> Math.max(0, passes - 1));
        int wanted = entry.getValue().at("/spec/replicas").asInt();
        while (own.size() > wanted) {
          // The ReplicaSet controller deletes unavailable pods first.
          int slowest = 0;
          for (int i = 1; i < own.size(); i++) {
            if (own.get(i) > own.get(slowest)) {
              slowest = i;
            }
          }
          own.remove(slowest);
        }
        while (own.size() < wanted) {
          own.add(random.nextInt(4));
        }
        int available = (int) own.stream().filter(passes -> passes == 0).count();
        ObjectNode status = Json.mapper().createObjectNode();
        status.put("replicas", own.size());
        status.put("fullyLabeledReplicas", own.size());
        status.put("readyReplicas", available);
        status.put("availableReplicas", available);
        status.put("observedGeneration", entry.getValue().metadata().generation());
        entry.setValue(entry.getValue().with("status", status));
      }
    }

    /** Only the ReplicaSet of {@code expected} has pods, as many as wanted, all available. */
    private boolean isComplete(String expected) {
      int replicas = deployment.at("/spec/replicas").asInt();
      for (KubeObject rs : replicaSets.values()) {
        boolean current = rs.name().equals(nameOf(expected));
        int spec = rs.at("/spec/replicas").asInt();
        int existing = rs.at("/status/replicas").asInt();
        int available = rs.at("/status/availableReplicas").asInt();
        if (current && (spec != replicas || existing != replicas || available != replicas)) {
          return false;
        }
        if (!current && (spec != 0 || existing != 0)) {
          return false;
        }
      }
      return replicaSets.containsKey(nameOf(expected));
    }

    int specTotal() {
      return replicaSets.values().stream().mapToInt(rs -> rs.at("/spec/replicas").asInt()).sum();
    }

    int podTotal() {
      return pods.values().stream().mapToInt(List::size).sum();
    }

    int podsOf(String name) {
      return pods.getOrDefault(name, List.of()).size();
    }

    int available() {
      return replicaSets.values().stream()
          .mapToInt(rs -> rs.at("/status/availableReplicas").asInt())
          .sum();
    }

    String revisionOf(String name) {
      return replicaSets.get(name).metadata().annotations().get(DeploymentControl.REVISION);
    }

    String deploymentRevision() {
      return deployment.metadata().annotations().get(DeploymentControl.REVISION);
    }
  }
}
