package dev.troupe.core.selection;

import dev.troupe.core.selection.LabelSelector.Operator;
import dev.troupe.core.selection.LabelSelector.Parsed;
import dev.troupe.core.selection.LabelSelector.Term;
import dev.troupe.core.validation.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * apimachinery's label selector lexer and recursive-descent parser ({@code labels.Parse}), kept
 * token for token so that what Kubernetes accepts, rejects, and says about it is the same here.
 */
final class LabelSelectorParser {

  private enum Token {
    ERROR,
    END,
    CLOSE_PAREN,
    COMMA,
    DOES_NOT_EXIST,
    DOUBLE_EQUALS,
    EQUALS,
    GREATER_THAN,
    IDENTIFIER,
    IN,
    LESS_THAN,
    NOT_EQUALS,
    NOT_IN,
    OPEN_PAREN
  }

  private record Item(Token token, String literal) {}

  private static final Map<String, Token> SYMBOLS =
      Map.ofEntries(
          Map.entry(")", Token.CLOSE_PAREN),
          Map.entry(",", Token.COMMA),
          Map.entry("!", Token.DOES_NOT_EXIST),
          Map.entry("==", Token.DOUBLE_EQUALS),
          Map.entry("=", Token.EQUALS),
          Map.entry(">", Token.GREATER_THAN),
          Map.entry("in", Token.IN),
          Map.entry("<", Token.LESS_THAN),
          Map.entry("!=", Token.NOT_EQUALS),
          Map.entry("notin", Token.NOT_IN),
          Map.entry("(", Token.OPEN_PAREN));

  /** A rejection on its way out of the descent; becomes {@link Parsed#error()}. */
  private static final class Failure extends Exception {
    Failure(String message) {
      super(message, null, false, false);
    }
  }

  private final List<Item> items;
  private int position;

  private LabelSelectorParser(List<Item> items) {
    this.items = items;
  }

  static Parsed parse(String selector) {
    try {
      List<Term> terms = new LabelSelectorParser(lex(selector)).requirements();
      return new Parsed(LabelSelector.of(terms), null);
    } catch (Failure failure) {
      return new Parsed(null, failure.getMessage());
    }
  }

  // ---- lexer

