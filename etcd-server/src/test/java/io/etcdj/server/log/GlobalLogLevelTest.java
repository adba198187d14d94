package io.etcdj.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * OTH-013, FLG-044: a level set for every package holds from the next line on, capnslog's
 * CRITICAL and NOTICE included. The logging context is the JVM's: every test puts INFO back.
 */
class GlobalLogLevelTest {
  private final Logger etcdserver = (Logger) LoggerFactory.getLogger("etcdserver");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @BeforeEach
  void listen() {
    lines.start();
    etcdserver.addAppender(lines);
  }

  @AfterEach
  void restore() {
    GlobalLogLevel.set(LogLevel.INFO);
    etcdserver.detachAppender(lines);
  }

  @Test
  void debugLinesAppearAtDebugAndGoAgainAtInfo() {
    etcdserver.debug("before");
    GlobalLogLevel.set(LogLevel.DEBUG);
    etcdserver.debug("during");
    assertThat(etcdserver.getEffectiveLevel()).isEqualTo(Level.DEBUG);
    GlobalLogLevel.set(LogLevel.INFO);
    etcdserver.debug("after");
    etcdserver.info("info");

    assertThat(messages()).containsExactly("during", "info");
  }

  @Test
  void traceShowsEverything() {
    GlobalLogLevel.set(LogLevel.TRACE);
    etcdserver.trace("t");
    etcdserver.debug("d");

    assertThat(messages()).containsExactly("t", "d");
  }

  @Test
  void warningHidesInformation() {
    GlobalLogLevel.set(LogLevel.WARNING);
    etcdserver.info(CapnslogLevel.NOTICE, "notice");
    etcdserver.info("info");
    etcdserver.warn("warning");

    assertThat(messages()).containsExactly("warning");
  }

  /** capnslog's NOTICE sits between INFO and WARNING: only the marked INFO lines pass. */
  @Test
  void noticeKeepsNoticesButNotInformation() {
    GlobalLogLevel.set(LogLevel.NOTICE);
    etcdserver.info("info");
    etcdserver.info(CapnslogLevel.NOTICE, "notice");
    etcdserver.warn("warning");

    assertThat(messages()).containsExactly("notice", "warning");
  }

  /** At CRITICAL only the errors a member stops for are printed. */
  @Test
  void criticalKeepsOnlyCriticalErrors() {
    GlobalLogLevel.set(LogLevel.CRITICAL);
    etcdserver.warn("warning");
    etcdserver.error("error");
    etcdserver.error(CapnslogLevel.CRITICAL, "critical");
    GlobalLogLevel.set(LogLevel.ERROR);
    etcdserver.error("error again");

    assertThat(messages()).containsExactly("critical", "error again");
  }

  private List<String> messages() {
    return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }
}
