package dev.troupe.core.printing;

/** Column definitions shared by every kind's printer, and factories for the others. */
public final class Columns {

  /** The name column every kind starts with; its {@code name} format makes kubectl add the kind. */
  public static final TableColumnDefinition NAME =
      new TableColumnDefinition(
          "Name",
          "string",
          "name",
          "Name must be unique within a namespace. Is required when creating resources, although"
              + " some resources may allow a client to request the generation of an appropriate"
              + " name automatically. Name is primarily intended for creation idempotence and"
              + " configuration definition. Cannot be updated. More info:"
              + " https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
          0);

  /** The age column, whose cells are {@link HumanDuration#since} the creation timestamp. */
  public static final TableColumnDefinition AGE =
      string(
          "Age",
          "CreationTimestamp is a timestamp representing the server time when this object was"
              + " created. It is not guaranteed to be set in happens-before order across separate"
              + " operations. Clients may not set this value. It is represented in RFC3339 form"
              + " and is in UTC.\n\n"
              + "Populated by the system. Read-only. Null for lists. More info:"
              + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata");

  private Columns() {}

  /** A column of text shown by default. */
  public static TableColumnDefinition string(String name, String description) {
    return new TableColumnDefinition(name, "string", "", description, 0);
  }

  /** A column of whole numbers shown by default. */
  public static TableColumnDefinition integer(String name, String description) {
    return new TableColumnDefinition(name, "integer", "", description, 0);
  }

  /** A column of text shown only with {@code -o wide}. */
  public static TableColumnDefinition wide(String name, String description) {
    return new TableColumnDefinition(name, "string", "", description, 1);
  }
}
