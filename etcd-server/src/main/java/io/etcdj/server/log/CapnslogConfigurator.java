package io.etcdj.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration for a member: capnslog lines ({@link CapnslogEncoder}) on standard
 * error, INFO and up (--debug lowers it), Netty's own loggers at WARN. Found by logback through
 * {@code META-INF/services}, it takes the place of a {@code logback.xml}: reading XML cost a
 * member about a quarter of a second of its start (Joran's parser and its reflection, all
 * interpreted that early), three times over when a Procfile starts three members on two cores.
 *
 * <p>A configuration the user names with {@code -Dlogback.configurationFile}, or a test's {@code
 * logback-test.xml}, still wins: this configurator then stands aside.
 *
 * <p>Thread-safety: logback calls it once, at initialization.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class CapnslogConfigurator extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (userConfigured()) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    apply(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * Whether the user chose a logback configuration: a file named with {@code
   * -Dlogback.configurationFile}, or a {@code logback-test.xml} on the class path.
   */
  static boolean userConfigured() {
    return System.getProperty("logback.configurationFile") != null
        || CapnslogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null;
  }

  /** Capnslog lines on standard error at INFO, Netty's loggers at WARN. */
  static void apply(LoggerContext context) {
    CapnslogEncoder encoder = new CapnslogEncoder();
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(stderr);
    context.getLogger("io.netty").setLevel(Level.WARN);
  }
}
