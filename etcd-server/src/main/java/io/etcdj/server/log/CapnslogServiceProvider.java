package io.etcdj.server.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.util.StatusPrinter;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The runnable jar's SLF4J binding: logback's, with {@link CapnslogConfigurator}'s configuration
 * applied directly instead of through logback's auto-configuration. That machinery cost a member
 * about a tenth of a second of its start on two cores, all of it on the main thread before the
 * first line: its class loader helper evaluates the JDK's security policy (parsing {@code
 * java.policy}), and its progress messages, built with string concatenation, make the JVM spin a
 * dozen method handle classes at run time. Only the jar names this provider (in its {@code
 * META-INF/services}, in logback's place), so tests, which run from the class path, keep
 * logback's own.
 *
 * <p>When the user chose logback settings ({@code -Dlogback.configurationFile} or any other
 * {@code logback.*} system property, or a {@code logback-test.xml}), logback's auto-configuration
 * runs as usual.
 *
 * <p>Thread-safety: SLF4J calls {@link #initialize} once, before any getter.
 */
public final class CapnslogServiceProvider implements SLF4JServiceProvider {
  private SLF4JServiceProvider chosen;

  @Override
  public void initialize() {
    chosen = userChoseLogbackSettings() ? new LogbackServiceProvider() : new Capnslog();
    chosen.initialize();
  }

  private static boolean userChoseLogbackSettings() {
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("logback.")) {
        return true;
      }
    }
    return CapnslogConfigurator.userConfigured();
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return chosen.getLoggerFactory();
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return chosen.getMarkerFactory();
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return chosen.getMDCAdapter();
  }

  @Override
  public String getRequestedApiVersion() {
    return LogbackServiceProvider.REQUESTED_API_VERSION;
  }

  /** LogbackServiceProvider's initialization, step by step, with our configuration applied. */
  private static final class Capnslog implements SLF4JServiceProvider {
    private final LoggerContext context = new LoggerContext();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final LogbackMDCAdapter mdc = new LogbackMDCAdapter();

    @Override
    public void initialize() {
      context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
      CapnslogConfigurator.apply(context);
      StatusPrinter.printInCaseOfErrorsOrWarnings(context);
      context.start();
      context.setMDCAdapter(mdc);
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
      return context;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
      return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
      return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
      return LogbackServiceProvider.REQUESTED_API_VERSION;
    }
  }
}
