package dev.troupe.core.printing;

import java.util.Optional;

/**
 * The {@code includeObject} query parameter of a Table request: what each row's {@code object}
 * carries. kubectl sends none for plain {@code get} (so {@link #METADATA}) and {@code Object} for
 * {@code --sort-by}.
 */
public enum IncludeObject {
  /** No object: the row has cells only. */
  NONE("None"),
  /** A {@link PartialObjectMetadata} with the object's metadata; the default. */
  METADATA("Metadata"),
  /** The full object, with {@code kind} and {@code apiVersion}. */
  OBJECT("Object");

  /** Kubernetes' explanation when the parameter has another value. */
  public static final String ALLOWED_VALUES = "must be 'Metadata', 'Object', 'None', or empty";

  private final String value;

  IncludeObject(String value) {
    this.value = value;
  }

  /** The value as it appears in the query string. */
  public String value() {
    return value;
  }

  /**
   * Reads the query parameter: absent or empty is {@link #METADATA}; a value Kubernetes does not
   * know is empty, which the API answers with 400 and {@link #ALLOWED_VALUES}.
   */
  public static Optional<IncludeObject> parse(String parameter) {
    if (parameter == null || parameter.isEmpty()) {
      return Optional.of(METADATA);
    }
    for (IncludeObject include : values()) {
      if (include.value.equals(parameter)) {
        return Optional.of(include);
      }
    }
    return Optional.empty();
  }
}
