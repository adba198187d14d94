package io.etcdj.server;

import io.etcdj.store.Event;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The proposals waiting for their entry to be applied, by request ID (etcd's {@code wait}
 * package). A request not applied within the request timeout fails with "request timed out"
 * (SPEC ERR-004: 5 s + 2 x election timeout), the one answer etcd gives whether the entry was lost
 * or is merely slow; it may still be applied later.
 *
 * <p>Expiry is checked by one sweep every {@link #SWEEP_MS} rather than a timer per request: a
 * request costs one map insert and one removal, and a late answer is at most one sweep late.
 *
 * <p>Thread-safety: safe for concurrent use: registration from request threads, completion from
 * the apply thread, expiry from the sweeper thread; each future is removed from the map exactly
 * once, by whoever completes it.
 */
final class PendingRequests implements AutoCloseable {
  static final long SWEEP_MS = 100;

  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper;
  private final long timeoutNanos;
  private final LongAdder abandoned = new LongAdder();

  private record Pending(CompletableFuture<Event> future, long deadlineNanos) {}

  PendingRequests(long timeoutMs) {
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "etcd-request-timeout");
              t.setDaemon(true);
              return t;
            });
    sweeper.scheduleWithFixedDelay(this::expire, SWEEP_MS, SWEEP_MS, TimeUnit.MILLISECONDS);
  }

  /** Registers request {@code id}; the returned future completes when it is applied or expires. */
  CompletableFuture<Event> register(long id) {
    CompletableFuture<Event> future = new CompletableFuture<>();
    pending.put(id, new Pending(future, SystemClock.nanoTime() + timeoutNanos));
    return future;
  }

  /** How many requests wait for their entry to be applied. */
  int waiting() {
    return pending.size();
  }

  /** The request was applied: {@code event} is the store's answer (null for SYNC). */
  void complete(long id, Event event) {
    Pending p = pending.remove(id);
    if (p != null) {
      p.future.complete(event);
    }
  }

  /** The request was applied and failed, or can no longer be applied. */
  void fail(long id, Throwable error) {
    Pending p = pending.remove(id);
    if (p != null) {
      p.future.completeExceptionally(error);
    }
  }

  /** Requests that timed out or were failed by a stop: etcd's failed proposals (OTH-053). */
  long abandoned() {
    return abandoned.sum();
  }

  private void expire() {
    long now = SystemClock.nanoTime();
    for (Iterator<Map.Entry<Long, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Pending> e = it.next();
      if (now - e.getValue().deadlineNanos() >= 0 && pending.remove(e.getKey(), e.getValue())) {
        abandoned.increment();
        e.getValue().future().completeExceptionally(new RequestTimeoutException());
      }
    }
  }

  /** Fails everything still waiting with "server stopped" (ERR-004) and stops the sweeper. */
  @Override
  public void close() {
    sweeper.shutdownNow();
    for (Long id : pending.keySet()) {
      Pending p = pending.remove(id);
      if (p != null) {
        abandoned.increment();
        p.future.completeExceptionally(new ServerStoppedException());
      }
    }
  }
}
