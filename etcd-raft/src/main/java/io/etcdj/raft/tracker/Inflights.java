package io.etcdj.raft.tracker;

/**
 * A bounded FIFO of the last indexes of the appends sent to one follower and not yet
 * acknowledged: the flow-control window of pipelined replication (RFT-006, MaxInflightMsgs).
 *
 * <p>Implemented as a ring buffer of primitive longs so that the hot path allocates nothing.
 * Not thread-safe: owned by the raft state machine.
 */
public final class Inflights {
  private final long[] buffer;
  private int start;
  private int count;

  public Inflights(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.buffer = new long[capacity];
  }

  /** Records an append whose last entry has the given index; indexes must be increasing. */
  public void add(long lastIndex) {
    if (full()) {
      throw new IllegalStateException("cannot add into a full inflights window");
    }
    int next = start + count;
    if (next >= buffer.length) {
      next -= buffer.length;
    }
    buffer[next] = lastIndex;
    count++;
  }

  /** Frees every inflight append whose last index is at most {@code to}. */
  public void freeLE(long to) {
    if (count == 0 || to < buffer[start]) {
      return;
    }
    int idx = start;
    int i = 0;
    while (i < count && to >= buffer[idx]) {
      i++;
      idx++;
      if (idx >= buffer.length) {
        idx -= buffer.length;
      }
    }
    count -= i;
    start = count == 0 ? 0 : idx;
  }

  /** Frees the oldest inflight append (a heartbeat answer proves the follower is alive). */
  public void freeFirstOne() {
    if (count > 0) {
      freeLE(buffer[start]);
    }
  }

  public boolean full() {
    return count == buffer.length;
  }

  public int count() {
    return count;
  }

  public void reset() {
    start = 0;
    count = 0;
  }
}
