package dev.troupe.core.kinds;

import static dev.troupe.core.kinds.JsonFields.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.api.ResourceType;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Namespace;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.printing.NamespacePrinter;
import dev.troupe.core.printing.TablePrinter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * core/v1 Namespaces: named by DNS labels, labelled with their own name, and deleted only once
 * their {@code spec.finalizers} are emptied (by whoever removes their content), meanwhile {@code
 * Terminating}.
 */
public final class NamespaceKind implements StoredKind {

  public static final NamespaceKind INSTANCE = new NamespaceKind();

  /** The finalizer a namespace is created with: its content must go first. */
  public static final String KUBERNETES_FINALIZER = "kubernetes";

  /** The label every namespace carries with its own name, to be selected by name. */
  public static final String NAME_LABEL = "kubernetes.io/metadata.name";

  public static final String ACTIVE = "Active";
  public static final String TERMINATING = "Terminating";

  private static final NamespacePrinter PRINTER = new NamespacePrinter();

  private NamespaceKind() {}

  @Override
  public ResourceType type() {
    return ResourceTypes.NAMESPACES;
  }

  @Override
  public Class<? extends Record> model() {
    return Namespace.class;
  }

  @Override
  public boolean namesAreLabels() {
    return true;
  }

  /**
   * The name label, and {@code spec.finalizers: [kubernetes]} when the finalizers are absent. An
   * explicit empty list is kept, so that clearing the finalizers is not undone.
   */
  @Override
  public KubeObject withDefaults(KubeObject namespace) {
    KubeObject defaulted = namespace;
    ObjectNode spec = JsonFields.specOf(namespace);
    if (spec != null) {
      JsonFields.setIfAbsent(spec, "finalizers", NODES.arrayNode().add(KUBERNETES_FINALIZER));
      defaulted = defaulted.with("spec", spec);
    }
    ObjectMeta meta = namespace.metadata();
    if (meta.name() != null && !meta.name().isEmpty()) {
      Map<String, String> labels = new LinkedHashMap<>(meta.labelsOrEmpty());
      labels.put(NAME_LABEL, meta.name());
      defaulted = defaulted.withMetadata(meta.withLabels(labels));
    }
    return defaulted;
  }

  @Override
  public JsonNode initialStatus(KubeObject created) {
    return NODES.objectNode().put("phase", ACTIVE);
  }

  @Override
  public TablePrinter<KubeObject> printer() {
    return PRINTER;
  }

  @Override
  public KubeObject whenTerminating(KubeObject namespace) {
    JsonNode status = namespace.field("status");
    ObjectNode terminating =
        status instanceof ObjectNode current ? current.deepCopy() : NODES.objectNode();
    terminating.put("phase", TERMINATING);
    return namespace.with("status", terminating);
  }

  @Override
  public boolean deletionHeld(KubeObject namespace) {
    return !namespace.at("/spec/finalizers").isEmpty();
  }
}
