package io.etcdj.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The one-letter level of etcd's capnslog lines ({@code C E W N I D T}; SPEC 5.3), as the logback
 * conversion word {@code %capnslogLevel}.
 *
 * <p>Thread-safety: stateless.
 */
public final class CapnslogLevel extends ClassicConverter {
  /**
   * Marks an error the member stops for: etcd logs those with {@code plog.Fatal}, at capnslog's
   * CRITICAL level ({@code C |}), which SLF4J has no level for.
   */
  public static final Marker CRITICAL = MarkerFactory.getMarker("CRITICAL");

  /**
   * Marks an info line etcd logs with {@code plog.Notice}, at capnslog's NOTICE level ({@code N
   * |}, between warning and info), which SLF4J has no level for either.
   */
  public static final Marker NOTICE = MarkerFactory.getMarker("NOTICE");

  @Override
  public String convert(ILoggingEvent event) {
    Level level = event.getLevel();
    if (level.isGreaterOrEqual(Level.ERROR)) {
      return marked(event.getMarkerList(), CRITICAL) ? "C" : "E";
    }
    if (level.isGreaterOrEqual(Level.WARN)) {
      return "W";
    }
    if (level.isGreaterOrEqual(Level.INFO)) {
      return marked(event.getMarkerList(), NOTICE) ? "N" : "I";
    }
    if (level.isGreaterOrEqual(Level.DEBUG)) {
      return "D";
    }
    return "T";
  }

  private static boolean marked(List<Marker> markers, Marker marker) {
    return markers != null && markers.contains(marker);
  }
}
