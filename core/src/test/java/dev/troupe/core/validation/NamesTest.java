package dev.troupe.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NamesTest {

  private static final String SUBDOMAIN_SHAPE =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'example.com',"
          + " regex used for validation is"
          + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  private static final String LABEL_SHAPE =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
          + " must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc',"
          + " regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

  static Stream<Arguments> subdomains() {
    return Stream.of(
        arguments("a plain lowercase name is a subdomain", "web", null),
        arguments("a name with dashes and digits is a subdomain", "web-1", null),
        arguments("a name may start with a digit", "1web", null),
        arguments("dotted names are subdomains", "api.example.com", null),
        arguments("a name of 253 characters is a subdomain", "a".repeat(253), null),
        arguments(
            "a name of 254 characters is too long",
            "a".repeat(254),
            "must be no more than 253 characters"),
        arguments("an uppercase name is not a subdomain", "Web", SUBDOMAIN_SHAPE),
        arguments("a name may not start with a dash", "-web", SUBDOMAIN_SHAPE),
        arguments("a name may not end with a dash", "web-", SUBDOMAIN_SHAPE),
        arguments("an underscore is not allowed", "web_1", SUBDOMAIN_SHAPE),
        arguments("two dots in a row are not allowed", "a..b", SUBDOMAIN_SHAPE),
        arguments("an empty name is not a subdomain", "", SUBDOMAIN_SHAPE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("subdomains")
  void checkSubdomain(String sentence, String name, String why) {
    assertThat(Names.checkSubdomain(name)).isEqualTo(Optional.ofNullable(why));
  }

  static Stream<Arguments> labels() {
    return Stream.of(
        arguments("a plain lowercase name is a label", "app", null),
        arguments("a name with a digit first and a dash is a label", "1-a", null),
        arguments("a single character is a label", "a", null),
        arguments("a name of 63 characters is a label", "a".repeat(63), null),
        arguments(
            "a name of 64 characters is too long",
            "a".repeat(64),
            "must be no more than 63 characters"),
        arguments("a dot is not allowed in a label", "a.b", LABEL_SHAPE),
        arguments("an uppercase name is not a label", "App", LABEL_SHAPE),
        arguments("a label may not start with a dash", "-a", LABEL_SHAPE),
        arguments("an empty name is not a label", "", LABEL_SHAPE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("labels")
  void checkLabel(String sentence, String name, String why) {
    assertThat(Names.checkLabel(name)).isEqualTo(Optional.ofNullable(why));
  }

  @Test
  void aGeneratedNameIsThePrefixAndFiveCharactersThatCannotSpellWords() {
    String name = Names.generate("web-", new Random(7));

    assertThat(name).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
  }

  @Test
  void theSameRandomSourceGeneratesTheSameName() {
    assertThat(Names.generate("web-", new Random(7)))
        .isEqualTo(Names.generate("web-", new Random(7)));
  }

  @Test
  void aLongPrefixIsCutSoTheNameStaysWithin63Characters() {
    String prefix = "p".repeat(70);

    String name = Names.generate(prefix, new Random(1));

    assertThat(name).hasSize(63).startsWith("p".repeat(58));
    assertThat(name.substring(58)).matches("[bcdfghjklmnpqrstvwxz2456789]{5}");
    assertThat(Names.checkLabel(name)).isEmpty();
  }

  @Test
  void aPrefixOf58CharactersIsKeptWhole() {
    String prefix = "q".repeat(57) + "-";

    assertThat(Names.generate(prefix, new Random(1))).hasSize(63).startsWith(prefix);
  }
}
