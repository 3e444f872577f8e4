package dev.troupe.core.printing;

import dev.troupe.core.api.ResourceType;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.ObjectMeta;
import java.util.List;

/**
 * What every printer of a kind stored as JSON shares: its columns, and the kind's {@code kind} and
 * {@code apiVersion} for the objects rows carry.
 */
public abstract class KubeObjectPrinter implements TablePrinter<KubeObject> {

  private final ResourceType type;
  private final List<TableColumnDefinition> columns;

  protected KubeObjectPrinter(ResourceType type, List<TableColumnDefinition> columns) {
    this.type = type;
    this.columns = List.copyOf(columns);
  }

  @Override
  public final List<TableColumnDefinition> columnDefinitions() {
    return columns;
  }

  @Override
  public final ObjectMeta metadata(KubeObject object) {
    return object.metadata();
  }

  @Override
  public final KubeObject withTypeMeta(KubeObject object) {
    return object.withTypeMeta(type.groupVersion(), type.kind());
  }
}
