package dev.troupe.core.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * The {@code pod-template-hash} of a pod template, as Kubernetes forms it: a 32-bit FNV-1a hash,
 * printed in decimal, each digit mapped to a letter or digit that cannot spell words ({@code
 * SafeEncodeString}). Kubernetes hashes its Go printing of the template; Troupe hashes the
 * template's canonical JSON (keys sorted), so equal templates always hash equal.
 */
public final class TemplateHash {

  public static final String LABEL = "pod-template-hash";

  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private TemplateHash() {}

  /** The hash of {@code template}; {@code collisionCount} makes a different one when it clashes. */
  public static String of(JsonNode template, int collisionCount) {
    byte[] bytes = Json.canonical(template).getBytes(StandardCharsets.UTF_8);
    int hash = 0x811c9dc5;
    for (byte b : bytes) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    if (collisionCount > 0) {
      for (byte b : Integer.toString(collisionCount).getBytes(StandardCharsets.UTF_8)) {
        hash ^= b & 0xff;
        hash *= 0x01000193;
      }
    }
    String decimal = Long.toString(Integer.toUnsignedLong(hash));
    StringBuilder safe = new StringBuilder(decimal.length());
    for (char c : decimal.toCharArray()) {
      safe.append(ALPHABET.charAt(c % ALPHABET.length()));
    }
    return safe.toString();
  }
}
