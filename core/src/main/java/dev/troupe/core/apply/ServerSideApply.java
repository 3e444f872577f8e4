package dev.troupe.core.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Server-side apply ({@code PATCH} with {@code application/apply-patch+yaml}): merges a manager's
 * configuration into the live object and keeps {@code metadata.managedFields}, as the apiserver's
 * field manager and structured-merge-diff do.
 *
 * <p>The manager's {@code Apply} entry becomes exactly the fields of its configuration. A field the
 * apply would change (or add) that another manager owns is a conflict, unless forced; then the
 * other manager loses it. Fields the manager applied last time and leaves out now are removed,
 * unless another manager owns them. Setting a field to the value it already has changes nothing, so
 * the field is then shared rather than in conflict.
 */
public final class ServerSideApply {

  /** The Update manager that owns an untracked object's fields at its first apply. */
  public static final String BEFORE_FIRST_APPLY = "before-first-apply";

  private static final Comparator<Conflict> CONFLICT_ORDER =
      Comparator.comparing(Conflict::manager)
          .thenComparing(Conflict::operation)
          .thenComparing(conflict -> Objects.toString(conflict.apiVersion(), ""))
          .thenComparing(conflict -> Objects.toString(conflict.subresource(), ""));

  private ServerSideApply() {}

  /**
   * Applies {@code config} for {@code manager}.
   *
   * @param live the stored object, or null to create it from the configuration
   * @param apiVersion the version of the request (the configuration must have it too)
   * @param force whether to take conflicting fields from their managers ({@code force=true})
   * @param now the time to stamp on the entries that change
   */
  public static ApplyResult apply(
      JsonNode live,
      JsonNode config,
      String kind,
      String manager,
      String apiVersion,
      boolean force,
      Instant now) {
    String refusal = refusal(config, apiVersion);
    if (refusal != null) {
      return new ApplyResult.Rejected(refusal, 400);
    }
    ObjectNode configBody = SystemFields.body(config, false);
    List<String> problems = ObjectFields.problems(configBody, kind);
    if (!problems.isEmpty()) {
      return new ApplyResult.Rejected(typedPatchError(live, config, kind, problems), 500);
    }
    List<ManagedFieldsEntry> stored;
    try {
      stored = ManagedFields.read(live);
    } catch (IllegalArgumentException unreadable) {
      return new ApplyResult.Rejected(
          "failed to decode managed fields: " + unreadable.getMessage(), 500);
    }
    ObjectNode liveBody = SystemFields.body(live, false);
    List<ManagedFieldsEntry> entries =
        live != null && stored.isEmpty()
            ? beforeFirstApply(liveBody, kind, apiVersion, now)
            : stored;
    ManagedFieldsEntry applier =
        new ManagedFieldsEntry(
            manager,
            ManagedFieldsEntry.Operation.APPLY,
            apiVersion,
            now,
            ObjectFields.fieldSet(configBody, kind),
            null);

    ObjectNode merged = ObjectMerge.merge(liveBody, configBody, kind);
    ObjectNode pruned =
        ObjectPrune.prune(merged, lastApplied(entries, applier), owned(entries, applier), kind);
    ObjectCompare.Comparison comparison = ObjectCompare.compare(liveBody, pruned, kind);
    List<Conflict> conflicts = new ArrayList<>();
    List<ManagedFieldsEntry> updated = afterApply(entries, applier, comparison, conflicts);
    if (!conflicts.isEmpty() && !force) {
      conflicts.sort(CONFLICT_ORDER);
      return new ApplyResult.Conflicted(conflicts);
    }

    ObjectNode body = withoutNulls(pruned);
    if (live != null
        && JsonOrder.same(body, withoutNulls(liveBody))
        && sameIgnoringTime(updated, stored)) {
      return new ApplyResult.Applied(live.deepCopy(), false);
    }
    ObjectNode object =
        live == null ? SystemFields.join(config, body, true) : SystemFields.join(live, body, false);
    return new ApplyResult.Applied(ManagedFields.write(object, updated), true);
  }

  /** What the applier applied last time. */
  private static FieldSet lastApplied(
      List<ManagedFieldsEntry> entries, ManagedFieldsEntry applier) {
    return entries.stream()
        .filter(entry -> entry.sameWriter(applier))
        .map(ManagedFieldsEntry::fields)
        .findFirst()
        .orElse(FieldSet.EMPTY);
  }

  /**
   * Every field someone will own if the apply goes through: the other entries' and the applier's.
   */
  private static FieldSet owned(List<ManagedFieldsEntry> entries, ManagedFieldsEntry applier) {
    FieldSet owned = applier.fields();
    for (ManagedFieldsEntry entry : entries) {
      if (!entry.sameWriter(applier)) {
        owned = owned.union(entry.fields());
      }
    }
    return owned;
  }

