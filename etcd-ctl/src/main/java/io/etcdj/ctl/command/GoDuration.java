package io.etcdj.ctl.command;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses durations in Go's {@code time.ParseDuration} syntax ({@code 1s}, {@code 500ms}, {@code
 * 1m30s}), the syntax of {@code --timeout} and {@code --total-timeout} (CTL-001).
 *
 * <p>Stateless; thread-safe.
 */
public final class GoDuration implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("([0-9]*\\.?[0-9]*)(ns|us|µs|μs|ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

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
    Matcher m = PART.matcher(s);
    int pos = 0;
    BigDecimal nanos = BigDecimal.ZERO;
    while (pos < s.length()) {
      if (!m.find(pos) || m.start() != pos || m.group(1).isEmpty() || m.group(1).equals(".")) {
        throw invalid(value);
      }
      nanos = nanos.add(new BigDecimal(m.group(1)).multiply(unit(m.group(2))));
      pos = m.end();
    }
    Duration d = Duration.ofNanos(nanos.longValue());
    return negative ? d.negated() : d;
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

  private static TypeConversionException invalid(String value) {
    return new TypeConversionException("time: invalid duration " + value);
  }
}
