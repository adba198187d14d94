package io.etcdj.server.proxy;

import io.etcdj.server.metrics.CounterVec;
import io.etcdj.server.metrics.HistogramVec;
import io.etcdj.server.metrics.ProcessMetrics;
import io.etcdj.server.metrics.PrometheusText;

/**
 * A proxy's {@code /metrics} (SPEC OTH-051): the requests it forwards, the answers it relays by
 * status, the time to a member's answer, and the requests it drops, with the reason; then the
 * {@code process_*} families. Only forwarded requests count: answers the proxy gives itself
 * (OPTIONS, a read-only proxy's 501, its endpoint list) do not, as in etcd.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
final class ProxyMetrics {
  static final String ZERO_ENDPOINTS = "zero_endpoints";
  static final String FAILED_SENDING_REQUEST = "failed_sending_request";
  static final String FAILED_GETTING_RESPONSE = "failed_getting_response";

  private final CounterVec dropped =
      new CounterVec(
          "etcd_proxy_dropped_total",
          "Requests the proxy could not forward, by method and reason.",
          "method",
          "proxying_error");
  private final CounterVec handled =
      new CounterVec(
          "etcd_proxy_handled_total",
          "Requests a member answered through the proxy, by code and method.",
          "code",
          "method");
  /** The buckets of the members' own request histogram: 0.5 ms to 2.048 s. */
  private final HistogramVec durations =
      new HistogramVec(
          "etcd_proxy_handling_duration_seconds",
          "Seconds until a member's answer began, by method.",
          "method",
          0.0005,
          2,
          13);
  private final CounterVec requests =
      new CounterVec(
          "etcd_proxy_requests_total", "Requests the proxy set out to forward, by method.", "method");

  void incoming(String method) {
    requests.inc(method);
  }

  /** A member answered: its status and the time since the request came in. */
  void handled(String method, int status, long nanos) {
    handled.inc(Integer.toString(status), method);
    durations.observeNanos(method, nanos);
  }

  void dropped(String method, String reason) {
    dropped.inc(method, reason);
  }

  String page() {
    PrometheusText out = new PrometheusText();
    dropped.writeTo(out);
    handled.writeTo(out);
    durations.writeTo(out);
    requests.writeTo(out);
    ProcessMetrics.writeTo(out);
    return out.toString();
  }
}
