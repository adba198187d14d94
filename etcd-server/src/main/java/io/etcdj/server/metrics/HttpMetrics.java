package io.etcdj.server.metrics;

/**
 * The keys API's request metrics (SPEC OTH-050): requests received, failed by status code, and the
 * duration of the successful ones, by method ({@code GET}, {@code QGET} for a quorum GET, {@code
 * PUT}, {@code POST}, {@code DELETE}, {@code HEAD}). As in etcd, a watch counts only if it fails,
 * and a request refused before it reaches the store (malformed, unauthorized) not at all.
 *
 * <p>Thread-safety: safe for concurrent use from every event loop.
 */
public final class HttpMetrics {
  private final CounterVec failed =
      new CounterVec(
          "etcd_http_failed_total",
          "Keys requests that failed, by method and code.",
          "code",
          "method");
  private final CounterVec received =
      new CounterVec(
          "etcd_http_received_total",
          "Keys requests received, parsed and authorized (watches excluded), by method.",
          "method");
  /** 0.5 ms to 2.048 s, doubling: etcd's buckets for this family. */
  private final HistogramVec durations =
      new HistogramVec(
          "etcd_http_successful_duration_seconds",
          "Seconds taken by successful keys requests (watches excluded), by method.",
          "method",
          0.0005,
          2,
          13);

  /** The label etcd gives a request: its method, or {@code QGET} for a quorum GET. */
  public static String method(String httpMethod, boolean quorum) {
    return quorum && httpMethod.equals("GET") ? "QGET" : httpMethod;
  }

  public void received(String method) {
    received.inc(method);
  }

  public void failed(String method, int status) {
    failed.inc(Integer.toString(status), method);
  }

  public void succeeded(String method, long nanos) {
    durations.observeNanos(method, nanos);
  }

  /** Writes the three families, each only if it has samples, in name order. */
  public void writeTo(PrometheusText out) {
    failed.writeTo(out);
    received.writeTo(out);
    durations.writeTo(out);
  }
}
