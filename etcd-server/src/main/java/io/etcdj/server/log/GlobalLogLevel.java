package io.etcdj.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Sets the level of every package at once, as capnslog's {@code SetGlobalLogLevel} does for
 * etcd's {@code PUT /config/local/log} (SPEC OTH-013) and {@code --debug} (FLG-044). The new level
 * holds from the next line on: etcd's package loggers have no level of their own and follow the
 * root logger's. Netty's loggers keep theirs (WARN, {@link CapnslogConfigurator}): etcd has no
 * such package.
 *
 * <p>capnslog has two levels logback lacks. At CRITICAL a member prints only the errors marked
 * {@link CapnslogLevel#CRITICAL}, at NOTICE only the INFO lines marked {@link
 * CapnslogLevel#NOTICE}: the root logger goes to ERROR or INFO, and a turbo filter, added to the
 * logging context the first time a level is set, drops the unmarked lines of that level.
 *
 * <p>Thread-safety: {@link #set} may be called from any thread; calls run one at a time, under
 * this class's lock. Logback's levels are safe to change while others log; the filter's level is
 * volatile.
 */
public final class GlobalLogLevel {
  private GlobalLogLevel() {}

  /** Sets {@code level} for every package (nothing happens when logback is not in use). */
  public static synchronized void set(LogLevel level) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return;
    }
    threshold(context).level = level;
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level.logback);
  }

  private static Threshold threshold(LoggerContext context) {
    for (TurboFilter f : context.getTurboFilterList()) {
      if (f instanceof Threshold t) {
        return t;
      }
    }
    Threshold t = new Threshold();
    t.setContext(context);
    t.start();
    context.addTurboFilter(t);
    return t;
  }

  /** Drops the unmarked lines of the logback level CRITICAL or NOTICE is mapped to. */
  private static final class Threshold extends TurboFilter {
    volatile LogLevel level = LogLevel.INFO;

    @Override
    public FilterReply decide(
        Marker marker,
        Logger logger,
        Level lineLevel,
        String format,
        Object[] params,
        Throwable t) {
      LogLevel l = level;
      if (l == LogLevel.CRITICAL && lineLevel == Level.ERROR) {
        return has(marker, CapnslogLevel.CRITICAL) ? FilterReply.NEUTRAL : FilterReply.DENY;
      }
      if (l == LogLevel.NOTICE && lineLevel == Level.INFO) {
        return has(marker, CapnslogLevel.NOTICE) ? FilterReply.NEUTRAL : FilterReply.DENY;
      }
      return FilterReply.NEUTRAL;
    }

    private static boolean has(Marker marker, Marker wanted) {
      return marker != null && marker.contains(wanted);
    }
  }
}
