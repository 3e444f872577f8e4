package dev.troupe.core.model;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes' resource quantities parsed exactly: {@code 500m} is 0.5, {@code 128Mi} is 134217728,
 * {@code 1e3} is 1000. No floating point is involved, so {@code 0.1} CPU stays 100 millicores.
 */
public final class Quantity {

  private static final Pattern SHAPE =
      Pattern.compile(
          "^([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$");

  private Quantity() {}

  /** The exact value, or empty when the text is not a quantity. */
  public static Optional<BigDecimal> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = SHAPE.matcher(text.trim());
    if (!m.matches() || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(scale(new BigDecimal(m.group(1)), m.group(2)));
    } catch (NumberFormatException | ArithmeticException e) {
      // an exponent beyond an int, or a scale BigDecimal cannot represent
      return Optional.empty();
    }
  }

  private static BigDecimal scale(BigDecimal number, String suffix) {
    if (suffix == null) {
      return number;
    }
    return switch (suffix) {
      case "Ki" -> number.multiply(BigDecimal.valueOf(1L << 10));
      case "Mi" -> number.multiply(BigDecimal.valueOf(1L << 20));
      case "Gi" -> number.multiply(BigDecimal.valueOf(1L << 30));
      case "Ti" -> number.multiply(BigDecimal.valueOf(1L << 40));
      case "Pi" -> number.multiply(BigDecimal.valueOf(1L << 50));
      case "Ei" -> number.multiply(BigDecimal.valueOf(1L << 60));
      case "n" -> number.scaleByPowerOfTen(-9);
      case "u" -> number.scaleByPowerOfTen(-6);
      case "m" -> number.scaleByPowerOfTen(-3);
      case "k" -> number.scaleByPowerOfTen(3);
      case "M" -> number.scaleByPowerOfTen(6);
      case "G" -> number.scaleByPowerOfTen(9);
      case "T" -> number.scaleByPowerOfTen(12);
      case "P" -> number.scaleByPowerOfTen(15);
      case "E" -> number.scaleByPowerOfTen(18);
      default -> number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
    };
  }

  /** CPU in millicores, rounded up as Kubernetes does ({@code 0.0001} is 1m). */
  public static long toMillicores(BigDecimal cores) {
    return cores.scaleByPowerOfTen(3).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
  }

  /** Memory in bytes, rounded up to a whole byte. */
  public static long toBytes(BigDecimal bytes) {
    return bytes.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
  }
}
