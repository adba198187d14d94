package io.etcdj.server.log;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The time stamp of etcd's capnslog lines, {@code 2026-11-20 23:11:21.123456} in local time with
 * microseconds (SPEC 5.3), as the logback conversion word {@code %capnslogTime}.
 *
 * <p>Thread-safety: stateless (the formatter is immutable).
 */
public final class CapnslogTime extends ClassicConverter {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneId.systemDefault());

  @Override
  public String convert(ILoggingEvent event) {
    return FORMAT.format(event.getInstant());
  }
}