  /**
   * The entries after the apply: the applier's is its configuration's fields (and gone when that is
   * empty); the others lose what the apply changes (collected into {@code conflicts}) and what it
   * removes, and go when emptied.
   */
  private static List<ManagedFieldsEntry> afterApply(
      List<ManagedFieldsEntry> entries,
      ManagedFieldsEntry applier,
      ObjectCompare.Comparison comparison,
      List<Conflict> conflicts) {
    FieldSet changed = comparison.changed();
    List<ManagedFieldsEntry> updated = new ArrayList<>();
    for (ManagedFieldsEntry other : entries) {
      if (other.sameWriter(applier)) {
        continue;
      }
      FieldSet taken = other.fields().intersect(changed);
      taken.paths().forEach(path -> conflicts.add(Conflict.with(other, path)));
      FieldSet left = other.fields().minus(taken).minus(comparison.removed());
      if (!left.isEmpty()) {
        updated.add(other.withFields(left));
      }
    }
    if (!applier.fields().isEmpty()) {
      updated.add(applier);
    }
    return updated;
  }

  /** The checks the apiserver makes before it looks at the configuration's fields. */
  private static String refusal(JsonNode config, String apiVersion) {
    if (config == null || !config.isObject()) {
      return "error decoding YAML: json: cannot unmarshal "
          + goKind(config)
          + " into Go value of type map[string]interface {}";
    }
    JsonNode version = config.get("apiVersion");
    if (version != null && version.isTextual() && !version.textValue().equals(apiVersion)) {
      return "Incorrect version specified in apply patch. Specified patch version: "
          + version.textValue()
          + ", expected: "
          + apiVersion;
    }
    JsonNode managedFields = config.path("metadata").get("managedFields");
    if (managedFields != null && !managedFields.isNull()) {
      return "metadata.managedFields must be nil";
    }
    return null;
  }

  private static String goKind(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "null";
    }
    if (node.isArray()) {
      return "array";
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    return "string";
  }

  /**
   * {@code failed to create typed patch object (default/web; apps/v1, Kind=Deployment): <the
   * problem>}, or {@code errors:} followed by one indented line per problem.
   */
  private static String typedPatchError(
      JsonNode live, JsonNode config, String kind, List<String> problems) {
    JsonNode metadata = config.path("metadata");
    String namespace = metadata.path("namespace").textValue();
    if (namespace == null && live != null) {
      namespace = live.path("metadata").path("namespace").textValue();
    }
    String name = Objects.toString(metadata.path("name").textValue(), "");
    String version = Objects.toString(config.path("apiVersion").textValue(), "");
    String groupVersion = version.contains("/") ? version : "/" + version;
    String detail =
        problems.size() == 1 ? problems.get(0) : "errors:\n  " + String.join("\n  ", problems);
    return "failed to create typed patch object ("
        + Objects.toString(namespace, "")
        + "/"
        + name
        + "; "
        + groupVersion
        + ", Kind="
        + kind
        + "): "
        + detail;
  }

  /**
   * An object written before field management (or whose entries were reset) is owned, at its first
   * apply, by {@value #BEFORE_FIRST_APPLY}: as if it had just been created.
   */
  private static List<ManagedFieldsEntry> beforeFirstApply(
      ObjectNode liveBody, String kind, String apiVersion, Instant now) {
    ObjectCompare.Comparison creation =
        ObjectCompare.compare(JsonNodeFactory.instance.objectNode(), liveBody, kind);
    List<ManagedFieldsEntry> entries = new ArrayList<>();
    if (!creation.changed().isEmpty()) {
      entries.add(
          new ManagedFieldsEntry(
              BEFORE_FIRST_APPLY,
              ManagedFieldsEntry.Operation.UPDATE,
              apiVersion,
              now,
              creation.changed(),
              null));
    }
    return entries;
  }

  /**
   * A configuration's {@code null} resets a field: it is owned, and compared, as null, but the
   * stored object does not have it.
   */
  private static ObjectNode withoutNulls(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    dropNulls(copy);
    return copy;
  }

  private static void dropNulls(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> nulls = new ArrayList<>();
      for (Map.Entry<String, JsonNode> member : object.properties()) {
        if (member.getValue().isNull()) {
          nulls.add(member.getKey());
        } else {
          dropNulls(member.getValue());
        }
      }
      object.remove(nulls);
    } else if (node.isArray()) {
      node.forEach(ServerSideApply::dropNulls);
    }
  }

  /** Whether the entries are the same but for their times: a repeated apply changes nothing. */
  private static boolean sameIgnoringTime(
      List<ManagedFieldsEntry> entries, List<ManagedFieldsEntry> others) {
    return timeless(entries).equals(timeless(others));
  }

  private static List<ManagedFieldsEntry> timeless(List<ManagedFieldsEntry> entries) {
    List<ManagedFieldsEntry> timeless = new ArrayList<>();
    entries.forEach(entry -> timeless.add(entry.withTime(null)));
    timeless.sort(
        Comparator.comparing(ManagedFieldsEntry::operation)
            .thenComparing(ManagedFieldsEntry::manager)
            .thenComparing(entry -> Objects.toString(entry.apiVersion(), ""))
            .thenComparing(entry -> Objects.toString(entry.subresource(), "")));
    return timeless;
  }
}
