package io.etcdj.server.proxy;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where the proxy sends requests (SPEC CLU-072, CLU-073): the cluster's client URLs,
 * re-read every {@code --proxy-refresh-interval} (every second while none are known, if the
 * interval is the default or longer) and shuffled so that proxies spread their load.
 *
 * <p>Thread-safety: safe for concurrent use; the endpoint list is replaced as a whole under the
 * director's monitor, and the refresh runs on the proxy's timer thread.
 */
final class Director {
  private static final Logger LOG = LoggerFactory.getLogger("proxy/httpproxy");
  private static final long DEFAULT_REFRESH_MS = 30_000;

  private final Supplier<List<String>> clientUrls;
  private final long failureWaitMs;
  private final long refreshMs;
  private final ScheduledExecutorService timers;
  private List<Endpoint> endpoints = List.of();
  private boolean announced;

  /**
   * Reads the endpoints once now, then keeps refreshing them on {@code timers}.
   *
   * @param clientUrls the cluster's client URLs right now; empty when nobody answered
   */
  Director(
      Supplier<List<String>> clientUrls,
      long failureWaitMs,
      long refreshMs,
      ScheduledExecutorService timers) {
    this.clientUrls = clientUrls;
    this.failureWaitMs = failureWaitMs;
    this.refreshMs = refreshMs;
    this.timers = timers;
    refresh();
    scheduleRefresh();
  }

  /** The endpoints not currently marked failed, in the shuffled order. */
  synchronized List<Endpoint> available() {
    List<Endpoint> out = new ArrayList<>();
    for (Endpoint e : endpoints) {
      if (e.available()) {
        out.add(e);
      }
    }
    return out;
  }

  private void scheduleRefresh() {
    List<Endpoint> now = available();
    long wait = refreshMs;
    if (refreshMs >= DEFAULT_REFRESH_MS && now.isEmpty()) {
      wait = 1000;
    }
    if (!now.isEmpty()) {
      announceOnce(now);
    }
    timers.schedule(
        () -> {
          try {
            refresh();
          } catch (RuntimeException e) {
            // keep the old endpoints; a refresh that dies must not end the refreshing
            LOG.warn("proxy: refreshing the endpoints failed: {}", e.toString());
          }
          scheduleRefresh();
        },
        wait,
        TimeUnit.MILLISECONDS);
  }

  private void refresh() {
    List<Endpoint> fresh = new ArrayList<>();
    for (String u : clientUrls.get()) {
      try {
        fresh.add(new Endpoint(URI.create(u), failureWaitMs, timers));
      } catch (IllegalArgumentException e) {
        LOG.info("upstream URL invalid: {}", e.getMessage());
      }
    }
    Collections.shuffle(fresh);
    synchronized (this) {
      endpoints = List.copyOf(fresh);
    }
  }

  private void announceOnce(List<Endpoint> now) {
    if (announced) {
      return;
    }
    announced = true;
    List<String> urls = new ArrayList<>();
    now.forEach(e -> urls.add("\"" + e.url() + "\""));
    LOG.info("endpoints found [{}]", String.join(" ", urls));
  }
}
