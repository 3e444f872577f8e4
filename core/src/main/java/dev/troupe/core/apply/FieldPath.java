package dev.troupe.core.apply;

import java.util.ArrayList;
import java.util.List;

/**
 * A path from an object's root to one of its fields, printed as Kubernetes prints it in a conflict:
 * {@code .spec.template.spec.containers[name="web"].image}.
 */
public record FieldPath(List<PathElement> elements) {

  public FieldPath {
    elements = List.copyOf(elements);
  }

  public static FieldPath of(PathElement... elements) {
    return new FieldPath(List.of(elements));
  }

  /** The path through fields with these names: {@code fields("spec", "replicas")}. */
  public static FieldPath fields(String... names) {
    List<PathElement> elements = new ArrayList<>();
    for (String name : names) {
      elements.add(PathElement.field(name));
    }
    return new FieldPath(elements);
  }

  public FieldPath append(PathElement element) {
    List<PathElement> longer = new ArrayList<>(elements);
    longer.add(element);
    return new FieldPath(longer);
  }

  /** This path followed by fields with these names. */
  public FieldPath field(String... names) {
    FieldPath path = this;
    for (String name : names) {
      path = path.append(PathElement.field(name));
    }
    return path;
  }

  public boolean isEmpty() {
    return elements.isEmpty();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    elements.forEach(text::append);
    return text.toString();
  }
}
