package io.etcdj.server.http;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Go's {@code http.TimeFormat}, {@code Mon, 02 Jan 2006 15:04:05 GMT}: always two digits for the
 * day, always GMT, English names. Written out rather than with a {@code DateTimeFormatter}
 * pattern, whose first use looks the day and month names up in the JDK's locale data: some 13 ms
 * of a fresh member's first answer, on its event loop.
 *
 * <p>The one formatter of {@code Date} headers: the member's answers ({@link GoResponseHeaders})
 * and the proxy's own.
 *
 * <p>Thread-safety: stateless.
 */
public final class HttpDate {
  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private HttpDate() {}

  /** The date of {@code epochSecond} (seconds since 1970, UTC), for years 1000 to 9999. */
  public static String format(long epochSecond) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    StringBuilder b = new StringBuilder(29);
    b.append(DAYS[t.getDayOfWeek().ordinal()]).append(", ");
    twoDigits(b, t.getDayOfMonth()).append(' ');
    b.append(MONTHS[t.getMonthValue() - 1]).append(' ').append(t.getYear()).append(' ');
    twoDigits(b, t.getHour()).append(':');
    twoDigits(b, t.getMinute()).append(':');
    return twoDigits(b, t.getSecond()).append(" GMT").toString();
  }

  private static StringBuilder twoDigits(StringBuilder b, int n) {
    return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
  }
}
