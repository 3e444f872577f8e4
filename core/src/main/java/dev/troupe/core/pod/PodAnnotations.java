package dev.troupe.core.pod;

import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks of the annotations by which a pod asks Troupe for more than Kubernetes offers. Pure. */
public final class PodAnnotations {

  private PodAnnotations() {}

  /** The errors of the pod's Troupe annotations; empty when they are fine or absent. */
  public static List<FieldError> validate(ObjectMeta meta) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, String> annotations = meta == null ? null : meta.annotations();
    if (annotations != null && annotations.containsKey(RestartBackoff.ANNOTATION)) {
      String curve = annotations.get(RestartBackoff.ANNOTATION);
      RestartBackoff.check(curve)
          .ifPresent(
              why ->
                  errors.add(
                      FieldError.invalid(
                          "metadata.annotations[" + RestartBackoff.ANNOTATION + "]", curve, why)));
    }
    return errors;
  }
}
