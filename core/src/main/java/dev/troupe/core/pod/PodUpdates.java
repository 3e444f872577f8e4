package dev.troupe.core.pod;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.validation.FieldError;
import dev.troupe.core.validation.PodValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an update (PUT, or a patch's result) may change of a stored pod, as Kubernetes rules: the
 * labels, annotations, owner references and finalizers, and the containers' images. Everything else
 * of the spec is immutable; the server's stamps and the status are kept. Pure.
 */
public final class PodUpdates {

  static final String FORBIDDEN_SPEC_CHANGE =
      "pod updates may not change fields other than `spec.containers[*].image`,"
          + " `spec.initContainers[*].image`, `spec.activeDeadlineSeconds`, `spec.tolerations`"
          + " (only additions to existing tolerations),"
          + " `spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously"
          + " negative)";

  private PodUpdates() {}

  /** The outcome: the pod to store, or every reason the update is refused. */
  public record Updated(Pod pod, List<FieldError> errors) {
    public boolean isValid() {
      return errors.isEmpty();
    }
  }

  /** The stored form of {@code sent} as an update of {@code current}. */
  public static Updated prepare(Pod current, Pod sent) {
    List<FieldError> errors = new ArrayList<>();
    ObjectMeta sentMeta = sent.metadata() == null ? ObjectMeta.named(null, null) : sent.metadata();
    ObjectMeta meta =
        current.metadata().toBuilder()
            .labels(sentMeta.labels())
            .annotations(sentMeta.annotations())
            .ownerReferences(sentMeta.ownerReferences())
            .finalizers(sentMeta.finalizers())
            .build();
    PodSpec sentSpec = sent.spec() == null ? null : defaulted(sent.spec(), current);
    PodSpec spec = current.spec();
    if (sentSpec == null) {
      errors.add(FieldError.required("spec"));
    } else {
      PodSpec withNewImages = withImagesOf(current.spec(), sentSpec);
      if (!withNewImages.equals(sentSpec)) {
        errors.add(FieldError.forbidden("spec", FORBIDDEN_SPEC_CHANGE));
      } else {
        spec = withNewImages;
      }
    }
    Pod updated = current.withMetadata(meta).withSpec(spec);
    if (errors.isEmpty()) {
      errors.addAll(PodValidation.validate(updated));
      errors.addAll(PodAnnotations.validate(updated.metadata()));
    }
    return new Updated(updated, List.copyOf(errors));
  }

  /** Whether {@code updated} differs from {@code current} in anything an update may change. */
  public static boolean changes(Pod current, Pod updated) {
    return !Objects.equals(current.metadata(), updated.metadata())
        || !Objects.equals(current.spec(), updated.spec());
  }

  /**
   * The sent spec with Kubernetes' defaults, bound to the current node unless it names one (a
   * client that read the pod before it was scheduled sends no node).
   */
  private static PodSpec defaulted(PodSpec sent, Pod current) {
    PodSpec bound = sent.nodeName() == null ? sent.withNodeName(current.spec().nodeName()) : sent;
    return PodDefaults.apply(Pod.of(current.metadata(), bound)).spec();
  }

  /** {@code base} with the images of {@code sent}'s containers of the same names. */
  private static PodSpec withImagesOf(PodSpec base, PodSpec sent) {
    List<Container> sentContainers = sent.containersOrEmpty();
    List<Container> containers = new ArrayList<>();
    for (Container c : base.containersOrEmpty()) {
      Container replacement =
          sentContainers.stream().filter(s -> c.name().equals(s.name())).findFirst().orElse(c);
      containers.add(c.withImage(replacement.image()));
    }
    return base.withContainers(List.copyOf(containers));
  }
}
