package io.etcdj.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * The lines some loggers write during each test, for tests of what a member logs: register it
 * with {@code @RegisterExtension final LogLines lines = LogLines.of("etcdserver");}.
 */
public final class LogLines implements BeforeEachCallback, AfterEachCallback {
  private final List<Logger> loggers = new ArrayList<>();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogLines(String... loggerNames) {
    for (String name : loggerNames) {
      loggers.add((Logger) LoggerFactory.getLogger(name));
    }
  }

  /** Listens to the loggers of these names (etcd's package names: etcdserver, etcdmain, ...). */
  public static LogLines of(String... loggerNames) {
    return new LogLines(loggerNames);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    appender.start();
    loggers.forEach(l -> l.addAppender(appender));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    loggers.forEach(l -> l.detachAppender(appender));
    appender.stop();
  }

  /** The events so far, in order; a copy, safe while other threads still log. */
  public List<ILoggingEvent> events() {
    synchronized (appender) { // the lock AppenderBase appends under
      return new ArrayList<>(appender.list);
    }
  }

  /** The formatted messages so far, in order. */
  public List<String> messages() {
    return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
  }
}
