package dev.troupe.core.printing;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * meta.k8s.io/v1 Table: what kubectl asks for with {@code Accept: application/json;as=Table} and
 * prints as it is, so the server computes every cell. {@code columnDefinitions} may be left out of
 * watch events after the first, as kubectl takes the header from the list.
 */
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "columnDefinitions", "rows"})
public record Table(
    String kind,
    String apiVersion,
    ListMeta metadata,
    List<TableColumnDefinition> columnDefinitions,
    List<TableRow> rows) {

  public static final String KIND = "Table";
  public static final String API_VERSION = "meta.k8s.io/v1";

  public Table {
    metadata = metadata == null ? ListMeta.EMPTY : metadata;
    columnDefinitions = columnDefinitions == null ? null : List.copyOf(columnDefinitions);
    rows = rows == null ? List.of() : List.copyOf(rows);
  }

  public static Table of(
      String resourceVersion, List<TableColumnDefinition> columnDefinitions, List<TableRow> rows) {
    return new Table(
        KIND, API_VERSION, new ListMeta(resourceVersion, null), columnDefinitions, rows);
  }

  /** The same table without its header, for watch events after the first. */
  /** The same table, telling the client how to ask for the next page (null: no more). */
  public Table withContinue(String continueToken) {
    return new Table(
        kind,
        apiVersion,
        new ListMeta(metadata.resourceVersion(), continueToken),
        columnDefinitions,
        rows);
  }

  public Table withoutColumnDefinitions() {
    return new Table(kind, apiVersion, metadata, null, rows);
  }

  /** The list metadata of a table; always written, as {@code {}} when empty. */
  @JsonPropertyOrder({"resourceVersion", "continue"})
  public record ListMeta(String resourceVersion, @JsonProperty("continue") String continueToken) {

    public static final ListMeta EMPTY = new ListMeta(null, null);
  }
}
