package io.etcdj.server;

import io.etcdj.server.metrics.Histogram;
import io.etcdj.server.metrics.HttpMetrics;

/**
 * The measurements a member takes for {@code /metrics} as its parts work (SPEC OTH-050, OTH-053):
 * keys requests, WAL syncs, snapshot saves. The figures a member already keeps (raft state,
 * indexes, store counters) are read when the page is written ({@link MetricsPage}).
 *
 * <p>Thread-safety: every part is safe for concurrent use.
 */
public final class ServerMetrics {
  private final HttpMetrics http = new HttpMetrics();
  /** 1 ms to 8.192 s, doubling, as etcd's WAL fsync histogram. */
  final Histogram walSync = Histogram.exponential(0.001, 2, 14);
  /** The same buckets for the time to write and sync a {@code .snap} file. */
  final Histogram snapshotSave = Histogram.exponential(0.001, 2, 14);

  public HttpMetrics http() {
    return http;
  }
}
