package dev.troupe.core.selection;

import dev.troupe.core.validation.FieldError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A Kubernetes label selector: every term must hold for a set of labels to match. Follows
 * apimachinery's {@code labels} package: parsed from the query-string form or built from an
 * object's {@code matchLabels} and {@code matchExpressions}. Immutable; never throws for bad input.
 */
public final class LabelSelector {

  /** Matches every set of labels, as an empty {@code labelSelector=} does. */
  public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

  /** The operators of apimachinery's {@code selection} package, with their query-string form. */
  public enum Operator {
    IN("in"),
    NOT_IN("notin"),
    EQUALS("="),
    DOUBLE_EQUALS("=="),
    NOT_EQUALS("!="),
    EXISTS("exists"),
    DOES_NOT_EXIST("!"),
    GREATER_THAN("gt"),
    LESS_THAN("lt");

    final String text;

    Operator(String text) {
      this.text = text;
    }
  }

  /** One requirement on one label. {@code values} are distinct and sorted. */
  public record Term(String key, Operator operator, List<String> values) {

    public Term {
      values = List.copyOf(new TreeSet<>(values));
    }

    /**
     * Whether {@code labels} satisfy this term. {@code !=} and {@code notin} hold for labels
     * without the key, as in Kubernetes: {@code tier!=db} selects pods that have no tier at all.
     */
    public boolean matches(Map<String, String> labels) {
      boolean has = labels.containsKey(key);
      String value = has && labels.get(key) != null ? labels.get(key) : "";
      return switch (operator) {
        case IN, EQUALS, DOUBLE_EQUALS -> has && values.contains(value);
        case NOT_IN, NOT_EQUALS -> !has || !values.contains(value);
        case EXISTS -> has;
        case DOES_NOT_EXIST -> !has;
        case GREATER_THAN, LESS_THAN -> has && compares(value);
      };
    }

    private boolean compares(String value) {
      try {
        long actual = Long.parseLong(value);
        long bound = Long.parseLong(values.get(0));
        return operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
      } catch (NumberFormatException | IndexOutOfBoundsException notANumber) {
        return false;
      }
    }

    /** The query-string form, as apimachinery's {@code Requirement.String()} writes it. */
    @Override
    public String toString() {
      String joined = String.join(",", values);
      return switch (operator) {
        case EXISTS -> key;
        case DOES_NOT_EXIST -> "!" + key;
        case IN, NOT_IN -> key + " " + operator.text + " (" + joined + ")";
        case GREATER_THAN -> key + ">" + joined;
        case LESS_THAN -> key + "<" + joined;
        case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> key + operator.text + joined;
      };
    }
  }

  /**
   * One entry of an object's {@code matchExpressions}, as sent: {@code operator} is one of {@code
   * In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist} once validated.
   */
  public record Requirement(String key, String operator, List<String> values) {}

  /** The outcome of parsing a {@code labelSelector=} value: a selector, or why it is invalid. */
  public record Parsed(LabelSelector selector, String error) {
    public boolean isValid() {
      return error == null;
    }
  }

  /** The outcome of building from {@code matchLabels}/{@code matchExpressions}. */
  public record Built(LabelSelector selector, List<FieldError> errors) {
    public boolean isValid() {
      return errors.isEmpty();
    }
  }

  private final List<Term> terms;

  private LabelSelector(List<Term> terms) {
    // A stable sort by key, as apimachinery sorts, so the string form is deterministic.
    List<Term> sorted = new ArrayList<>(terms);
    sorted.sort(Comparator.comparing(Term::key));
    this.terms = List.copyOf(sorted);
  }

  /**
   * Parses the query-string form ({@code app=web,tier!=db}, {@code env in (prod, staging)}, {@code
   * !canary}) with apimachinery's grammar and error wording, e.g. {@code unable to parse
   * requirement: <nil>: Invalid value: "a/b/c": …}. The value must already be URL-decoded.
   */
  public static Parsed parse(String selector) {
    return LabelSelectorParser.parse(selector == null ? "" : selector);
  }

  /** A selector of these terms as they are, without validation. */
  public static LabelSelector of(List<Term> terms) {
    return terms.isEmpty() ? EVERYTHING : new LabelSelector(terms);
  }

  /** {@code key=value} for every label, without validation (apimachinery's SelectorFromSet). */
  public static LabelSelector fromLabels(Map<String, String> labels) {
    List<Term> terms = new ArrayList<>();
    if (labels != null) {
      labels.forEach((k, v) -> terms.add(new Term(k, Operator.EQUALS, List.of(v))));
    }
    return of(terms);
  }

