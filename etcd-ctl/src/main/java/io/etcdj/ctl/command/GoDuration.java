package io.etcdj.ctl.command;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Parses durations in Go's {@code time.ParseDuration} syntax ({@code 1s}, {@code 500ms}, {@code
 * 1m30s}), the syntax of {@code --timeout} and {@code --total-timeout} (CTL-001).
 *
 * <p>Stateless; thread-safe.
 */
public final class GoDuration {
  /** Longest first, so that {@code ms} is not read as {@code m} followed by {@code s}. */
  private static final String[] UNITS = {"ns", "us", "µs", "μs", "ms", "s", "m", "h"};

  private GoDuration() {}

  public static Duration parse(String value) {
    String s = value;
    boolean negative = false;
    if (s.startsWith("-") || s.startsWith("+")) {
      negative = s.startsWith("-");
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid(value);
    }
    // One or more of: a decimal number (digits, at most one point, not the point alone), a unit.
    int pos = 0;
    BigDecimal nanos = BigDecimal.ZERO;
    while (pos < s.length()) {
      int start = pos;
      while (pos < s.length() && isNumberChar(s.charAt(pos))) {
        pos++;
      }
      String number = s.substring(start, pos);
      if (number.isEmpty()
          || number.equals(".")
          || number.indexOf('.') != number.lastIndexOf('.')) {
        throw invalid(value);
      }
      String unit = unitAt(s, pos);
      if (unit == null) {
        throw invalid(value);
      }
      nanos = nanos.add(new BigDecimal(number).multiply(unit(unit)));
      pos += unit.length();
    }
    Duration d = Duration.ofNanos(nanos.longValue());
    return negative ? d.negated() : d;
  }

  private static boolean isNumberChar(char c) {
    return c >= '0' && c <= '9' || c == '.';
  }

  private static String unitAt(String s, int pos) {
    for (String u : UNITS) {
      if (s.startsWith(u, pos)) {
        return u;
      }
    }
    return null;
  }

  private static BigDecimal unit(String u) {
    return BigDecimal.valueOf(
        switch (u) {
          case "ns" -> 1L;
          case "us", "µs", "μs" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        });
  }

  private static IllegalArgumentException invalid(String value) {
    return new IllegalArgumentException("time: invalid duration " + value);
  }
}
