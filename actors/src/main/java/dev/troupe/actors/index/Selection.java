package dev.troupe.actors.index;

import dev.troupe.core.JsonSerializable;
import dev.troupe.core.api.ApiObject;
import dev.troupe.core.selection.FieldSelector;
import dev.troupe.core.selection.LabelSelector;

/**
 * Which objects a list or a watch wants: a namespace (null: every namespace), a label selector and
 * a field selector in their query-string form. The API checks them before asking, so the index
 * never sees one that does not parse.
 */
public record Selection(String namespace, String labelSelector, String fieldSelector)
    implements JsonSerializable {

  public static Selection inNamespace(String namespace) {
    return new Selection(namespace, "", "");
  }

  /** The selection ready to test objects. */
  public Compiled compile() {
    LabelSelector.Parsed labels = LabelSelector.parse(labelSelector);
    FieldSelector.Parsed fields = FieldSelector.parse(fieldSelector);
    if (!labels.isValid() || !fields.isValid()) {
      throw new IllegalArgumentException(
          "invalid selection: " + (labels.isValid() ? fields.error() : labels.error()));
    }
    return new Compiled(namespace, labels.selector(), fields.selector());
  }

  /** A selection whose selectors are parsed. */
  public static final class Compiled {
    private final String namespace;
    private final LabelSelector labels;
    private final FieldSelector fields;

    Compiled(String namespace, LabelSelector labels, FieldSelector fields) {
      this.namespace = namespace;
      this.labels = labels;
      this.fields = fields;
    }

    public boolean matches(ApiObject object) {
      return (namespace == null || namespace.equals(object.namespace()))
          && labels.matches(object.metadata().labels())
          && (fields.isEmpty() || fields.matches(object.selectableFields()));
    }
  }
}
