package io.etcdj.server;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What waits for the raft loop's next round (proposals, peer messages, tasks), and the rule that
 * admits one round at a time whichever thread runs it ({@link RaftLoop}).
 *
 * <p>A flag is set while a round is scheduled or running. Whoever adds an item and finds the flag
 * clear sets it and schedules a round; the round clears it at its end ({@link #roundDone}) and
 * then looks at the queue again, so an item added meanwhile is either seen there or schedules its
 * own round. The flag's set and clear order each round after the one before, which is what lets a
 * round run on another thread than the loop's (a lone writer's event loop, RaftLoop#propose). It
 * starts set: nothing runs before the loop's start has called {@link #roundDone} once.
 *
 * <p>Thread-safety: {@link #add} from any thread; {@link #drainTo} and {@link #roundDone} by the
 * round in progress only.
 */
final class RoundQueue {
  private final ConcurrentLinkedQueue<Object> items = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean(true);
  private final Executor loopThread;
  private final Runnable round;

  /**
   * @param loopThread where rounds run unless an adder names another place
   * @param round one round: takes what is queued, then calls {@link #roundDone}
   */
  RoundQueue(Executor loopThread, Runnable round) {
    this.loopThread = loopThread;
    this.round = round;
  }

  /** Queues {@code item}; a round will take it, on the loop thread if one must be scheduled. */
  void add(Object item) {
    add(item, null);
  }

  /**
   * Queues {@code item}; if no round is scheduled or running, schedules one on {@code where}
   * (null, or an executor that refuses: the loop thread).
   */
  void add(Object item, Executor where) {
    items.add(item);
    if (scheduled.compareAndSet(false, true)) {
      schedule(where);
    }
  }

  /** Moves up to {@code max} items, oldest first, to {@code batch}. */
  void drainTo(List<Object> batch, int max) {
    Object item;
    while (batch.size() < max && (item = items.poll()) != null) {
      batch.add(item);
    }
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  /** Ends the round in progress: the next one may be scheduled, at once if items are waiting. */
  void roundDone() {
    scheduled.set(false);
    if (!items.isEmpty() && scheduled.compareAndSet(false, true)) {
      schedule(null);
    }
  }

  private void schedule(Executor where) {
    if (where != null) {
      try {
        where.execute(round);
        return;
      } catch (RejectedExecutionException e) {
        // that event loop is shutting down: the loop thread takes the round
      }
    }
    loopThread.execute(round);
  }
}
