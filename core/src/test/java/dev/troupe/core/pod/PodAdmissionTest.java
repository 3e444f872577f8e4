package dev.troupe.core.pod;

import static dev.troupe.core.TestPods.T0;
import static dev.troupe.core.TestPods.container;
import static dev.troupe.core.TestPods.limits;
import static dev.troupe.core.TestPods.meta;
import static dev.troupe.core.TestPods.pod;
import static dev.troupe.core.TestPods.withResources;
import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PodAdmissionTest {

  private static PodAdmission.Admitted admit(Pod sent) {
    return PodAdmission.prepare(sent, "default", new Random(1));
  }

  @Test
  void generateNameGivesThePrefixAndFiveRandomCharacters() {
    PodAdmission.Admitted admitted = admit(pod().withMetadata(meta(null, "web-")));

    assertThat(admitted.isValid()).isTrue();
    assertThat(admitted.pod().name()).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
    assertThat(admitted.pod().metadata().generateName()).isEqualTo("web-");
  }

  @Test
  void anExplicitNameWinsOverGenerateName() {
    assertThat(admit(pod().withMetadata(meta("web", "other-"))).pod().name()).isEqualTo("web");
  }

  @Test
  void theNamespaceOfTheRequestPathWinsOverTheOneInTheBody() {
    Pod sent = pod().withMetadata(ObjectMeta.named("other", "web"));

    Pod prepared = PodAdmission.prepare(sent, "team-a", new Random(1)).pod();

    assertThat(prepared.namespace()).isEqualTo("team-a");
  }

  @Test
  void clientSentStatusAndServerOwnedStampsAreDropped() {
    ObjectMeta sentMeta =
        new ObjectMeta(
            "web",
            null,
            "default",
            "client-uid",
            "99",
            null,
            T0,
            T0.plusSeconds(60),
            5L,
            Map.of("app", "web"),
            Map.of("note", "kept"),
            null,
            List.of("troupe.dev/keep"));
    Pod sent = new Pod(null, null, sentMeta, pod().spec(), PodStatus.pending("Guaranteed"));

    Pod prepared = admit(sent).pod();

    assertThat(prepared.status()).isNull();
    assertThat(prepared.uid()).isNull();
    assertThat(prepared.metadata().resourceVersion()).isNull();
    assertThat(prepared.metadata().creationTimestamp()).isNull();
    assertThat(prepared.metadata().deletionTimestamp()).isNull();
    assertThat(prepared.metadata().deletionGracePeriodSeconds()).isNull();
    assertThat(prepared.isTerminating()).isFalse();
    assertThat(prepared.metadata().labels()).isEqualTo(Map.of("app", "web"));
    assertThat(prepared.metadata().annotations()).isEqualTo(Map.of("note", "kept"));
    assertThat(prepared.metadata().finalizers()).containsExactly("troupe.dev/keep");
  }

  @Test
  void kindAndApiVersionAreFilledInWhenTheClientLeftThemOut() {
    Pod prepared = admit(new Pod(null, null, meta("web", null), pod().spec(), null)).pod();

    assertThat(prepared.kind()).isEqualTo("Pod");
    assertThat(prepared.apiVersion()).isEqualTo("v1");
  }

  @Test
  void thePreparedPodHasItsDefaultsApplied() {
    Pod prepared = admit(pod(container("app", "busybox"))).pod();

    assertThat(prepared.spec().restartPolicy()).isEqualTo("Always");
    assertThat(prepared.spec().terminationGracePeriodSeconds()).isEqualTo(30L);
    assertThat(prepared.spec().containers().get(0).imagePullPolicy()).isEqualTo("Always");
  }

  @Test
  void aPodWithoutMetadataGetsTheNamespaceAndIsRefusedForItsName() {
    PodAdmission.Admitted admitted = admit(new Pod(null, null, null, pod().spec(), null));

    assertThat(admitted.pod().namespace()).isEqualTo("default");
    assertThat(admitted.isValid()).isFalse();
    assertThat(admitted.errors())
        .extracting(Object::toString)
        .containsExactly("metadata.name: Required value: name or generateName is required");
  }

  @Test
  void stampingSetsTheUidTheCreationTimeInWholeSecondsAndAPendingStatus() {
    Pod prepared = admit(pod(withResources(limits("1", "1Gi")))).pod();
    Instant at = Instant.parse("2026-11-29T14:15:00.987654321Z");

    Pod stored = PodAdmission.stamp(prepared, "0b6c5f5e", at);

    assertThat(stored.uid()).isEqualTo("0b6c5f5e");
    assertThat(stored.metadata().creationTimestamp()).isEqualTo(T0);
    assertThat(stored.status()).isEqualTo(PodStatus.pending("Guaranteed"));
    assertThat(stored.spec()).isEqualTo(prepared.spec());
    assertThat(stored.name()).isEqualTo("web");
  }

  @Test
  void aPodWithoutResourcesIsStampedBestEffort() {
    Pod stored = PodAdmission.stamp(admit(pod()).pod(), "u", T0);

    assertThat(stored.status().phase()).isEqualTo("Pending");
    assertThat(stored.status().qosClass()).isEqualTo("BestEffort");
  }
}
