package io.etcdj.server.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A counter family with labels: one counter per combination of label values, made on its first
 * increment, as Go's {@code CounterVec}. A family none of whose counters exists is not written.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public final class CounterVec {
  /** Joins label values into one key; sorts before every character, so keys sort as tuples. */
  static final String SEPARATOR = "\u0000";

  private final String name;
  private final String help;
  private final String[] labelNames;
  private final ConcurrentMap<String, LongAdder> counters = new ConcurrentHashMap<>();

  /** @param labelNames in ascending order, as Go prints and sorts them */
  public CounterVec(String name, String help, String... labelNames) {
    this.name = name;
    this.help = help;
    this.labelNames = Labels.checkSorted(labelNames);
  }

  /** Adds one to the counter of these label values, given in the order of the label names. */
  public void inc(String... labelValues) {
    counters.computeIfAbsent(key(labelValues), k -> new LongAdder()).increment();
  }

  public void writeTo(PrometheusText out) {
    if (counters.isEmpty()) {
      return;
    }
    out.family(name, "counter", help);
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(counters).entrySet()) {
      out.sample(name, Labels.of(labelNames, e.getKey().split(SEPARATOR, -1)), e.getValue().sum());
    }
  }

  static String key(String[] labelValues) {
    return labelValues.length == 1 ? labelValues[0] : String.join(SEPARATOR, labelValues);
  }
}
