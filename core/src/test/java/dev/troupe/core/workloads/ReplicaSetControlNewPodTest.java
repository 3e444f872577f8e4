package dev.troupe.core.workloads;

import static dev.troupe.core.workloads.ReplicaSetFixtures.NOW;
import static dev.troupe.core.workloads.ReplicaSetFixtures.OURS;
import static dev.troupe.core.workloads.ReplicaSetFixtures.decide;
import static dev.troupe.core.workloads.ReplicaSetFixtures.object;
import static dev.troupe.core.workloads.ReplicaSetFixtures.replicaSetWithSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodStatus;
import dev.troupe.core.workloads.ReplicaSetControl.Decision;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pod a ReplicaSet creates: its template's, named after it and owned by it. */
class ReplicaSetControlNewPodTest {

  private static final KubeObject REPLICA_SET =
      object(
          """
          {"apiVersion":"apps/v1","kind":"ReplicaSet",
           "metadata":{"name":"frontend","namespace":"shop","uid":"4c0ffee0-0000-4000-8000-000000000001",
                       "generation":2,"labels":{"owner-label":"not-copied"},
                       "annotations":{"owner-annotation":"not-copied"}},
           "spec":{"replicas":3,"selector":{"matchLabels":{"app":"frontend"}},
                   "template":{
                     "metadata":{"name":"ignored","labels":{"app":"frontend","tier":"web"},
                                 "annotations":{"prometheus.io/scrape":"true"}},
                     "spec":{"containers":[{"name":"nginx","image":"nginx:1.27","args":["-g","daemon off;"]},
                                           {"name":"sidecar","image":"envoy:1.31"}],
                             "restartPolicy":"Always","terminationGracePeriodSeconds":15,
                             "nodeSelector":{"disk":"ssd"},"serviceAccountName":"frontend"}}}}
          """);

  @Test
  void theNewPodIsNamedAfterTheReplicaSetInItsNamespace() {
    Pod pod = ReplicaSetControl.newPod(REPLICA_SET);

    assertThat(pod.metadata().generateName()).isEqualTo("frontend-");
    assertThat(pod.name()).isNull();
    assertThat(pod.namespace()).isEqualTo("shop");
    assertThat(pod.kind()).isEqualTo("Pod");
    assertThat(pod.apiVersion()).isEqualTo("v1");
  }

  @Test
  void theNewPodCarriesTheTemplatesLabelsAndAnnotationsOnly() {
    Pod pod = ReplicaSetControl.newPod(REPLICA_SET);

    assertThat(pod.metadata().labels()).isEqualTo(Map.of("app", "frontend", "tier", "web"));
    assertThat(pod.metadata().annotations()).isEqualTo(Map.of("prometheus.io/scrape", "true"));
  }

  @Test
  void theNewPodIsControlledByTheReplicaSet() {
    Pod pod = ReplicaSetControl.newPod(REPLICA_SET);

    assertThat(pod.metadata().ownerReferences())
        .containsExactly(ReplicaSetControl.ownerReference(REPLICA_SET));
    assertThat(ReplicaSetControl.controllerOf(pod.metadata()).uid())
        .isEqualTo("4c0ffee0-0000-4000-8000-000000000001");
    assertThat(ReplicaSetControl.controllerOf(pod.metadata()).name()).isEqualTo("frontend");
  }

  @Test
  void theNewPodRunsTheTemplatesSpec() {
    Pod pod = ReplicaSetControl.newPod(REPLICA_SET);

    assertThat(pod.spec().containers())
        .extracting(Container::name, Container::image)
        .containsExactly(tuple("nginx", "nginx:1.27"), tuple("sidecar", "envoy:1.31"));
    assertThat(pod.spec().containers().get(0).args()).containsExactly("-g", "daemon off;");
    assertThat(pod.spec().restartPolicy()).isEqualTo("Always");
    assertThat(pod.spec().terminationGracePeriodSeconds()).isEqualTo(15L);
    assertThat(pod.spec().nodeSelector()).isEqualTo(Map.of("disk", "ssd"));
    assertThat(pod.spec().serviceAccountName()).isEqualTo("frontend");
    assertThat(pod.spec().nodeName()).isNull();
  }

  @Test
  void theNewPodIsNotYetAdmitted() {
    Pod pod = ReplicaSetControl.newPod(REPLICA_SET);

    assertThat(pod.status()).isNull();
    assertThat(pod.uid()).isNull();
    assertThat(pod.metadata().creationTimestamp()).isNull();
    assertThat(pod.metadata().resourceVersion()).isNull();
    assertThat(pod.isTerminating()).isFalse();
  }

  @Test
  void theTemplatesFinalizersAreCopied() {
    KubeObject replicaSet =
        replicaSetWithSpec(
            """
            {"replicas":1,"selector":{"matchLabels":{"app":"web"}},
             "template":{"metadata":{"labels":{"app":"web"},"finalizers":["example.com/drain"]},
                         "spec":{"containers":[{"name":"app","image":"nginx:1.27"}]}}}
            """);

    assertThat(ReplicaSetControl.newPod(replicaSet).metadata().finalizers())
        .containsExactly("example.com/drain");
  }

  @Test
  void aTemplateWithoutMetadataGivesAnUnlabelledPod() {
    KubeObject replicaSet =
        replicaSetWithSpec(
            """
            {"replicas":1,"selector":{"matchLabels":{"app":"web"}},
             "template":{"spec":{"containers":[{"name":"app","image":"nginx:1.27"}]}}}
            """);

    Pod pod = ReplicaSetControl.newPod(replicaSet);

    assertThat(pod.metadata().labelsOrEmpty()).isEmpty();
    assertThat(pod.metadata().generateName()).isEqualTo("web-");
    assertThat(pod.metadata().ownerReferences()).containsExactly(OURS);
  }

  @Test
  void aCreatedPodCountsAtTheNextDecisionSoNoMoreAreCreated() {
    KubeObject replicaSet = ReplicaSetFixtures.replicaSet(2);
    Pod made = ReplicaSetControl.newPod(replicaSet);
    Pod first =
        made.withMetadata(made.metadata().asCreated("uid-1", NOW, "11").withName("web-x7k2p"))
            .withStatus(PodStatus.pending("BestEffort"));
    Pod second =
        made.withMetadata(made.metadata().asCreated("uid-2", NOW, "12").withName("web-q9m4z"))
            .withStatus(PodStatus.pending("BestEffort"));

    Decision decision = decide(replicaSet, first, second);

    assertThat(decision.adopt()).isEmpty();
    assertThat(decision.release()).isEmpty();
    assertThat(decision.create()).isZero();
    assertThat(decision.acts()).isFalse();
    assertThat(decision.status().path("fullyLabeledReplicas").asInt()).isEqualTo(2);
  }
}
