package io.etcdj.server.http.client;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Go's time formats that appear in etcd's JSON: {@code RFC3339Nano} (trailing zeros of the
 * fraction trimmed, UTC as {@code Z}; SPEC KEY-120) and {@code Duration.String} (OTH-040).
 *
 * <p>Thread-safety: stateless.
 */
final class GoTimeFormat {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private GoTimeFormat() {}

  static String rfc3339Nano(Instant t) {
    StringBuilder b = new StringBuilder(SECONDS.format(t));
    if (t.getNano() != 0) {
      b.append('.').append(trimZeros(String.format("%09d", t.getNano())));
    }
    return b.append('Z').toString();
  }

  /** Go's {@code time.Duration.String}, e.g. {@code 42.407903997s}, {@code 10m59.3s}, {@code 1.5ms}. */
  static String duration(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long u = Math.abs(nanos);
    if (u < 1_000L) {
      return sign + u + "ns";
    }
    if (u < 1_000_000L) {
      return sign + fraction(u, 1_000L, 3) + "µs";
    }
    if (u < 1_000_000_000L) {
      return sign + fraction(u, 1_000_000L, 6) + "ms";
    }
    long secs = u / 1_000_000_000L;
    StringBuilder b = new StringBuilder(sign);
    long h = secs / 3600;
    long m = secs / 60 % 60;
    if (h > 0) {
      b.append(h).append('h');
    }
    if (h > 0 || m > 0) {
      b.append(m).append('m');
    }
    b.append(fraction(secs % 60 * 1_000_000_000L + u % 1_000_000_000L, 1_000_000_000L, 9));
    return b.append('s').toString();
  }

  private static String fraction(long value, long unit, int digits) {
    String whole = Long.toString(value / unit);
    String frac = trimZeros(String.format("%0" + digits + "d", value % unit));
    return frac.isEmpty() ? whole : whole + "." + frac;
  }

  private static String trimZeros(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '0') {
      end--;
    }
    return s.substring(0, end);
  }
}