  /**
   * Validates and builds an object's selector as Kubernetes' {@code ValidateLabelSelector} and
   * {@code LabelSelectorAsSelector} do; errors name fields under {@code path}, e.g. {@code
   * spec.selector.matchExpressions[0].operator}. Both parts empty or null give {@link #EVERYTHING};
   * an absent selector (which matches nothing) is the caller's to handle.
   */
  public static Built fromMatch(
      Map<String, String> matchLabels, List<Requirement> matchExpressions, String path) {
    List<FieldError> errors = new ArrayList<>();
    List<Term> terms = new ArrayList<>();
    String labelsPath = path + ".matchLabels";
    new TreeMap<>(matchLabels == null ? Map.<String, String>of() : matchLabels)
        .forEach(
            (key, value) -> {
              String v = value == null ? "" : value;
              LabelRules.keyErrors(key)
                  .forEach(why -> errors.add(FieldError.invalid(labelsPath, key, why)));
              LabelRules.valueErrors(v)
                  .forEach(why -> errors.add(FieldError.invalid(labelsPath, v, why)));
              terms.add(new Term(key, Operator.EQUALS, List.of(v)));
            });
    List<Requirement> expressions = matchExpressions == null ? List.of() : matchExpressions;
    for (int i = 0; i < expressions.size(); i++) {
      String at = path + ".matchExpressions[" + i + "]";
      requirementTerm(expressions.get(i), at, errors).ifPresent(terms::add);
    }
    return errors.isEmpty() ? new Built(of(terms), List.of()) : new Built(null, errors);
  }

  private static Optional<Term> requirementTerm(
      Requirement requirement, String at, List<FieldError> errors) {
    String key = requirement.key() == null ? "" : requirement.key();
    String operatorName = requirement.operator() == null ? "" : requirement.operator();
    List<String> values =
        requirement.values() == null
            ? List.of()
            : requirement.values().stream().map(v -> v == null ? "" : v).toList();
    Operator operator = null;
    switch (operatorName) {
      case "In", "NotIn" -> {
        operator = operatorName.equals("In") ? Operator.IN : Operator.NOT_IN;
        if (values.isEmpty()) {
          errors.add(
              FieldError.required(at + ".values")
                  .withDetail("must be specified when `operator` is 'In' or 'NotIn'"));
        }
      }
      case "Exists", "DoesNotExist" -> {
        operator = operatorName.equals("Exists") ? Operator.EXISTS : Operator.DOES_NOT_EXIST;
        if (!values.isEmpty()) {
          errors.add(
              FieldError.forbidden(
                  at + ".values",
                  "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
      }
      default ->
          errors.add(
              FieldError.invalid(at + ".operator", operatorName, "not a valid selector operator"));
    }
    LabelRules.keyErrors(key).forEach(why -> errors.add(FieldError.invalid(at + ".key", key, why)));
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      String valuePath = at + ".values[" + i + "]";
      LabelRules.valueErrors(value)
          .forEach(why -> errors.add(FieldError.invalid(valuePath, value, why)));
    }
    return Optional.ofNullable(operator).map(op -> new Term(key, op, values));
  }

  /** Whether every term holds for {@code labels} (null counts as no labels). */
  public boolean matches(Map<String, String> labels) {
    Map<String, String> actual = labels == null ? Map.of() : labels;
    for (Term term : terms) {
      if (!term.matches(actual)) {
        return false;
      }
    }
    return true;
  }

  /** True when the selector matches everything. */
  public boolean isEmpty() {
    return terms.isEmpty();
  }

  /** The terms, sorted by key. */
  public List<Term> terms() {
    return terms;
  }

  /**
   * The single value the first term on {@code key} demands ({@code key=v}, {@code key==v} or {@code
   * key in (v)}), as apimachinery's {@code RequiresExactMatch}; lets a caller look up an index
   * instead of scanning.
   */
  public Optional<String> requiredValue(String key) {
    for (Term term : terms) {
      if (term.key().equals(key)) {
        boolean exact =
            term.operator() == Operator.EQUALS
                || term.operator() == Operator.DOUBLE_EQUALS
                || term.operator() == Operator.IN;
        return exact && term.values().size() == 1
            ? Optional.of(term.values().get(0))
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The canonical query-string form: terms sorted by key, joined by commas. */
  @Override
  public String toString() {
    return terms.stream().map(Term::toString).collect(Collectors.joining(","));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LabelSelector that && terms.equals(that.terms);
  }

  @Override
  public int hashCode() {
    return terms.hashCode();
  }
}
