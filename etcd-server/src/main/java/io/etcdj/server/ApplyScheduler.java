package io.etcdj.server;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides which thread runs the {@link ApplyStep} for one Ready: the raft loop itself, or the
 * apply thread.
 *
 * <p>When nothing else waits for the raft loop (the usual case at low concurrency), it applies
 * right away: a write then wakes two threads (event loop -> raft loop -> event loop) instead of
 * three. When proposals or messages are already queued, the entries go to the apply thread, so
 * the raft loop starts the next WAL write and fsync at once and applying overlaps it (Raft thesis
 * §10.2.1: persisting and applying are independent once entries are committed). Either way a
 * write is answered only after its entry was fsynced and applied.
 *
 * <p>Thread-safety: {@link #apply} is called from a raft round only, and rounds never overlap
 * (usually on the raft loop thread; a lone proposer's thread may run one, see RaftLoop#propose).
 * At most one thread runs the step at a time, in log order: a round applies itself only when no
 * batch is queued on, or being applied by, the apply thread ({@code outstanding} is 0); since only
 * rounds queue work, the apply thread cannot start anything meanwhile. The counter (and the queue
 * the other way) carry the happens-before edges between the threads.
 */
final class ApplyScheduler implements AutoCloseable {
  private final ApplyStep step;
  private final LinkedBlockingQueue<Committed> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger outstanding = new AtomicInteger();
  private final Thread thread;
  private volatile boolean running = true;

  ApplyScheduler(ApplyStep step) {
    this.step = step;
    this.thread = new Thread(this::run, "etcd-apply");
  }

  void start() {
    thread.start();
  }

  /**
   * Applies {@code c} now, or queues it for the apply thread behind the batches already there.
   *
   * @param moreToPersist the raft loop has work waiting (proposals, messages)
   */
  void apply(Committed c, boolean moreToPersist) {
    if (!moreToPersist && outstanding.get() == 0) {
      step.apply(c);
      return;
    }
    outstanding.incrementAndGet();
    queue.add(c);
  }

  private void run() {
    try {
      while (running) {
        Committed c = queue.poll(100, TimeUnit.MILLISECONDS);
        if (c != null) {
          try {
            step.apply(c);
          } finally {
            outstanding.decrementAndGet();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops after the batch in progress; batches still queued are applied again at restart. */
  @Override
  public void close() {
    running = false;
    thread.interrupt(); // wakes it from an empty queue at once
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
