package dev.troupe.core.kinds;

import static dev.troupe.core.kinds.JsonFields.isAbsent;
import static dev.troupe.core.kinds.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.validation.FieldError;
import dev.troupe.core.validation.Names;
import java.util.List;
import java.util.regex.Pattern;

/** Field checks the JSON kinds share, worded as Kubernetes' validation words them. */
final class FieldChecks {

  static final String PORT_RANGE = "must be between 1 and 65535, inclusive";
  static final String NON_NEGATIVE = "must be greater than or equal to 0";
  static final String IMMUTABLE = "field is immutable";

  private static final Pattern PORT_NAME_CHARSET = Pattern.compile("[-a-z0-9]+");
  private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");

  private FieldChecks() {}

  /**
   * The whole number at {@code node}; null when absent, and also when it is not a whole number,
   * which is reported (Kubernetes refuses it while decoding).
   */
  static Long integer(JsonNode node, String path, List<FieldError> errors) {
    if (isAbsent(node)) {
      return null;
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.asLong();
    }
    errors.add(
        new FieldError(FieldError.Type.INVALID, path, node.toString(), "must be an integer"));
    return null;
  }

  /** {@code ValidateNonnegativeField}; an absent field passes. */
  static void nonNegative(JsonNode node, String path, List<FieldError> errors) {
    Long value = integer(node, path, errors);
    if (value != null && value < 0) {
      errors.add(FieldError.invalid(path, value, NON_NEGATIVE));
    }
  }

  /** {@code IsValidPortNum}: absent counts as 0, as Go decodes it. */
  static void portNumber(JsonNode node, String path, List<FieldError> errors) {
    Long port = isAbsent(node) ? Long.valueOf(0) : integer(node, path, errors);
    if (port != null && (port < 1 || port > 65535)) {
      errors.add(FieldError.invalid(path, port, PORT_RANGE));
    }
  }

  /** A port's protocol: required, and one of SCTP, TCP and UDP. */
  static void protocol(JsonNode node, String path, List<FieldError> errors) {
    String protocol = text(node);
    if (protocol.isEmpty()) {
      errors.add(FieldError.required(path));
    } else if (!List.of("SCTP", "TCP", "UDP").contains(protocol)) {
      errors.add(FieldError.notSupported(path, protocol, "SCTP", "TCP", "UDP"));
    }
  }

  /** A DNS-1123 label such as a port's name. */
  static void label(String value, String path, List<FieldError> errors) {
    Names.checkLabel(value).ifPresent(why -> errors.add(FieldError.invalid(path, value, why)));
  }

  /**
   * {@code ValidatePortNumOrName}: a port number, or an IANA service name such as {@code http} that
   * a container port is named by.
   */
  static void portNumberOrName(JsonNode node, String path, List<FieldError> errors) {
    if (!node.isTextual()) {
      portNumber(node, path, errors);
      return;
    }
    String name = node.asText();
    if (name.length() > 15) {
      errors.add(FieldError.invalid(path, name, "must be no more than 15 characters"));
    }
    if (!PORT_NAME_CHARSET.matcher(name).matches()) {
      errors.add(
          FieldError.invalid(
              path,
              name,
              "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"));
    }
    if (!HAS_LETTER.matcher(name).matches()) {
      errors.add(FieldError.invalid(path, name, "must contain at least one letter (a-z)"));
    }
    if (name.contains("--")) {
      errors.add(FieldError.invalid(path, name, "must not contain consecutive hyphens"));
    }
    if (name.startsWith("-") || name.endsWith("-")) {
      errors.add(FieldError.invalid(path, name, "must not begin or end with a hyphen"));
    }
  }
}
