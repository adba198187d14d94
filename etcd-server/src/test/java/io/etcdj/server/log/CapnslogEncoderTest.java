package io.etcdj.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/**
 * The capnslog line (SPEC 5.3) a member prints, byte for byte what the logback.xml it used to
 * read printed with {@code %capnslogTime %capnslogLevel | %logger: %msg%n}, stack traces included.
 */
class CapnslogEncoderTest {
  private static final Instant AT = Instant.parse("2026-11-20T23:11:21.123456Z");

  private final LoggerContext context = new LoggerContext();
  private final CapnslogEncoder encoder = new CapnslogEncoder();
  private final PatternLayout pattern = new PatternLayout();

  CapnslogEncoderTest() {
    encoder.setContext(context);
    encoder.start();
    pattern.setContext(context);
    pattern.getInstanceConverterMap().put("capnslogLevel", CapnslogLevel.class.getName());
    pattern.getInstanceConverterMap().put("capnslogTime", CapnslogTime.class.getName());
    pattern.setPattern("%capnslogTime %capnslogLevel | %logger: %msg%n");
    pattern.start();
  }

  private LoggingEvent event(Level level, String message, Throwable thrown, Object... args) {
    Logger logger = context.getLogger("etcdserver");
    LoggingEvent e = new LoggingEvent(Logger.class.getName(), logger, level, message, thrown, args);
    e.setInstant(AT);
    return e;
  }

  private String encoded(LoggingEvent e) {
    return new String(encoder.encode(e), StandardCharsets.UTF_8);
  }

  @Test
  void aLineAsEtcdPrintsIt() {
    String time =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneId.systemDefault())
            .format(AT);
    LoggingEvent e = event(Level.INFO, "published {} to cluster {}", null, "{Name:a}", "c0ffee");

    assertThat(encoded(e))
        .isEqualTo(time + " I | etcdserver: published {Name:a} to cluster c0ffee"
            + System.lineSeparator());
  }

  @Test
  void sameBytesAsTheFormerPatternForEveryLevel() {
    for (Level level : new Level[] {Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE}) {
      LoggingEvent e = event(level, "x = {}", null, 1);
      assertThat(encoded(e)).isEqualTo(pattern.doLayout(e));
    }
    LoggingEvent critical = event(Level.ERROR, "fatal", null);
    critical.addMarker(CapnslogLevel.CRITICAL);
    assertThat(encoded(critical)).contains(" C | ").isEqualTo(pattern.doLayout(critical));
    LoggingEvent notice = event(Level.INFO, "notice", null);
    notice.addMarker(CapnslogLevel.NOTICE);
    assertThat(encoded(notice)).contains(" N | ").isEqualTo(pattern.doLayout(notice));
  }

  /** OTH-013: etcd's notices ({@code plog.Noticef}) print N, between W and I. */
  @Test
  void noticeLinesPrintN() {
    LoggingEvent notice = event(Level.INFO, "globalLogLevel set to \"DEBUG\"", null);
    notice.addMarker(CapnslogLevel.NOTICE);

    assertThat(encoded(notice)).endsWith(" N | etcdserver: globalLogLevel set to \"DEBUG\""
        + System.lineSeparator());
  }

  @Test
  void stackTraceFollowsTheLineAsThePatternPrintedIt() {
    LoggingEvent e =
        event(Level.ERROR, "raft loop stopped", new IllegalStateException("disk gone"));

    assertThat(encoded(e))
        .contains("java.lang.IllegalStateException: disk gone")
        .isEqualTo(pattern.doLayout(e));
  }
}
