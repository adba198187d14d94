package io.etcdj.server;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The one place that reads the wall clock (STYLE 6). Everything else takes a {@link Clock}.
 *
 * <p>Thread-safety: stateless, safe for concurrent use.
 */
public final class SystemClock extends Clock {
  public static final SystemClock INSTANCE = new SystemClock();

  private SystemClock() {}

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the system clock is always UTC here");
  }

  @Override
  public Instant instant() {
    return Instant.now();
  }

  /** Monotonic nanoseconds, for durations such as uptime. */
  public static long nanoTime() {
    return System.nanoTime();
  }
}
