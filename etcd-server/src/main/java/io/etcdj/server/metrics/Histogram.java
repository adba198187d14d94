package io.etcdj.server.metrics;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram with fixed upper bounds, in seconds.
 *
 * <p>Thread-safety: observations may come from any thread; a {@link #snapshot} taken meanwhile may
 * see an observation in its bucket but not yet in the sum, as with Go's client.
 */
public final class Histogram {
  /** The counts at one moment: per bucket (not cumulative), the last one above every bound. */
  record Snapshot(double[] bounds, long[] counts, double sum) {}

  private final double[] bounds;
  private final LongAdder[] counts;
  private final DoubleAdder sum = new DoubleAdder();

  private Histogram(double[] bounds) {
    this.bounds = bounds;
    this.counts = new LongAdder[bounds.length + 1];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  /** Bounds {@code start}, {@code start * factor}, ..., {@code count} of them (Go's helper). */
  public static Histogram exponential(double start, double factor, int count) {
    double[] bounds = new double[count];
    for (int i = 0; i < count; i++) {
      bounds[i] = start * Math.pow(factor, i);
    }
    return new Histogram(bounds);
  }

  public void observeNanos(long nanos) {
    observe(nanos / 1e9);
  }

  public void observe(double seconds) {
    int i = 0;
    while (i < bounds.length && seconds > bounds[i]) {
      i++;
    }
    counts[i].increment();
    sum.add(seconds);
  }

  Snapshot snapshot() {
    long[] c = new long[counts.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = counts[i].sum();
    }
    return new Snapshot(bounds, c, sum.sum());
  }
}
