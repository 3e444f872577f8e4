package dev.troupe.http;

import java.util.Optional;

/**
 * What to do with fields of a body that the model does not have ({@code ?fieldValidation=}): refuse
 * the request, warn (Kubernetes' default) or ignore them.
 */
enum FieldValidation {
  STRICT,
  WARN,
  IGNORE;

  static Optional<FieldValidation> parse(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.of(WARN);
    }
    return switch (value) {
      case "Strict" -> Optional.of(STRICT);
      case "Warn" -> Optional.of(WARN);
      case "Ignore" -> Optional.of(IGNORE);
      default -> Optional.empty();
    };
  }

  /** Kubernetes' answer to an unknown directive. */
  static String invalid(String value) {
    return "fieldValidation: Unsupported value: \"%s\": supported values: \"Ignore\", \"Strict\","
            .formatted(value)
        + " \"Warn\"";
  }
}
