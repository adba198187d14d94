package io.etcdj.server;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The raft loop's queue: many threads add, one thread (the loop) takes.
 *
 * <p>Why not a {@code LinkedBlockingQueue}: every hand-off to a sleeping loop there takes the
 * queue's two locks and signals a condition, and the woken loop must take the lock again; under
 * load the producers (event loops, the peer transport) also contend for the put lock. Here adding
 * is one lock-free enqueue, and waking costs one {@link LockSupport#unpark} only while the loop
 * is actually waiting.
 *
 * <p>Thread-safety: {@link #add} from any thread; {@link #poll}, {@link #drainTo} and {@link
 * #isEmpty} from the one consumer. No wake-up is lost: the consumer publishes itself as the waiter
 * (a volatile write) before it looks at the queue a last time, and a producer enqueues before it
 * reads the waiter; whichever comes second sees the other.
 */
final class Inbox {
  private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
  private volatile Thread waiter;

  void add(Object item) {
    queue.add(item);
    Thread w = waiter;
    if (w != null) {
      LockSupport.unpark(w);
    }
  }

  /** The next item, waiting up to {@code nanos} for one; null if none came. */
  Object poll(long nanos) throws InterruptedException {
    Object item = queue.poll();
    if (item != null || nanos <= 0) {
      return item;
    }
    long deadline = System.nanoTime() + nanos;
    waiter = Thread.currentThread();
    try {
      while ((item = queue.poll()) == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        LockSupport.parkNanos(this, left);
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
      return item;
    } finally {
      waiter = null;
    }
  }

  /** Moves up to {@code max} items to {@code into}, in order. */
  void drainTo(List<Object> into, int max) {
    Object item;
    for (int i = 0; i < max && (item = queue.poll()) != null; i++) {
      into.add(item);
    }
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }
}
