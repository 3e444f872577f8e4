package dev.troupe.core.printing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link Table}s of any kind from its {@link TablePrinter}. */
public final class Tables {

  private Tables() {}

  /**
   * A table of {@code objects} in the order given, with the list's {@code resourceVersion} (kubectl
   * starts {@code get -w} from it; null leaves it out).
   */
  public static <T> Table of(
      List<T> objects,
      TablePrinter<T> printer,
      IncludeObject include,
      String resourceVersion,
      Instant now) {
    List<TableRow> rows = new ArrayList<>(objects.size());
    for (T object : objects) {
      rows.add(printer.row(object, include, now));
    }
    return Table.of(resourceVersion, printer.columnDefinitions(), rows);
  }

  /**
   * A table of one object, as a single GET or a watch event carries it; its resourceVersion is the
   * object's.
   */
  public static <T> Table single(
      T object, TablePrinter<T> printer, IncludeObject include, Instant now) {
    return of(List.of(object), printer, include, printer.metadata(object).resourceVersion(), now);
  }
}
