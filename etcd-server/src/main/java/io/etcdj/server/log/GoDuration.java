package io.etcdj.server.log;

import java.time.Duration;

/**
 * A duration as Go's {@code time.Duration.String()} spells it in etcd's log lines: {@code 0s},
 * {@code 999ns}, {@code 1.5µs}, {@code 154.491083ms}, {@code 1.220602923s}, {@code 1m1.5s},
 * {@code 1h0m0s}; Java's {@link Duration#toString()} would print {@code PT0.154491083S}.
 *
 * <p>Thread-safety: stateless.
 */
public final class GoDuration {
  private GoDuration() {}

  public static String format(Duration d) {
    return format(d.toNanos());
  }

  public static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long u = Math.abs(nanos);
    if (u < 1_000) {
      return sign + u + "ns";
    }
    if (u < 1_000_000) {
      return sign + decimal(u, 3) + "\u00b5s"; // Go's micro sign
    }
    if (u < 1_000_000_000) {
      return sign + decimal(u, 6) + "ms";
    }
    long seconds = u / 1_000_000_000;
    long hours = seconds / 3600;
    long minutes = seconds / 60 % 60;
    StringBuilder b = new StringBuilder(sign);
    if (hours > 0) {
      b.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      b.append(minutes).append('m');
    }
    long belowMinute = u - (seconds - seconds % 60) * 1_000_000_000;
    return b.append(decimal(belowMinute, 9)).append('s').toString();
  }

  /** {@code value} / 10^digits, its fraction without trailing zeros. */
  private static String decimal(long value, int digits) {
    long unit = (long) Math.pow(10, digits);
    long fraction = value % unit;
    if (fraction == 0) {
      return Long.toString(value / unit);
    }
    String f = String.format("%0" + digits + "d", fraction).replaceAll("0+$", "");
    return value / unit + "." + f;
  }
}
