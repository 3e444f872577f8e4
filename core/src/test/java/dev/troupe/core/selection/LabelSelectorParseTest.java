package dev.troupe.core.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorParseTest {

  static final String NAME_RULE =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
          + " alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
          + " validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  static final String VALUE_RULE =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or"
          + " 'my_value',  or '12345', regex used for validation is"
          + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  static final String SUBDOMAIN_RULE =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'example.com',"
          + " regex used for validation is"
          + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

  /** A selector that must parse. */
  static LabelSelector selector(String text) {
    LabelSelector.Parsed parsed = LabelSelector.parse(text);
    assertThat(parsed.error()).as("error parsing %s", text).isNull();
    return parsed.selector();
  }

  static Stream<Arguments> validForms() {
    return Stream.of(
        arguments("an empty selector selects everything", "", ""),
        arguments("a blank selector selects everything", " \t ", ""),
        arguments("an equality is kept as written", "app=web", "app=web"),
        arguments("a double equals is kept as written", "app==web", "app==web"),
        arguments("an inequality is kept as written", "app!=web", "app!=web"),
        arguments("kubectl's decoded app=web,tier!=db", "app=web,tier!=db", "app=web,tier!=db"),
        arguments("requirements are sorted by key", "tier!=db,app=web", "app=web,tier!=db"),
        arguments(
            "a set is written without spaces and sorted",
            "env in (staging, prod)",
            "env in (prod,staging)"),
        arguments("a repeated value counts once", "env in (prod,prod)", "env in (prod)"),
        arguments("notin is kept", "env notin (qa)", "env notin (qa)"),
        arguments("a bare key requires the label", "canary", "canary"),
        arguments("a bang requires the label to be absent", "!canary", "!canary"),
        arguments(
            "whitespace around every token is ignored",
            "  app = web ,\t! canary ,env  in(prod )\n",
            "app=web,!canary,env in (prod)"),
        arguments(
            "a key may have a DNS prefix",
            "app.kubernetes.io/name=web",
            "app.kubernetes.io/name=web"),
        arguments("an empty value after = is allowed", "tier=", "tier="),
        arguments("an empty value may be followed by a comma", "tier=,app", "app,tier="),
        arguments("empty parentheses mean the empty value", "tier in ()", "tier in ()"),
        arguments(
            "apimachinery's own example parses",
            "x in (foo,,baz),y,z notin ()",
            "x in (,baz,foo),y,z notin ()"),
        arguments("in and notin may be keys and values", "in in (in, notin)", "in in (in,notin)"),
        arguments("greater-than is accepted", "replicas>2", "replicas>2"),
        arguments("less-than is accepted", "replicas < 10", "replicas<10"),
        arguments(
            "two requirements on one key keep their order",
            "app=web,app!=api",
            "app=web,app!=api"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validForms")
  void parsesToItsCanonicalForm(String sentence, String text, String canonical) {
    assertThat(selector(text).toString()).isEqualTo(canonical);
  }

  static Stream<Arguments> invalidForms() {
    String unable = "unable to parse requirement: ";
    return Stream.of(
        arguments("a trailing comma", "app=web,", "found '', expected: identifier after ','"),
        arguments(
            "a leading comma", ",app", "found ',', expected: !, identifier, or 'end of string'"),
        arguments(
            "a missing comma", "app=web tier=db", "found 'tier', expected: ',' or 'end of string'"),
        arguments(
            "a key followed by a word",
            "app web",
            unable + "found 'web', expected: in, notin, =, ==, !=, gt, lt"),
        arguments(
            "a set without parentheses", "env in prod", unable + "found 'prod' expected: '('"),
        arguments("an unclosed set", "env in (prod", unable + "found '', expected: ',' or ')'"),
        arguments(
            "a set without commas",
            "env in (prod staging)",
            unable + "found 'staging', expected: ',' or ')'"),
        arguments(
            "an operator opening a set",
            "env in (=)",
            unable + "found '=', expected: ',', ')' or identifier"),
        arguments(
            "an operator inside a set",
            "env in (a,=)",
            unable + "found '=', expected: ',', or identifier"),
        arguments(
            "a set ending in two empty entries, which apimachinery refuses too",
            "env in (a,,)",
            unable + "found ')', expected: ',', or identifier"),
        arguments("a parenthesis after =", "app=(web)", unable + "found '(', expected: identifier"),
        arguments("a lone bang", "!", unable + "found '', expected: identifier"),
        arguments(
            "a value after a negated key",
            "!app=web",
            "found '=', expected: ',' or 'end of string'"),
        arguments(
            "a colon instead of =, as kubectl users type it",
            "app:monolith",
            unable + "<nil>: Invalid value: \"app:monolith\": name part " + NAME_RULE),
        arguments(
            "a key with two slashes",
            "a/b/c",
            unable
                + "<nil>: Invalid value: \"a/b/c\": a qualified name "
                + NAME_RULE
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"),
        arguments(
            "an underscore in the key's prefix",
            "app.kubernetes_io/name=x",
            unable
                + "<nil>: Invalid value: \"app.kubernetes_io/name\": prefix part "
                + SUBDOMAIN_RULE),
        arguments(
            "a key with an empty name",
            "app/=x",
            unable
                + "<nil>: Invalid value: \"app/\": name part must be non-empty; name part "
                + NAME_RULE),
        arguments(
            "a key longer than 63 characters",
            "k".repeat(64),
            unable
                + "<nil>: Invalid value: \""
                + "k".repeat(64)
                + "\": name part must be no more than 63 characters"),
        arguments(
            "a slash in a value",
            "app=web/v1",
            unable + "values[0][app]: Invalid value: \"web/v1\": " + VALUE_RULE),
        arguments(
            "two bad values in a set",
            "env in (-b,-a)",
            unable
                + "[values[0][env]: Invalid value: \"-a\": "
                + VALUE_RULE
                + ", values[1][env]: Invalid value: \"-b\": "
                + VALUE_RULE
                + "]"),
        arguments(
            "a word after greater-than",
            "replicas>many",
            unable
                + "values[0]: Invalid value: \"many\": for 'Gt', 'Lt' operators, the value must"
                + " be an integer"));
  }

  @ParameterizedTest(name = "{0} is refused with Kubernetes' message")
  @MethodSource("invalidForms")
  void refusesWithKubernetesMessage(String sentence, String text, String message) {
    LabelSelector.Parsed parsed = LabelSelector.parse(text);
    assertThat(parsed.isValid()).isFalse();
    assertThat(parsed.selector()).isNull();
    assertThat(parsed.error()).isEqualTo(message);
  }

  @Test
  void theQueryKubectlSendsParsesOnceUrlDecoded() {
    String query = "app%3Dweb%2Ctier%21%3Ddb%2Cenv+in+%28prod%2C+staging%29%2C%21canary";
    LabelSelector parsed = selector(URLDecoder.decode(query, StandardCharsets.UTF_8));
    assertThat(parsed.toString()).isEqualTo("app=web,!canary,env in (prod,staging),tier!=db");
    assertThat(parsed.matches(Map.of("app", "web", "env", "prod"))).isTrue();
  }

  @Test
  void aNullSelectorIsTheEmptySelector() {
    assertThat(selector(null).isEmpty()).isTrue();
  }

  @Test
  void theTermsAreExposedSortedWithTheirOperators() {
    assertThat(selector("tier notin (db),app=web").terms())
        .containsExactly(
            new LabelSelector.Term("app", LabelSelector.Operator.EQUALS, List.of("web")),
            new LabelSelector.Term("tier", LabelSelector.Operator.NOT_IN, List.of("db")));
  }

  static Stream<Arguments> exactMatches() {
    return Stream.of(
        arguments("an equality demands its value", "app=web,tier!=db", "app", "web"),
        arguments("a one-value set demands its value", "app in (web)", "app", "web"),
        arguments("a two-value set demands nothing single", "app in (web,api)", "app", null),
        arguments("an inequality demands nothing", "app!=web", "app", null),
        arguments("a key not in the selector demands nothing", "tier=db", "app", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exactMatches")
  void requiredValue(String sentence, String text, String key, String expected) {
    assertThat(selector(text).requiredValue(key).orElse(null)).isEqualTo(expected);
  }
}
