package dev.troupe.core.printing;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One row of a {@link Table}: a cell per column definition (null allowed), optional row conditions,
 * and the object it shows ({@link PartialObjectMetadata}, the full object, or absent; see {@link
 * IncludeObject}).
 */
@JsonPropertyOrder({"cells", "conditions", "object"})
public record TableRow(List<Object> cells, List<TableRowCondition> conditions, Object object) {

  public TableRow {
    // Not List.copyOf: a cell may be null, which Kubernetes writes as JSON null.
    cells = Collections.unmodifiableList(new ArrayList<>(cells));
    conditions = conditions == null || conditions.isEmpty() ? null : List.copyOf(conditions);
  }

  public static TableRow of(List<Object> cells, Object object) {
    return new TableRow(cells, null, object);
  }
}
