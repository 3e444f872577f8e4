package dev.troupe.actors.index;

import dev.troupe.core.JsonSerializable;

/**
 * Which part of a list: at most {@code limit} objects (0: all) after the key {@code after}, as the
 * list stood at {@code resourceVersion} (0: now). A continued list is consistent: objects changed
 * since its first page are shown as they were then, for as long as the change log holds the changes
 * in between.
 */
public record Page(int limit, long resourceVersion, String after) implements JsonSerializable {
  public static final Page ALL = new Page(0, 0, "");
}
