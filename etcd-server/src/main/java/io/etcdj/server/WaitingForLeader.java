package io.etcdj.server;

import com.google.protobuf.ByteString;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Proposals made while raft knows no leader (RFT-008). etcd's raft node takes no proposal in that
 * state: the request's goroutine waits until a leader is elected and then proposes, or gives up
 * when the request times out. So a write sent during an election (a fresh cluster's first second,
 * a leader's failure) succeeds once the election is over. Raft itself would drop it, and its
 * client would wait out the whole request timeout for a 500.
 *
 * <p>A proposal waits here at most the request timeout, as the goroutine would: the client has
 * been told "request timed out" by then, and etcd never proposes what it gave up on.
 *
 * <p>Thread-safety: confined to the raft loop's rounds.
 */
final class WaitingForLeader {
  private record Waiting(ByteString data, long sinceNanos) {}

  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private final long maxWaitNanos;

  WaitingForLeader(long maxWaitNanos) {
    this.maxWaitNanos = maxWaitNanos;
  }

  void add(List<ByteString> proposals, long nowNanos) {
    while (!waiting.isEmpty() && nowNanos - waiting.peek().sinceNanos() >= maxWaitNanos) {
      waiting.poll(); // given up on by now: the oldest come first
    }
    for (ByteString data : proposals) {
      waiting.add(new Waiting(data, nowNanos));
    }
  }

  boolean isEmpty() {
    return waiting.isEmpty();
  }

  /**
   * Moves the proposals still within their wait, oldest first, to the front of {@code into} and
   * forgets the rest.
   *
   * @return how many were forgotten
   */
  int releaseInto(List<ByteString> into, long nowNanos) {
    List<ByteString> released = new ArrayList<>(waiting.size() + into.size());
    for (Waiting w : waiting) {
      if (nowNanos - w.sinceNanos() < maxWaitNanos) {
        released.add(w.data());
      }
    }
    int forgotten = waiting.size() - released.size();
    waiting.clear();
    released.addAll(into);
    into.clear();
    into.addAll(released);
    return forgotten;
  }
}
