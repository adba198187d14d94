package io.etcdj.store;

import java.util.concurrent.atomic.LongAdder;

/**
 * The store's Prometheus counters (SPEC OTH-052, etcd's {@code etcd_debugging_store_*}): reads by
 * kind, writes by action, expiries and watch requests, counted where etcd counts them.
 *
 * <p>Unlike {@link StoreStats} these belong to the process, not to the data: they start at zero
 * with every start and a recovery from a snapshot leaves them alone, as Prometheus counters do.
 * Reads and writes count successes and failures alike (etcd's failure counters exist but are
 * never registered, so they are not shown).
 *
 * <p>Thread-safety: every counter is a {@link LongAdder}; reads count under the store's read lock,
 * concurrently.
 */
public final class StoreMetrics {
  /** The write actions, in the order {@link Counts#writes()} lists them. */
  public static final String[] WRITE_ACTIONS = {
    StoreState.COMPARE_AND_DELETE,
    StoreState.COMPARE_AND_SWAP,
    StoreState.CREATE,
    StoreState.DELETE,
    StoreState.SET,
    StoreState.UPDATE
  };

  /** The counters at one moment. */
  public record Counts(
      long gets, long recursiveGets, long[] writes, long expires, long watchRequests) {}

  private final LongAdder gets = new LongAdder();
  private final LongAdder recursiveGets = new LongAdder();
  private final LongAdder[] writes = new LongAdder[WRITE_ACTIONS.length];
  private final LongAdder expires = new LongAdder();
  private final LongAdder watchRequests = new LongAdder();

  StoreMetrics() {
    for (int i = 0; i < writes.length; i++) {
      writes[i] = new LongAdder();
    }
  }

  void read(boolean recursive) {
    (recursive ? recursiveGets : gets).increment();
  }

  void write(String action) {
    for (int i = 0; i < WRITE_ACTIONS.length; i++) {
      if (WRITE_ACTIONS[i].equals(action)) {
        writes[i].increment();
        return;
      }
    }
    throw new IllegalArgumentException("not a write action: " + action);
  }

  void expired() {
    expires.increment();
  }

  void watchRequested() {
    watchRequests.increment();
  }

  Counts counts() {
    long[] w = new long[writes.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = writes[i].sum();
    }
    return new Counts(gets.sum(), recursiveGets.sum(), w, expires.sum(), watchRequests.sum());
  }
}
