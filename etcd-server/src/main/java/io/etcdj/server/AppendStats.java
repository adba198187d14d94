package io.etcdj.server;

import io.etcdj.raft.Snapshots;
import io.etcdj.raft.raftpb.Message;
import java.util.function.LongSupplier;

/**
 * The append traffic half of {@code /v2/stats/self} (SPEC OTH-040, OTH-041; etcd's {@code
 * v2stats/server.go} and {@code queue.go}): how many MsgApp this member received (as a follower)
 * and sent (as a leader), and the package and byte rates over the last {@value #SAMPLES} of each.
 *
 * <p>As etcd counts them: a send is counted when raft hands a MsgApp to the transport for a known
 * peer, whether or not it then reaches the wire; a receive when a MsgApp from a peer is about to be
 * stepped. The size is the protobuf size of the whole message.
 *
 * <p>Thread-safety: thread-safe; each direction is guarded by its own window's monitor (the raft
 * loop sends, Netty event loops receive, the client handler reads).
 */
final class AppendStats {
  /** etcd's {@code queueCapacity}: rates cover at most this many recent messages. */
  static final int SAMPLES = 200;

  /** A window whose newest sample is older than this reports no rate (etcd clears it). */
  private static final long STALE_NANOS = 1_000_000_000L;

  private static final int EMPTY_SNAPSHOT_SIZE = Snapshots.EMPTY.getSerializedSize();

  private final LongSupplier nanoTime;
  private final Window received = new Window();
  private final Window sent = new Window();

  /** @param nanoTime a monotonic clock in nanoseconds ({@code SystemClock::nanoTime}) */
  AppendStats(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** A MsgApp from the leader is about to be stepped. */
  void received(Message m) {
    received.add(goSize(m), nanoTime.getAsLong());
  }

  /** Raft sends a MsgApp to a known peer. */
  void sent(Message m) {
    sent.add(goSize(m), nanoTime.getAsLong());
  }

  /**
   * The size etcd's {@code m.Size()} gives: gogoproto always writes the non-nullable fields
   * (PER-069), while a MsgApp rebuilt from the compact msgappv2 frame (PTR-023) lacks the zero
   * snapshot, reject and rejectHint; each such field adds its tag, and the snapshot its length.
   */
  static int goSize(Message m) {
    int size = m.getSerializedSize();
    if (!m.hasSnapshot()) {
      size += 2 + EMPTY_SNAPSHOT_SIZE;
    }
    if (!m.hasReject()) {
      size += 2;
    }
    if (!m.hasRejectHint()) {
      size += 2;
    }
    return size;
  }

  /**
   * The counters and rates as the members of the self stats JSON, in etcd's order, without the
   * surrounding braces: {@code "recvAppendRequestCnt":n[,"recvPkgRate":r,"recvBandwidthRate":b],
   * "sendAppendRequestCnt":n[,...]}; a rate that is 0 is left out (Go's {@code omitempty}).
   */
  String json() {
    long now = nanoTime.getAsLong();
    StringBuilder b = new StringBuilder("\"recvAppendRequestCnt\":");
    received.append(b, "recv", now);
    b.append(",\"sendAppendRequestCnt\":");
    sent.append(b, "send", now);
    return b.toString();
  }

  /** The last {@value #SAMPLES} messages of one direction, a ring of (time, size), and a count. */
  private static final class Window {
    private final long[] times = new long[SAMPLES];
    private final int[] sizes = new int[SAMPLES];
    private long count;
    private int front;
    private int size;
    private long totalBytes;

    synchronized void add(int bytes, long nanos) {
      count++;
      int back = (front + size) % SAMPLES;
      if (size == SAMPLES) {
        totalBytes -= sizes[front];
        front = (front + 1) % SAMPLES;
      } else {
        size++;
      }
      times[back] = nanos;
      sizes[back] = bytes;
      totalBytes += bytes;
    }

    synchronized void append(StringBuilder b, String prefix, long now) {
      b.append(Long.toUnsignedString(count));
      if (size == 0) {
        return;
      }
      long newest = times[(front + size - 1) % SAMPLES];
      if (now - newest > STALE_NANOS) {
        // etcd empties the queue when its newest sample is more than a second old.
        size = 0;
        totalBytes = 0;
        return;
      }
      long span = newest - times[front];
      if (span <= 0) {
        // One sample (or all in one nanosecond): etcd divides by zero and Go's encoder then fails
        // the whole response; leaving the rates out is the sane reading of "no rate yet".
        return;
      }
      double seconds = span / 1e9;
      String pkgRate = LeaderStats.goFloat(size / seconds);
      String bandwidthRate = LeaderStats.goFloat(totalBytes / seconds);
      b.append(",\"").append(prefix).append("PkgRate\":").append(pkgRate);
      b.append(",\"").append(prefix).append("BandwidthRate\":").append(bandwidthRate);
    }
  }
}
