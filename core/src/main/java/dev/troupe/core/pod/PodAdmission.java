package dev.troupe.core.pod;

import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.validation.FieldError;
import dev.troupe.core.validation.Names;
import dev.troupe.core.validation.PodValidation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Turns a pod as a client sent it into the pod as it is stored. Pure. */
public final class PodAdmission {

  private PodAdmission() {}

  /** The outcome: the pod to store, or every reason it is refused. */
  public record Admitted(Pod pod, List<FieldError> errors) {
    public boolean isValid() {
      return errors.isEmpty();
    }
  }

  /**
   * Fills the namespace from the request path, generates the name from {@code generateName},
   * applies defaults, drops any client-sent status and server-owned stamps, and validates.
   */
  public static Admitted prepare(Pod sent, String namespace, RandomGenerator random) {
    ObjectMeta meta = sent.metadata() == null ? ObjectMeta.named(null, null) : sent.metadata();
    meta = meta.withNamespace(namespace);
    if ((meta.name() == null || meta.name().isEmpty())
        && meta.generateName() != null
        && !meta.generateName().isEmpty()) {
      meta = meta.withName(Names.generate(meta.generateName(), random));
    }
    meta = meta.asCreated(null, null, null);
    // Kubernetes decodes a missing spec as an empty one, so the error names spec.containers.
    PodSpec spec = sent.spec() != null ? sent.spec() : new PodSpec(null, null, null, null, null);
    Pod pod = PodDefaults.apply(Pod.of(meta, spec));
    List<FieldError> errors = new ArrayList<>(PodValidation.validate(pod));
    errors.addAll(PodAnnotations.validate(pod.metadata()));
    return new Admitted(pod, List.copyOf(errors));
  }

  /** The stored pod: uid, creation time (whole seconds, as Kubernetes shows it), status. */
  public static Pod stamp(Pod prepared, String uid, Instant at) {
    ObjectMeta meta = prepared.metadata().asCreated(uid, at.truncatedTo(ChronoUnit.SECONDS), null);
    return prepared.withMetadata(meta).withStatus(PodStatuses.initial(prepared.spec()));
  }
}
