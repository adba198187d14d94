package io.etcdj.server.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The keys API's request metrics (SPEC OTH-050): requests received, failed by status code, and the
 * duration of the successful ones, by method ({@code GET}, {@code QGET} for a quorum GET, {@code
 * PUT}, {@code POST}, {@code DELETE}, {@code HEAD}). As in etcd, a watch counts only if it fails,
 * and a request refused before it reaches the store (malformed, unauthorized) not at all.
 *
 * <p>Thread-safety: safe for concurrent use from every event loop.
 */
public final class HttpMetrics {
  private final ConcurrentMap<String, LongAdder> received = new ConcurrentHashMap<>();
  /** Keyed by code, then method: the order Go sorts the samples in (labels by name). */
  private final ConcurrentMap<String, ConcurrentMap<String, LongAdder>> failed =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Histogram> durations = new ConcurrentHashMap<>();

  /** The label etcd gives a request: its method, or {@code QGET} for a quorum GET. */
  public static String method(String httpMethod, boolean quorum) {
    return quorum && httpMethod.equals("GET") ? "QGET" : httpMethod;
  }

  public void received(String method) {
    received.computeIfAbsent(method, m -> new LongAdder()).increment();
  }

  public void failed(String method, int status) {
    failed
        .computeIfAbsent(Integer.toString(status), c -> new ConcurrentHashMap<>())
        .computeIfAbsent(method, m -> new LongAdder())
        .increment();
  }

  public void succeeded(String method, long nanos) {
    // 0.5 ms to 2.048 s, doubling: etcd's buckets for this family.
    durations.computeIfAbsent(method, m -> Histogram.exponential(0.0005, 2, 13)).observeNanos(nanos);
  }

  /** Writes the three families, each only if it has samples. */
  public void writeTo(PrometheusText out) {
    if (!failed.isEmpty()) {
      out.family("etcd_http_failed_total", "counter", "Keys requests that failed, by method and code.");
      new TreeMap<>(failed)
          .forEach(
              (code, byMethod) ->
                  new TreeMap<>(byMethod)
                      .forEach(
                          (method, n) ->
                              out.sample(
                                  "etcd_http_failed_total",
                                  Labels.of("code", code, "method", method),
                                  n.sum())));
    }
    if (!received.isEmpty()) {
      out.family(
          "etcd_http_received_total",
          "counter",
          "Keys requests received, parsed and authorized (watches excluded), by method.");
      for (Map.Entry<String, LongAdder> e : new TreeMap<>(received).entrySet()) {
        out.sample("etcd_http_received_total", Labels.of("method", e.getKey()), e.getValue().sum());
      }
    }
    if (!durations.isEmpty()) {
      out.family(
          "etcd_http_successful_duration_seconds",
          "histogram",
          "Seconds taken by successful keys requests (watches excluded), by method.");
      for (Map.Entry<String, Histogram> e : new TreeMap<>(durations).entrySet()) {
        out.histogram(
            "etcd_http_successful_duration_seconds", Labels.of("method", e.getKey()), e.getValue());
      }
    }
  }
}
