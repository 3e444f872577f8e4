package dev.troupe.core.selection;

import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.model.PodStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Kubernetes field selector ({@code fieldSelector=spec.nodeName=node-1,status.phase!=Failed}):
 * every term must hold. Parsing and wording follow apimachinery's {@code fields.ParseSelector}.
 * Kind-independent: callers match it against the field values of an object (see {@link
 * #podFields(Pod)}) and check the fields a kind supports with {@link #unsupported(Set)}.
 */
public final class FieldSelector {

  /** Matches every object, as an empty {@code fieldSelector=} does. */
  public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

  /** The fields Kubernetes lets every kind be selected by. */
  public static final Set<String> METADATA_FIELDS = Set.of("metadata.name", "metadata.namespace");

  /** The pod fields {@link #podFields(Pod)} provides. */
  public static final Set<String> POD_FIELDS =
      Set.of(
          "metadata.name",
          "metadata.namespace",
          "spec.nodeName",
          "spec.restartPolicy",
          "status.phase",
          "status.podIP");

  /** {@code =} and {@code ==} are one operator for fields, as in Kubernetes. */
  public enum Operator {
    EQUALS,
    NOT_EQUALS
  }

  /** One requirement on one field; {@code value} is unescaped. */
  public record Term(String field, Operator operator, String value) {

    /** A field the object lacks counts as the empty string, as in Kubernetes. */
    public boolean matches(Map<String, String> fields) {
      String actual = fields.getOrDefault(field, "");
      boolean equal = value.equals(actual == null ? "" : actual);
      return operator == Operator.EQUALS ? equal : !equal;
    }

    @Override
    public String toString() {
      return field + (operator == Operator.EQUALS ? "=" : "!=") + escape(value);
    }
  }

  /** The outcome of parsing a {@code fieldSelector=} value: a selector, or why it is invalid. */
  public record Parsed(FieldSelector selector, String error) {
    public boolean isValid() {
      return error == null;
    }
  }

  private final List<Term> terms;

  private FieldSelector(List<Term> terms) {
    this.terms = List.copyOf(terms);
  }

  /**
   * Parses comma-separated {@code field=value}, {@code field==value} and {@code field!=value}
   * terms; in values {@code \,} {@code \=} and {@code \\} stand for themselves. The value must
   * already be URL-decoded. Terms are kept in sorted order, as apimachinery keeps them.
   */
  public static Parsed parse(String selector) {
    String input = selector == null ? "" : selector;
    List<String> parts = splitTerms(input);
    parts.sort(null);
    List<Term> terms = new ArrayList<>();
    for (String part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      // No escaping on the left: the first operator found splits the term.
      int at = 0;
      while (at < part.length() && part.charAt(at) != '=' && !part.startsWith("!=", at)) {
        at++;
      }
      if (at == part.length()) {
        return invalid("invalid selector: '" + input + "'; can't understand '" + part + "'");
      }
      Operator operator = part.charAt(at) == '!' ? Operator.NOT_EQUALS : Operator.EQUALS;
      int width = operator == Operator.NOT_EQUALS || part.startsWith("==", at) ? 2 : 1;
      String raw = part.substring(at + width);
      StringBuilder value = new StringBuilder();
      Optional<String> error = unescape(raw, value);
      if (error.isPresent()) {
        return invalid(error.get());
      }
      String field = part.substring(0, at);
      // apimachinery drops a term whose field and value are both empty ("=" selects everything).
      if (!field.isEmpty() || value.length() > 0) {
        terms.add(new Term(field, operator, value.toString()));
      }
    }
    return new Parsed(terms.isEmpty() ? EVERYTHING : new FieldSelector(terms), null);
  }

  private static Parsed invalid(String error) {
    return new Parsed(null, error);
  }

  /** Splits on commas that are not escaped; the escapes stay in the terms. */
  private static List<String> splitTerms(String selector) {
    List<String> terms = new ArrayList<>();
    if (selector.isEmpty()) {
      return terms;
    }
    int start = 0;
    boolean escaped = false;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',') {
        terms.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    terms.add(selector.substring(start));
    return terms;
  }

  /** Appends the unescaped {@code raw} to {@code into}, or says why it cannot be unescaped. */
  private static Optional<String> unescape(String raw, StringBuilder into) {
    boolean escaped = false;
    for (int i = 0; i < raw.length(); ) {
      int c = raw.codePointAt(i);
      i += Character.charCount(c);
      if (escaped) {
        if (c != '\\' && c != ',' && c != '=') {
          return Optional.of(
              "invalid field selector: invalid escape sequence: \\" + Character.toString(c));
        }
        into.appendCodePoint(c);
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',' || c == '=') {
        // Go formats the rune with %v, which prints its number: 61 for '=', 44 for ','.
        return Optional.of("invalid field selector: unescaped character in value: " + c);
      } else {
        into.appendCodePoint(c);
      }
    }
    return escaped
        ? Optional.of("invalid field selector: invalid escape sequence: \\")
        : Optional.empty();
  }

  /** {@code value} with {@code \}, {@code ,} and {@code =} escaped, ready for a selector. */
  public static String escape(String value) {
    return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
  }

  /** Whether every term holds for an object with these field values. */
  public boolean matches(Map<String, String> fields) {
    Map<String, String> actual = fields == null ? Map.of() : fields;
    return terms.stream().allMatch(term -> term.matches(actual));
  }

  public boolean isEmpty() {
    return terms.isEmpty();
  }

  public List<Term> terms() {
    return terms;
  }

  /** The value a {@code field=v} term demands, so a caller can look it up instead of scanning. */
  public Optional<String> requiredValue(String field) {
    return terms.stream()
        .filter(t -> t.field().equals(field) && t.operator() == Operator.EQUALS)
        .map(Term::value)
        .findFirst();
  }

  /**
   * The selector's fields a kind does not support, in the selector's order, each once; Kubernetes
   * refuses the first with {@link #notSupportedMessage(String)}.
   */
  public List<String> unsupported(Set<String> supportedFields) {
    Set<String> fields = new LinkedHashSet<>();
    for (Term term : terms) {
      if (!supportedFields.contains(term.field())) {
        fields.add(term.field());
      }
    }
    return List.copyOf(fields);
  }

  /** Kubernetes' message for a field a kind with its own field list (pods, events) lacks. */
  public static String notSupportedMessage(String field) {
    return "field label not supported: " + field;
  }

  /**
   * Kubernetes' message for a field of a kind that only supports {@link #METADATA_FIELDS}: {@code
   * "spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"}.
   */
  public static String notKnownMessage(String field) {
    return '"'
        + field
        + "\" is not a known field selector: only \"metadata.name\", "
        + "\"metadata.namespace\"";
  }

  /** {@code metadata.name} and {@code metadata.namespace} (empty when unset) of any object. */
  public static Map<String, String> metadataFields(ObjectMeta metadata) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("metadata.name", orEmpty(metadata == null ? null : metadata.name()));
    fields.put("metadata.namespace", orEmpty(metadata == null ? null : metadata.namespace()));
    return fields;
  }

  /** The fields a pod can be selected by; unset ones are the empty string, as in Kubernetes. */
  public static Map<String, String> podFields(Pod pod) {
    Map<String, String> fields = metadataFields(pod.metadata());
    PodSpec spec = pod.spec();
    PodStatus status = pod.status();
    fields.put("spec.nodeName", orEmpty(spec == null ? null : spec.nodeName()));
    fields.put("spec.restartPolicy", orEmpty(spec == null ? null : spec.restartPolicy()));
    fields.put("status.phase", orEmpty(status == null ? null : status.phase()));
    fields.put("status.podIP", orEmpty(status == null ? null : status.podIP()));
    return fields;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  @Override
  public String toString() {
    return terms.stream().map(Term::toString).collect(Collectors.joining(","));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldSelector that && terms.equals(that.terms);
  }

  @Override
  public int hashCode() {
    return terms.hashCode();
  }
}
