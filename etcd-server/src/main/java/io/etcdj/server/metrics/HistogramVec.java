package io.etcdj.server.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A histogram family with one label: one {@link Histogram} per label value, made on its first
 * observation, as Go's {@code HistogramVec}. A family with none is not written.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public final class HistogramVec {
  private final String name;
  private final String help;
  private final String labelName;
  private final double start;
  private final double factor;
  private final int count;
  private final ConcurrentMap<String, Histogram> histograms = new ConcurrentHashMap<>();

  /** Buckets {@code start}, {@code start * factor}, ..., {@code count} of them. */
  public HistogramVec(
      String name, String help, String labelName, double start, double factor, int count) {
    this.name = name;
    this.help = help;
    this.labelName = labelName;
    this.start = start;
    this.factor = factor;
    this.count = count;
  }

  public void observeNanos(String labelValue, long nanos) {
    histograms
        .computeIfAbsent(labelValue, v -> Histogram.exponential(start, factor, count))
        .observeNanos(nanos);
  }

  public void writeTo(PrometheusText out) {
    if (histograms.isEmpty()) {
      return;
    }
    out.family(name, "histogram", help);
    for (Map.Entry<String, Histogram> e : new TreeMap<>(histograms).entrySet()) {
      out.histogram(name, Labels.of(labelName, e.getKey()), e.getValue());
    }
  }
}
