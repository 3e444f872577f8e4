package dev.troupe.core.validation;

import dev.troupe.core.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;

/** The checks every kind's metadata gets, whatever the kind. */
public final class ObjectValidation {

  private ObjectValidation() {}

  /**
   * Errors in {@code meta}: a name that is a DNS subdomain (a DNS label when {@code labelName}, as
   * for Namespaces), a valid namespace, well-formed labels.
   */
  public static List<FieldError> validateMetadata(ObjectMeta meta, boolean labelName) {
    List<FieldError> errors = new ArrayList<>();
    PodValidation.validateMetadata(meta, errors);
    if (labelName && meta != null && meta.name() != null && !meta.name().isEmpty()) {
      errors.removeIf(e -> e.field().equals("metadata.name"));
      Names.checkLabel(meta.name())
          .ifPresent(why -> errors.add(FieldError.invalid("metadata.name", meta.name(), why)));
    }
    return errors;
  }
}
