package dev.troupe.http;

import dev.troupe.core.model.Status;
import java.util.Optional;

/**
 * The query of a server-side apply ({@code PATCH} with {@code application/apply-patch+yaml}): the
 * field manager applying, which Kubernetes requires, and whether it takes fields other managers own
 * ({@code force}).
 */
record ApplyOptions(String fieldManager, boolean force) {

  /** The media type of a server-side apply. */
  static final String MEDIA_TYPE = "application/apply-patch+yaml";

  static boolean isApply(String mediaType) {
    return mediaType != null && mediaType.startsWith(MEDIA_TYPE);
  }

  /** The options, or the error refusing them. */
  record Parsed(ApplyOptions options, Status error) {}

  static Parsed parse(Optional<String> fieldManager, Optional<String> force) {
    String manager = fieldManager.orElse("");
    if (manager.isEmpty()) {
      return new Parsed(null, ApiErrors.fieldManagerRequired());
    }
    String forced = force.orElse("false");
    if (!forced.equals("true") && !forced.equals("false")) {
      return new Parsed(
          null,
          ApiErrors.badRequest(
              "force: Invalid value: \"%s\": must be true or false".formatted(forced)));
    }
    return new Parsed(new ApplyOptions(manager, forced.equals("true")), null);
  }
}
