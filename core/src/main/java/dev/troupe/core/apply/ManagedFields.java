package dev.troupe.core.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Reading and writing {@code metadata.managedFields}, and the bookkeeping of a write that is not an
 * apply (create, update, the non-apply patches): the apiserver's FieldManager.Update.
 */
public final class ManagedFields {

  /** How the apiserver orders entries: applies first, then by time, manager, version. */
  static final Comparator<ManagedFieldsEntry> ORDER =
      Comparator.comparing(ManagedFieldsEntry::operation)
          .thenComparing(entry -> entry.time() == null ? 0 : entry.time().getEpochSecond())
          .thenComparing(ManagedFieldsEntry::manager)
          .thenComparing(entry -> Objects.toString(entry.apiVersion(), ""))
          .thenComparing(entry -> Objects.toString(entry.subresource(), ""));

  private ManagedFields() {}

  /**
   * The entries of {@code object}'s {@code metadata.managedFields}; of two entries of the same
   * writer the later one counts, as in the apiserver.
   *
   * @throws IllegalArgumentException when an entry cannot be read
   */
  public static List<ManagedFieldsEntry> read(JsonNode object) {
    JsonNode list = object == null ? null : object.path("metadata").get("managedFields");
    List<ManagedFieldsEntry> entries = new ArrayList<>();
    if (list == null || list.isNull()) {
      return entries;
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException("metadata.managedFields is not a list");
    }
    for (int i = 0; i < list.size(); i++) {
      ManagedFieldsEntry entry = ManagedFieldsEntry.fromJson(list.get(i), i);
      entries.removeIf(entry::sameWriter);
      entries.add(entry);
    }
    return entries;
  }

  /**
   * A copy of {@code object} whose {@code metadata.managedFields} holds {@code entries} in the
   * apiserver's order; without the field when there are none.
   */
  public static ObjectNode write(JsonNode object, List<ManagedFieldsEntry> entries) {
    ObjectNode copy = object.deepCopy();
    JsonNode metadata = copy.get("metadata");
    if (entries.isEmpty()) {
      if (metadata instanceof ObjectNode existing) {
        existing.remove("managedFields");
      }
      return copy;
    }
    ObjectNode target =
        metadata instanceof ObjectNode existing ? existing : copy.putObject("metadata");
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    entries.stream().sorted(ORDER).forEach(entry -> list.add(entry.toJson()));
    target.set("managedFields", list);
    return copy;
  }

  /** As {@link #recordUpdate(JsonNode, JsonNode, String, String, String, String, Instant)}. */
  public static ObjectNode recordUpdate(
      JsonNode before,
      JsonNode after,
      String kind,
      String manager,
      String apiVersion,
      Instant now) {
    return recordUpdate(before, after, kind, manager, apiVersion, null, now);
  }

  /**
   * {@code after} with its managed fields updated for a write by {@code manager} that is not an
   * apply. The fields the write added or changed become the manager's, in its {@code Update} entry
   * for {@code apiVersion} (stamped {@code now}), and no one else's; fields it removed leave every
   * entry; entries left empty go.
   *
   * <p>The entries to start from are those {@code after} carries, so a client can rewrite them;
   * when it carries none (or cannot be read) those of {@code before}. An {@code after} with {@code
   * managedFields: []} or {@code [{}]} resets them. As in the apiserver, an existing object with no
   * managed fields stays untracked until its first apply; a created one ({@code before} null) is
   * tracked from the start, its creator owning every field.
   *
   * @param subresource {@code status} for a write to the status subresource, whose changes to
   *     {@code status} are then tracked; null for the main resource, whose status is not
   */
  public static ObjectNode recordUpdate(
      JsonNode before,
      JsonNode after,
      String kind,
      String manager,
      String apiVersion,
      String subresource,
      Instant now) {
    List<ManagedFieldsEntry> entries = startingEntries(before, after);
    if (before != null && entries.isEmpty()) {
      return write(after, entries);
    }
    boolean keepStatus = SystemFields.STATUS.equals(subresource);
    ObjectCompare.Comparison comparison =
        ObjectCompare.compare(
            SystemFields.body(before, keepStatus), SystemFields.body(after, keepStatus), kind);
    ManagedFieldsEntry writer =
        new ManagedFieldsEntry(
            manager,
            ManagedFieldsEntry.Operation.UPDATE,
            apiVersion,
            now,
            comparison.changed(),
            subresource);
    return write(after, afterUpdate(entries, writer, comparison));
  }

  /**
   * The entries after a write whose effect is {@code comparison}, by {@code writer} (whose fields
   * are those it changed): no one else owns what it changed, no one owns what it removed.
   */
  static List<ManagedFieldsEntry> afterUpdate(
      List<ManagedFieldsEntry> entries,
      ManagedFieldsEntry writer,
      ObjectCompare.Comparison comparison) {
    FieldSet changed = comparison.changed();
    List<ManagedFieldsEntry> updated = new ArrayList<>();
    FieldSet previous = FieldSet.EMPTY;
    for (ManagedFieldsEntry entry : entries) {
      FieldSet left = entry.fields().minus(changed).minus(comparison.removed());
      if (entry.sameWriter(writer)) {
        previous = left;
        if (changed.isEmpty() && !left.isEmpty()) {
          updated.add(entry.withFields(left));
        }
      } else if (!left.isEmpty()) {
        updated.add(entry.withFields(left));
      }
    }
    if (!changed.isEmpty()) {
      updated.add(writer.withFields(previous.union(changed)));
    }
    return updated;
  }

  private static List<ManagedFieldsEntry> startingEntries(JsonNode before, JsonNode after) {
    JsonNode sent = after.path("metadata").get("managedFields");
    if (isReset(sent)) {
      return new ArrayList<>();
    }
    try {
      List<ManagedFieldsEntry> entries = read(after);
      if (!entries.isEmpty()) {
        return entries;
      }
    } catch (IllegalArgumentException unreadable) {
      // As the apiserver does, fall back to the live object's entries.
    }
    try {
      return read(before);
    } catch (IllegalArgumentException unreadable) {
      return new ArrayList<>();
    }
  }

  /** {@code []} or {@code [{}]}: a client's request to forget every entry. */
  private static boolean isReset(JsonNode sent) {
    return sent != null
        && sent.isArray()
        && (sent.isEmpty()
            || (sent.size() == 1 && sent.get(0).isObject() && sent.get(0).isEmpty()));
  }
}
