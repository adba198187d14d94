package io.etcdj.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The one-letter level of etcd's capnslog lines ({@code E W I D T}; SPEC 5.3), as the logback
 * conversion word {@code %capnslogLevel}.
 *
 * <p>Thread-safety: stateless.
 */
public final class CapnslogLevel extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    Level level = event.getLevel();
    if (level.isGreaterOrEqual(Level.ERROR)) {
      return "E";
    }
    if (level.isGreaterOrEqual(Level.WARN)) {
      return "W";
    }
    if (level.isGreaterOrEqual(Level.INFO)) {
      return "I";
    }
    if (level.isGreaterOrEqual(Level.DEBUG)) {
      return "D";
    }
    return "T";
  }
}
