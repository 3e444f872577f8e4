package dev.troupe.core.selection;

import dev.troupe.core.model.KubeObject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The fields each stored kind can be selected by beyond {@code metadata.name} and {@code
 * metadata.namespace}, with where they are in the object, as Kubernetes registers them ({@code
 * AddFieldLabelConversionFunc} in each group's conversion code).
 */
public final class SelectableFields {

  private static final Map<String, Map<String, String>> BY_KIND =
      Map.of(
          "Event",
          ordered(
              "involvedObject.kind", "/involvedObject/kind",
              "involvedObject.namespace", "/involvedObject/namespace",
              "involvedObject.name", "/involvedObject/name",
              "involvedObject.uid", "/involvedObject/uid",
              "involvedObject.apiVersion", "/involvedObject/apiVersion",
              "involvedObject.resourceVersion", "/involvedObject/resourceVersion",
              "involvedObject.fieldPath", "/involvedObject/fieldPath",
              "reason", "/reason",
              "reportingComponent", "/reportingComponent",
              "source", "/source/component",
              "type", "/type"),
          "Namespace",
          ordered("status.phase", "/status/phase"),
          "Node",
          ordered("spec.unschedulable", "/spec/unschedulable"),
          "ReplicaSet",
          ordered("status.replicas", "/status/replicas"),
          "Service",
          ordered("spec.clusterIP", "/spec/clusterIP", "spec.type", "/spec/type"));

  private SelectableFields() {}

  /** The field names {@code kind} supports, the metadata ones included. */
  public static Set<String> supported(String kind) {
    Set<String> names = new LinkedHashSet<>(FieldSelector.METADATA_FIELDS);
    names.addAll(BY_KIND.getOrDefault(kind, Map.of()).keySet());
    return names;
  }

  /** Whether {@code kind} has fields of its own (its unknown-field message differs). */
  public static boolean hasOwnFields(String kind) {
    return BY_KIND.containsKey(kind);
  }

  /** The selectable fields of {@code object} with their values; absent ones are "". */
  public static Map<String, String> of(KubeObject object) {
    Map<String, String> fields = FieldSelector.metadataFields(object.metadata());
    BY_KIND
        .getOrDefault(object.kind(), Map.of())
        .forEach((name, pointer) -> fields.put(name, object.text(pointer)));
    return fields;
  }

  private static Map<String, String> ordered(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
