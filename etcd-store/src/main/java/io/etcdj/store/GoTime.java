package io.etcdj.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Go's RFC3339Nano time text (SPEC KEY-120): UTC with {@code Z}, fractional seconds with trailing
 * zeros trimmed and left out when zero; Go's zero time is {@code 0001-01-01T00:00:00Z}.
 *
 * <p>Thread-safety: stateless.
 */
final class GoTime {
  static final String ZERO = "0001-01-01T00:00:00Z";

  private GoTime() {}

  static String format(Instant t) {
    LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
    StringBuilder b = new StringBuilder(30);
    pad(b, d.getYear(), 4).append('-');
    pad(b, d.getMonthValue(), 2).append('-');
    pad(b, d.getDayOfMonth(), 2).append('T');
    pad(b, d.getHour(), 2).append(':');
    pad(b, d.getMinute(), 2).append(':');
    pad(b, d.getSecond(), 2);
    int nanos = t.getNano();
    if (nanos != 0) {
      int digits = 9;
      while (nanos % 10 == 0) {
        nanos /= 10;
        digits--;
      }
      b.append('.');
      pad(b, nanos, digits);
    }
    return b.append('Z').toString();
  }

  /** Parses RFC 3339 text with any offset; returns null for Go's zero time. */
  static Instant parse(String s) {
    if (s.equals(ZERO)) {
      return null;
    }
    return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  private static StringBuilder pad(StringBuilder b, int v, int width) {
    String s = Integer.toString(v);
    for (int i = s.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(s);
  }
}
