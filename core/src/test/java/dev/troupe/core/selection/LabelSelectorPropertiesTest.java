package dev.troupe.core.selection;

import static dev.troupe.core.selection.LabelSelectorParseTest.selector;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties of label selectors over generated selectors and label sets (fixed seeds). */
class LabelSelectorPropertiesTest {

  static final List<String> KEYS =
      List.of("app", "tier", "env", "in", "app.kubernetes.io/name", "example.com/Track", "a");
  static final List<String> VALUES =
      List.of("", "web", "db", "prod", "in", "notin", "1", "10", "2", "x.y_z-9");
  static final List<String> NUMBERS = List.of("1", "2", "10", "0");

  static String pick(Random random, List<String> from) {
    return from.get(random.nextInt(from.size()));
  }

  /** Nothing, a space, or a tab: the selector must read the same with any of them. */
  static String space(Random random) {
    return List.of("", "", " ", "\t", "  ").get(random.nextInt(5));
  }

  /** At least one blank, where a blank separates two words. */
  static String blank(Random random) {
    return " " + space(random);
  }

  /** One requirement in the query-string form, with random spacing. */
  static String requirement(Random random) {
    String key = pick(random, KEYS);
    String s = space(random);
    return switch (random.nextInt(9)) {
      case 0 -> key + s + "=" + space(random) + pick(random, VALUES);
      case 1 -> key + s + "==" + space(random) + pick(random, VALUES);
      case 2 -> key + s + "!=" + space(random) + pick(random, VALUES);
      case 3 -> key + blank(random) + "in" + s + "(" + valueList(random) + ")";
      case 4 -> key + blank(random) + "notin" + s + "(" + valueList(random) + ")";
      case 5 -> key;
      case 6 -> "!" + s + key;
      case 7 -> key + s + ">" + space(random) + pick(random, NUMBERS);
      default -> key + s + "<" + space(random) + pick(random, NUMBERS);
    };
  }

  /**
   * One to three values, any of which may be empty ("(,web)", "()", "(a,,b)"), except that the list
   * never ends in two empty entries: apimachinery refuses "(a,,)" (see the parse table).
   */
  static String valueList(Random random) {
    int count = 1 + random.nextInt(3);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      values.add(pick(random, VALUES));
    }
    if (count > 2 && values.get(count - 1).isEmpty() && values.get(count - 2).isEmpty()) {
      values.set(count - 1, "web");
    }
    return String.join(",", values.stream().map(v -> space(random) + v + space(random)).toList());
  }

  static String selectorText(Random random) {
    int count = random.nextInt(5);
    List<String> requirements = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      requirements.add(space(random) + requirement(random) + space(random));
    }
    return String.join(",", requirements);
  }

  static Map<String, String> labels(Random random) {
    Map<String, String> labels = new HashMap<>();
    for (String key : KEYS) {
      if (random.nextInt(3) > 0) {
        labels.put(key, pick(random, VALUES));
      }
    }
    return labels;
  }

  @Test
  void reparsingTheCanonicalFormSelectsExactlyTheSameLabelSets() {
    Random random = new Random(20261201L);
    for (int trial = 0; trial < 500; trial++) {
      LabelSelector original = selector(selectorText(random));
      LabelSelector reparsed = selector(original.toString());
      assertThat(reparsed.toString()).isEqualTo(original.toString());
      assertThat(reparsed).isEqualTo(original);
      for (int sample = 0; sample < 40; sample++) {
        Map<String, String> labels = labels(random);
        assertThat(reparsed.matches(labels))
            .as("%s against %s", original, labels)
            .isEqualTo(original.matches(labels));
      }
    }
  }

  @Test
  void equalitiesTakenFromAnObjectsOwnLabelsAlwaysSelectIt() {
    Random random = new Random(20261202L);
    for (int trial = 0; trial < 2_000; trial++) {
      Map<String, String> labels = labels(random);
      Map<String, String> subset = new HashMap<>();
      List<String> written = new ArrayList<>();
      labels.forEach(
          (key, value) -> {
            if (random.nextBoolean()) {
              subset.put(key, value);
              written.add(key + space(random) + (random.nextBoolean() ? "=" : "==") + value);
            }
          });
      assertThat(LabelSelector.fromLabels(subset).matches(labels)).isTrue();
      assertThat(selector(LabelSelector.fromLabels(subset).toString()).matches(labels)).isTrue();
      assertThat(selector(String.join(",", written)).matches(labels))
          .as("%s against %s", written, labels)
          .isTrue();
    }
  }

  @Test
  void anInequalitySelectsExactlyWhatTheEqualityDoesNot() {
    Random random = new Random(20261203L);
    for (int trial = 0; trial < 5_000; trial++) {
      String key = pick(random, KEYS);
      String value = pick(random, VALUES);
      Map<String, String> labels = labels(random);
      boolean equal = selector(key + "=" + value).matches(labels);
      assertThat(selector(key + "!=" + value).matches(labels))
          .as("%s=%s against %s", key, value, labels)
          .isEqualTo(!equal);
    }
  }

  @Test
  void notinAndTheBangAreTheComplementsOfInAndExistence() {
    Random random = new Random(20261204L);
    for (int trial = 0; trial < 5_000; trial++) {
      String key = pick(random, KEYS);
      String values = valueList(random);
      Map<String, String> labels = labels(random);
      assertThat(selector(key + " notin (" + values + ")").matches(labels))
          .isEqualTo(!selector(key + " in (" + values + ")").matches(labels));
      assertThat(selector("!" + key).matches(labels)).isEqualTo(!selector(key).matches(labels));
    }
  }

  @Test
  void aSelectorMatchesExactlyWhenEachOfItsTermsDoes() {
    Random random = new Random(20261205L);
    for (int trial = 0; trial < 1_000; trial++) {
      LabelSelector all = selector(selectorText(random));
      Map<String, String> labels = labels(random);
      boolean each =
          all.terms().stream().allMatch(term -> selector(term.toString()).matches(labels));
      assertThat(all.matches(labels)).isEqualTo(each);
    }
  }
}
