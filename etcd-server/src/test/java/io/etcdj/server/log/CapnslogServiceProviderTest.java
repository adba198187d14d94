package io.etcdj.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The jar's SLF4J binding configures logback as logback's own auto-configuration does with {@link
 * CapnslogConfigurator}, without running it; a user's {@code logback.*} setting hands the start
 * back to logback.
 */
class CapnslogServiceProviderTest {
  @Test
  void configuresLogbackAsItsAutoConfigurationWould() {
    CapnslogServiceProvider ours = new CapnslogServiceProvider();
    ours.initialize();
    LogbackServiceProvider logbacks = new LogbackServiceProvider();
    logbacks.initialize();

    assertThat(describe(ours)).isEqualTo(describe(logbacks));
    assertThat(describe(ours))
        .contains("root=INFO", "io.netty=WARN", "STDERR:System.err:CapnslogEncoder:true");
    assertThat(ours.getRequestedApiVersion()).isEqualTo(logbacks.getRequestedApiVersion());
    assertThat(statusOrigins(ours)).doesNotContain(ContextInitializer.class.getSimpleName());
  }

  @Test
  void aLogbackPropertyLeavesTheConfigurationToLogback() {
    String property = "logback.statusListenerClass.test";
    System.setProperty(property, "unused");
    try {
      CapnslogServiceProvider ours = new CapnslogServiceProvider();
      ours.initialize();

      assertThat(statusOrigins(ours)).contains(ContextInitializer.class.getSimpleName());
      assertThat(describe(ours)).contains("STDERR:System.err:CapnslogEncoder:true");
    } finally {
      System.clearProperty(property);
    }
  }

  private static List<String> describe(SLF4JServiceProvider provider) {
    LoggerContext context = (LoggerContext) provider.getLoggerFactory();
    List<String> facts = new ArrayList<>();
    facts.add("name=" + context.getName());
    facts.add("started=" + context.isStarted());
    facts.add("mdc=" + (context.getMDCAdapter() == provider.getMDCAdapter()));
    facts.add("markers=" + provider.getMarkerFactory().getClass().getSimpleName());
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    facts.add("root=" + root.getLevel());
    Level netty = context.getLogger("io.netty").getLevel();
    facts.add("io.netty=" + netty);
    for (var it = root.iteratorForAppenders(); it.hasNext(); ) {
      Appender<ILoggingEvent> a = it.next();
      ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) a;
      facts.add(
          a.getName()
              + ":"
              + console.getTarget()
              + ":"
              + console.getEncoder().getClass().getSimpleName()
              + ":"
              + a.isStarted());
    }
    return facts;
  }

  private static List<String> statusOrigins(SLF4JServiceProvider provider) {
    LoggerContext context = (LoggerContext) provider.getLoggerFactory();
    List<String> origins = new ArrayList<>();
    for (Status s : context.getStatusManager().getCopyOfStatusList()) {
      origins.add(s.getOrigin().getClass().getSimpleName());
    }
    return origins;
  }
}
