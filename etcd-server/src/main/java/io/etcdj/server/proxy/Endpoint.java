package io.etcdj.server.proxy;

import java.net.URI;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client URL of the cluster the proxy forwards to (SPEC CLU-073). A request that cannot reach
 * it marks it unavailable; it is tried again after {@code --proxy-failure-wait}.
 *
 * <p>Thread-safety: safe for concurrent use; availability is guarded by the endpoint's monitor.
 */
final class Endpoint {
  private static final Logger LOG = LoggerFactory.getLogger("proxy/httpproxy");

  private final URI url;
  private final long failureWaitMs;
  private final ScheduledExecutorService timers;
  private boolean available = true;

  Endpoint(URI url, long failureWaitMs, ScheduledExecutorService timers) {
    this.url = url;
    this.failureWaitMs = failureWaitMs;
    this.timers = timers;
  }

  URI url() {
    return url;
  }

  synchronized boolean available() {
    return available;
  }

  /** A request could not get a response from here: skip this endpoint for the failure wait. */
  void failed() {
    synchronized (this) {
      if (!available) {
        return;
      }
      available = false;
    }
    LOG.info("marked endpoint {} unavailable", url);
    timers.schedule(this::retest, failureWaitMs, TimeUnit.MILLISECONDS);
  }

  private void retest() {
    synchronized (this) {
      available = true;
    }
    LOG.info("marked endpoint {} available, to retest connectivity", url);
  }
}
