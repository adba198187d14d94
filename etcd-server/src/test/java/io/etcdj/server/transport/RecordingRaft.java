package io.etcdj.server.transport;

import io.etcdj.raft.SnapshotStatus;
import io.etcdj.raft.raftpb.Message;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake raft side that records what the transport hands it.
 *
 * <p>Thread-safety: thread-safe (concurrent collections).
 */
public final class RecordingRaft implements RaftHandler {
  public final List<Message> received = new CopyOnWriteArrayList<>();
  public final Set<Long> removed = ConcurrentHashMap.newKeySet();
  public final Map<Long, Integer> unreachable = new ConcurrentHashMap<>();
  public final List<String> snapshots = new CopyOnWriteArrayList<>();
  public final List<Long> removedBy = new CopyOnWriteArrayList<>();

  /** Every message handed over, also when {@link #keepMessages} is off. */
  public final AtomicInteger count = new AtomicInteger();

  /** Off for throughput runs, where copying {@link #received} on each add would dominate. */
  public volatile boolean keepMessages = true;

  @Override
  public void process(Message message) {
    if (keepMessages) {
      received.add(message);
    }
    count.incrementAndGet();
  }

  @Override
  public boolean isIdRemoved(long id) {
    return removed.contains(id);
  }

  @Override
  public void reportUnreachable(long id) {
    unreachable.merge(id, 1, Integer::sum);
  }

  @Override
  public void reportSnapshot(long id, SnapshotStatus status) {
    snapshots.add(Long.toHexString(id) + ":" + status);
  }

  @Override
  public void reportRemoved(long byPeer) {
    removedBy.add(byPeer);
  }

  public int unreachableCount(long id) {
    return unreachable.getOrDefault(id, 0);
  }
}
