package dev.troupe.core.printing;

import static dev.troupe.core.printing.ObjectCells.age;
import static dev.troupe.core.printing.ObjectCells.name;
import static dev.troupe.core.printing.ObjectCells.text;

import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.model.KubeObject;
import java.time.Instant;
import java.util.List;

/** Namespaces as Kubernetes prints them ({@code printNamespace}): their phase and age. */
public final class NamespacePrinter extends KubeObjectPrinter {

  public static final List<TableColumnDefinition> COLUMN_DEFINITIONS =
      List.of(Columns.NAME, Columns.string("Status", "The status of the namespace"), Columns.AGE);

  public NamespacePrinter() {
    super(ResourceTypes.NAMESPACES, COLUMN_DEFINITIONS);
  }

  @Override
  public List<Object> cells(KubeObject namespace, Instant now) {
    return List.of(name(namespace), text(namespace.at("/status/phase")), age(namespace, now));
  }
}
