package dev.troupe.core.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What a server-side apply comes to: an object to store, conflicts, or a rejected request. */
public sealed interface ApplyResult
    permits ApplyResult.Applied, ApplyResult.Conflicted, ApplyResult.Rejected {

  /**
   * The object to store, with its managed fields; {@code changed} is false when it is the live
   * object as it was (a repeated apply), which then needs no write.
   */
  record Applied(JsonNode object, boolean changed) implements ApplyResult {}

  /**
   * The apply would change fields other managers own; a 409 Conflict. The conflicts are ordered by
   * owner, then field.
   */
  record Conflicted(List<Conflict> conflicts) implements ApplyResult {

    public Conflicted {
      conflicts = List.copyOf(conflicts);
    }

    /** The Status message: {@code Apply failed with 1 conflict: ...}. */
    public String message() {
      return Conflict.message(conflicts);
    }
  }

  /**
   * A configuration that cannot be applied, with the apiserver's message: a 400 Bad Request, or for
   * unreadable managed fields of the live object a 500.
   */
  record Rejected(String message, int code) implements ApplyResult {}
}
