package dev.troupe.core.printing;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A condition of a {@link TableRow}; Kubernetes marks finished pods {@code Completed}. */
@JsonPropertyOrder({"type", "status", "reason", "message"})
public record TableRowCondition(String type, String status, String reason, String message) {

  /** The one row condition type Kubernetes defines. */
  public static final String COMPLETED = "Completed";

  public static TableRowCondition completed(String reason, String message) {
    return new TableRowCondition(COMPLETED, "True", reason, message);
  }
}
