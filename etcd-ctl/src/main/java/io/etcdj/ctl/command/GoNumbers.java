package io.etcdj.ctl.command;

import java.math.BigInteger;

/**
 * Booleans and integers in the syntax of Go's {@code strconv.ParseBool} and {@code
 * strconv.ParseInt(s, 0, 64)}, which Go's flag package uses for etcdctl's flags; a bad value fails
 * with the reason the flag package gives ({@code parse error}, {@code value out of range}).
 *
 * <p>Stateless; thread-safe.
 */
final class GoNumbers {
  private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private GoNumbers() {}

  static boolean parseBool(String s) {
    return switch (s) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new IllegalArgumentException("parse error");
    };
  }

  /**
   * Decimal, or after {@code 0x}, {@code 0o}, {@code 0b} or a leading {@code 0}; {@code _} between
   * digits.
   */
  static long parseInt(String s) {
    if (!underscoresOk(s)) {
      throw new IllegalArgumentException("parse error");
    }
    String digits = s.replace("_", "");
    boolean negative = false;
    if (digits.startsWith("+") || digits.startsWith("-")) {
      negative = digits.startsWith("-");
      digits = digits.substring(1);
    }
    int radix = 10;
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      char p = Character.toLowerCase(digits.charAt(1));
      boolean prefix = p == 'x' || p == 'b' || p == 'o';
      radix = p == 'x' ? 16 : p == 'b' ? 2 : 8;
      digits = digits.substring(prefix ? 2 : 1);
    }
    if (digits.isEmpty() || digits.startsWith("+") || digits.startsWith("-")) {
      throw new IllegalArgumentException("parse error");
    }
    BigInteger v;
    try {
      v = new BigInteger(digits, radix);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("parse error");
    }
    v = negative ? v.negate() : v;
    if (v.compareTo(MIN) < 0 || v.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("value out of range");
    }
    return v.longValue();
  }

  /** Go's rule: an {@code _} only between two digits, or between a base prefix and a digit. */
  private static boolean underscoresOk(String s) {
    String n = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
    char saw = '^'; // ^ start, 0 digit or prefix, _ underscore, ! anything else
    int i = 0;
    boolean hex = false;
    if (n.length() >= 2 && n.charAt(0) == '0' && "bBoOxX".indexOf(n.charAt(1)) >= 0) {
      i = 2;
      saw = '0';
      hex = Character.toLowerCase(n.charAt(1)) == 'x';
    }
    for (; i < n.length(); i++) {
      char c = n.charAt(i);
      char lower = Character.toLowerCase(c);
      if (c >= '0' && c <= '9' || hex && lower >= 'a' && lower <= 'f') {
        saw = '0';
      } else if (c == '_') {
        if (saw != '0') {
          return false;
        }
        saw = '_';
      } else {
        if (saw == '_') {
          return false;
        }
        saw = '!';
      }
    }
    return saw != '_';
  }
}
