package dev.troupe.core.selection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes' rules for label keys and values, worded as apimachinery's {@code IsQualifiedName} and
 * {@code IsValidLabelValue} word them, one message per broken rule.
 */
final class LabelRules {

  private static final String QUALIFIED_NAME_FORMAT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String LABEL_VALUE_FORMAT = "(" + QUALIFIED_NAME_FORMAT + ")?";
  private static final String SUBDOMAIN_FORMAT =
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FORMAT);
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FORMAT);
  private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FORMAT);

  private static final String QUALIFIED_NAME_RULE =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
          + " alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
          + " validation is '"
          + QUALIFIED_NAME_FORMAT
          + "')";
  private static final String LABEL_VALUE_RULE =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or"
          + " 'my_value',  or '12345', regex used for validation is '"
          + LABEL_VALUE_FORMAT
          + "')";
  private static final String SUBDOMAIN_RULE =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'example.com',"
          + " regex used for validation is '"
          + SUBDOMAIN_FORMAT
          + "')";

  private LabelRules() {}

  /** Why {@code key} is not a label key ({@code [prefix/]name}); empty when it is one. */
  static List<String> keyErrors(String key) {
    List<String> errors = new ArrayList<>();
    String[] parts = key.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      name = parts[1];
      if (parts[0].isEmpty()) {
        errors.add("prefix part must be non-empty");
      } else {
        subdomainErrors(parts[0]).forEach(why -> errors.add("prefix part " + why));
      }
    } else {
      errors.add(
          "a qualified name "
              + QUALIFIED_NAME_RULE
              + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errors;
    }
    if (name.isEmpty()) {
      errors.add("name part must be non-empty");
    } else if (byteLength(name) > 63) {
      errors.add("name part must be no more than 63 characters");
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      errors.add("name part " + QUALIFIED_NAME_RULE);
    }
    return errors;
  }

  /** Why {@code value} is not a label value (which may be empty); empty when it is one. */
  static List<String> valueErrors(String value) {
    List<String> errors = new ArrayList<>();
    if (byteLength(value) > 63) {
      errors.add("must be no more than 63 characters");
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errors.add(LABEL_VALUE_RULE);
    }
    return errors;
  }

  private static List<String> subdomainErrors(String prefix) {
    List<String> errors = new ArrayList<>();
    if (byteLength(prefix) > 253) {
      errors.add("must be no more than 253 characters");
    }
    if (!SUBDOMAIN.matcher(prefix).matches()) {
      errors.add(SUBDOMAIN_RULE);
    }
    return errors;
  }

  // Go measures strings in bytes; only non-ASCII input (already invalid) can tell the difference.
  private static int byteLength(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
