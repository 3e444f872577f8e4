package dev.troupe.core.validation;

import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** Kubernetes' naming rules, and the random suffix of {@code generateName}. */
public final class Names {

  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private Names() {}

  /** Why {@code name} is not a DNS-1123 subdomain, or empty when it is one. */
  public static Optional<String> checkSubdomain(String name) {
    if (name.length() > 253) {
      return Optional.of("must be no more than 253 characters");
    }
    if (!DNS1123_SUBDOMAIN.matcher(name).matches()) {
      return Optional.of(
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-'"
              + " or '.', and must start and end with an alphanumeric character (e.g."
              + " 'example.com', regex used for validation is"
              + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }
    return Optional.empty();
  }

  /** Why {@code name} is not a DNS-1123 label, or empty when it is one. */
  public static Optional<String> checkLabel(String name) {
    if (name.length() > 63) {
      return Optional.of("must be no more than 63 characters");
    }
    if (!DNS1123_LABEL.matcher(name).matches()) {
      return Optional.of(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-',"
              + " and must start and end with an alphanumeric character (e.g. 'my-name',  or"
              + " '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    }
    return Optional.empty();
  }

  /** {@code prefix} plus five random characters, cut so the result stays within 63. */
  public static String generate(String prefix, RandomGenerator random) {
    String base = prefix.length() > 58 ? prefix.substring(0, 58) : prefix;
    StringBuilder name = new StringBuilder(base);
    for (int i = 0; i < 5; i++) {
      name.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
    }
    return name.toString();
  }
}
