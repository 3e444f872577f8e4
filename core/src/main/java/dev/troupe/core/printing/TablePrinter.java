package dev.troupe.core.printing;

import dev.troupe.core.model.ObjectMeta;
import java.time.Instant;
import java.util.List;

/**
 * How one kind is printed as a {@link Table}: its column definitions and, for each object, the
 * cells. Implementations are pure: the same object at the same {@code now} gives the same row.
 */
public interface TablePrinter<T> {

  /** The columns, in order; every row has one cell per column, wide ones included. */
  List<TableColumnDefinition> columnDefinitions();

  /** The cells of {@code object}'s row, ages measured at {@code now}. */
  List<Object> cells(T object, Instant now);

  /** The object's metadata, carried by rows as {@link PartialObjectMetadata}. */
  ObjectMeta metadata(T object);

  /** The object with {@code kind} and {@code apiVersion} set, carried by rows in full. */
  T withTypeMeta(T object);

  /** Row conditions of {@code object}; none unless a kind says otherwise. */
  default List<TableRowCondition> conditions(T object) {
    return List.of();
  }

  /** The row of {@code object}, carrying the object as {@code include} asks. */
  default TableRow row(T object, IncludeObject include, Instant now) {
    Object carried =
        switch (include) {
          case NONE -> null;
          case METADATA -> PartialObjectMetadata.of(metadata(object));
          case OBJECT -> withTypeMeta(object);
        };
    return new TableRow(cells(object, now), conditions(object), carried);
  }
}
