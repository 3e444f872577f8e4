package dev.troupe.core.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** A meta/v1 Status: how every API error is reported. */
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "status", "message", "reason", "details"})
public record Status(
    String kind,
    String apiVersion,
    Map<String, Object> metadata,
    String status,
    String message,
    String reason,
    Details details,
    int code) {

  public static Status failure(int code, String reason, String message, Details details) {
    return new Status("Status", "v1", Map.of(), "Failure", message, reason, details, code);
  }

  public static Status success(Details details) {
    return new Status("Status", "v1", Map.of(), "Success", null, null, details, 200);
  }

  /** Which object the status is about, and for Invalid, each field at fault. */
  public record Details(String name, String group, String kind, String uid, List<Cause> causes) {}

  /** One reason an object was refused, with the path of the field at fault. */
  public record Cause(String reason, String message, String field) {}
}
