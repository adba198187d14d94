package io.etcdj.server;

import io.etcdj.store.Event;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The proposals waiting for their entry to be applied, by request ID (etcd's {@code wait}
 * package). A request not applied within the request timeout fails with "request timed out"
 * (SPEC ERR-004: 5 s + 2 x election timeout), the one answer etcd gives whether the entry was lost
 * or is merely slow; it may still be applied later.
 *
 * <p>Thread-safety: safe for concurrent use: registration from request threads, completion from
 * the apply thread, expiry from the timer thread; each future is removed from the map exactly once
 * by whoever completes it.
 */
final class PendingRequests implements AutoCloseable {
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor timer;
  private final long timeoutMs;

  private record Pending(CompletableFuture<Event> future, ScheduledFuture<?> expiry) {}

  PendingRequests(long timeoutMs) {
    this.timeoutMs = timeoutMs;
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "etcd-request-timeout");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
  }

  /** Registers request {@code id}; the returned future completes when it is applied or expires. */
  CompletableFuture<Event> register(long id) {
    CompletableFuture<Event> future = new CompletableFuture<>();
    ScheduledFuture<?> expiry =
        timer.schedule(() -> fail(id, new RequestTimeoutException()), timeoutMs,
            TimeUnit.MILLISECONDS);
    pending.put(id, new Pending(future, expiry));
    return future;
  }

  /** The request was applied: {@code event} is the store's answer (null for SYNC). */
  void complete(long id, Event event) {
    Pending p = pending.remove(id);
    if (p != null) {
      p.expiry.cancel(false);
      p.future.complete(event);
    }
  }

  /** The request was applied and failed, or can no longer be applied. */
  void fail(long id, Throwable error) {
    Pending p = pending.remove(id);
    if (p != null) {
      p.expiry.cancel(false);
      p.future.completeExceptionally(error);
    }
  }

  /** Fails everything still waiting with "server stopped" (ERR-004) and stops the timer. */
  @Override
  public void close() {
    for (Long id : pending.keySet()) {
      fail(id, new ServerStoppedException());
    }
    timer.shutdownNow();
  }
}