  private static List<Item> lex(String s) {
    List<Item> items = new ArrayList<>();
    int pos = 0;
    while (true) {
      while (pos < s.length() && isWhitespace(s.charAt(pos))) {
        pos++;
      }
      if (pos >= s.length()) {
        items.add(new Item(Token.END, ""));
        return items;
      }
      int start = pos;
      if (isSpecial(s.charAt(pos))) {
        // The longest run of symbols that is still a token: "!=" but "!(" is "!" then "(".
        Item last = null;
        while (pos < s.length() && isSpecial(s.charAt(pos))) {
          Token token = SYMBOLS.get(s.substring(start, pos + 1));
          if (token != null) {
            last = new Item(token, s.substring(start, pos + 1));
          } else if (last != null) {
            break;
          }
          pos++;
        }
        items.add(
            last != null
                ? last
                : new Item(
                    Token.ERROR,
                    "error expected: keyword found '" + s.substring(start, pos) + "'"));
      } else {
        while (pos < s.length() && !isSpecial(s.charAt(pos)) && !isWhitespace(s.charAt(pos))) {
          pos++;
        }
        String word = s.substring(start, pos);
        items.add(new Item(SYMBOLS.getOrDefault(word, Token.IDENTIFIER), word));
      }
    }
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isSpecial(char c) {
    return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
  }

  // ---- parser

  /** Where "in" and "notin" are plain words: a key or a value may be called {@code in}. */
  private Item lookahead(boolean values) {
    Item item = items.get(Math.min(position, items.size() - 1));
    return values && (item.token() == Token.IN || item.token() == Token.NOT_IN)
        ? new Item(Token.IDENTIFIER, item.literal())
        : item;
  }

  private Item consume(boolean values) {
    Item item = lookahead(values);
    position++;
    return item;
  }

  private List<Term> requirements() throws Failure {
    List<Term> terms = new ArrayList<>();
    while (true) {
      Item next = lookahead(true);
      switch (next.token()) {
        case IDENTIFIER, DOES_NOT_EXIST -> {
          try {
            terms.add(requirement());
          } catch (Failure failure) {
            throw new Failure("unable to parse requirement: " + failure.getMessage());
          }
          Item after = consume(true);
          if (after.token() == Token.END) {
            return terms;
          }
          if (after.token() != Token.COMMA) {
            throw found(after, "',' or 'end of string'");
          }
          Item following = lookahead(true);
          if (following.token() != Token.IDENTIFIER && following.token() != Token.DOES_NOT_EXIST) {
            throw found(following, "identifier after ','");
          }
        }
        case END -> {
          return terms;
        }
        default -> throw found(next, "!, identifier, or 'end of string'");
      }
    }
  }

  private Term requirement() throws Failure {
    Operator operator = null;
    Item item = consume(true);
    if (item.token() == Token.DOES_NOT_EXIST) {
      operator = Operator.DOES_NOT_EXIST;
      item = consume(true);
    }
    if (item.token() != Token.IDENTIFIER) {
      throw found(item, "identifier");
    }
    String key = item.literal();
    List<String> keyErrors = LabelRules.keyErrors(key);
    if (!keyErrors.isEmpty()) {
      // apimachinery validates the key with a nil field path, which Go prints as "<nil>".
      throw new Failure(FieldError.invalid("<nil>", key, String.join("; ", keyErrors)).toString());
    }
    Token next = lookahead(true).token();
    if (operator == null && (next == Token.END || next == Token.COMMA)) {
      operator = Operator.EXISTS;
    }
    if (operator != null) {
      return validated(key, operator, List.of());
    }
    operator = operator();
    Set<String> values =
        operator == Operator.IN || operator == Operator.NOT_IN ? valueSet() : exactValue();
    return validated(key, operator, List.copyOf(new TreeSet<>(values)));
  }

  private Operator operator() throws Failure {
    Item item = consume(false);
    return switch (item.token()) {
      case IN -> Operator.IN;
      case NOT_IN -> Operator.NOT_IN;
      case EQUALS -> Operator.EQUALS;
      case DOUBLE_EQUALS -> Operator.DOUBLE_EQUALS;
      case NOT_EQUALS -> Operator.NOT_EQUALS;
      case GREATER_THAN -> Operator.GREATER_THAN;
      case LESS_THAN -> Operator.LESS_THAN;
      default -> throw found(item, "in, notin, =, ==, !=, gt, lt");
    };
  }

  /** {@code (a,b)}; empty entries are the empty value, so {@code ()} is {@code ("")}. */
  private Set<String> valueSet() throws Failure {
    Item open = consume(true);
    if (open.token() != Token.OPEN_PAREN) {
      throw new Failure("found '" + open.literal() + "' expected: '('");
    }
    Item first = lookahead(true);
    switch (first.token()) {
      case IDENTIFIER, COMMA -> {
        Set<String> values = identifiers();
        consume(true); // identifiers() returns only when a ')' is next
        return values;
      }
      case CLOSE_PAREN -> {
        consume(true);
        return Set.of("");
      }
      default -> throw found(first, "',', ')' or identifier");
    }
  }

  private Set<String> identifiers() throws Failure {
    Set<String> values = new LinkedHashSet<>();
    while (true) {
      Item item = consume(true);
      switch (item.token()) {
        case IDENTIFIER -> {
          values.add(item.literal());
          Item next = lookahead(true);
          if (next.token() == Token.CLOSE_PAREN) {
            return values;
          }
          if (next.token() != Token.COMMA) {
            throw found(next, "',' or ')'");
          }
        }
        case COMMA -> {
          if (values.isEmpty()) {
            values.add(""); // "(,"
          }
          Token next = lookahead(true).token();
          if (next == Token.CLOSE_PAREN) {
            values.add(""); // ",)"
            return values;
          }
          if (next == Token.COMMA) {
            consume(true);
            values.add(""); // ",,"
          }
        }
        default -> throw found(item, "',', or identifier");
      }
    }
  }

  /** The value after {@code =}, {@code ==}, {@code !=}, {@code >} or {@code <}; may be empty. */
  private Set<String> exactValue() throws Failure {
    Token next = lookahead(true).token();
    if (next == Token.END || next == Token.COMMA) {
      return Set.of("");
    }
    Item item = consume(true);
    if (item.token() != Token.IDENTIFIER) {
      throw found(item, "identifier");
    }
    return Set.of(item.literal());
  }

  /** apimachinery's {@code NewRequirement} checks, joined as its error aggregate joins them. */
  private static Term validated(String key, Operator operator, List<String> values) throws Failure {
    Set<String> errors = new LinkedHashSet<>();
    if (operator == Operator.GREATER_THAN || operator == Operator.LESS_THAN) {
      for (int i = 0; i < values.size(); i++) {
        if (!isInteger(values.get(i))) {
          errors.add(
              FieldError.invalid(
                      "values[" + i + "]",
                      values.get(i),
                      "for 'Gt', 'Lt' operators, the value must be an integer")
                  .toString());
        }
      }
    }
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      String path = "values[" + i + "][" + key + "]";
      List<String> valueErrors = LabelRules.valueErrors(value);
      if (!valueErrors.isEmpty()) {
        errors.add(FieldError.invalid(path, value, String.join("; ", valueErrors)).toString());
      }
    }
    if (errors.isEmpty()) {
      return new Term(key, operator, values);
    }
    String joined = String.join(", ", errors);
    throw new Failure(errors.size() == 1 ? joined : "[" + joined + "]");
  }

  private static boolean isInteger(String value) {
    try {
      Long.parseLong(value);
      return true;
    } catch (NumberFormatException notANumber) {
      return false;
    }
  }

  private static Failure found(Item item, String expected) {
    return new Failure("found '" + item.literal() + "', expected: " + expected);
  }
}
