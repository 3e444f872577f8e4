package dev.troupe.core.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A field an apply would change that another manager owns. Its wording is the apiserver's: the
 * Status cause {@code {"type": "FieldManagerConflict", "message": causeMessage(), "field":
 * field()}} and, for all of a request's conflicts, the Status {@link #message(List) message}.
 */
public record Conflict(
    String manager,
    ManagedFieldsEntry.Operation operation,
    String apiVersion,
    String subresource,
    FieldPath path) {

  /** The type of a conflict's cause in a Status of reason Conflict. */
  public static final String CAUSE_TYPE = "FieldManagerConflict";

  static Conflict with(ManagedFieldsEntry owner, FieldPath path) {
    return new Conflict(
        owner.manager(), owner.operation(), owner.apiVersion(), owner.subresource(), path);
  }

  /** The conflicting field as Kubernetes prints it: {@code .spec.replicas}. */
  public String field() {
    return path.toString();
  }

  /**
   * The owner as the apiserver names it: {@code "kubectl"} for an applier, {@code
   * "kube-controller-manager" using apps/v1} for an updater, with {@code with subresource "status"}
   * after the name for a subresource's writer.
   */
  public String owner() {
    String name = JsonOrder.goQuote(manager);
    if (subresource != null) {
      name += " with subresource " + JsonOrder.goQuote(subresource);
    }
    return operation == ManagedFieldsEntry.Operation.UPDATE ? name + " using " + apiVersion : name;
  }

  /** The message of this conflict's Status cause: {@code conflict with "kubectl"}. */
  public String causeMessage() {
    return "conflict with " + owner();
  }

  /**
   * The message of the Status a conflicting apply gets: {@code Apply failed with 1 conflict:
   * conflict with "kubectl" using apps/v1: .spec.replicas}, or for several, one {@code conflicts
   * with <owner>:} line per owner followed by a {@code - <field>} line per field.
   */
  public static String message(List<Conflict> conflicts) {
    if (conflicts.size() == 1) {
      Conflict only = conflicts.get(0);
      return "Apply failed with 1 conflict: " + only.causeMessage() + ": " + only.field();
    }
    Map<String, List<String>> fieldsByOwner = new LinkedHashMap<>();
    for (Conflict conflict : conflicts) {
      fieldsByOwner
          .computeIfAbsent(conflict.owner(), owner -> new ArrayList<>())
          .add(conflict.field());
    }
    List<String> lines = new ArrayList<>();
    fieldsByOwner.forEach(
        (owner, fields) -> {
          lines.add("conflicts with " + owner + ":");
          fields.forEach(field -> lines.add("- " + field));
        });
    return "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
  }
}
