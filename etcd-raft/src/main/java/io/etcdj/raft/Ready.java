package io.etcdj.raft;

import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.HardState;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.Snapshot;
import java.util.List;

/**
 * Everything raft wants done, handed out by {@link RawNode#ready()}. The application must, in
 * this order (etcd raft/README "usage", thesis §10.2.1):
 *
 * <ol>
 *   <li>persist {@link #hardState()}, {@link #entries()} and {@link #snapshot()} (fsync when
 *       {@link #mustSync()});
 *   <li>send {@link #messages()} (a leader may send in parallel with its own persist step, but a
 *       follower's acknowledgements and votes only after it, RFT-016);
 *   <li>apply the snapshot, then {@link #committedEntries()} in order, calling {@link
 *       RawNode#applyConfChange} for conf-change entries;
 *   <li>call {@link RawNode#advance(Ready)}.
 * </ol>
 *
 * @param softState the new leader and role, or null if unchanged
 * @param hardState the term, vote and commit index to persist, or null if unchanged
 * @param entries entries to append to stable storage, possibly replacing a conflicting tail
 * @param snapshot a snapshot to persist and apply, or null
 * @param committedEntries entries to apply to the state machine, already persisted
 * @param messages messages to send once the above is persisted
 * @param mustSync whether the persist step must fsync: votes, terms and entries must survive a
 *     crash, while a commit index alone can be relearned
 */
public record Ready(
    SoftState softState,
    HardState hardState,
    List<Entry> entries,
    Snapshot snapshot,
    List<Entry> committedEntries,
    List<Message> messages,
    boolean mustSync) {

  /** The index of the last entry applied once this Ready is processed, or 0. */
  long appliedCursor() {
    if (!committedEntries.isEmpty()) {
      return committedEntries.get(committedEntries.size() - 1).getIndex();
    }
    if (snapshot != null) {
      return Snapshots.index(snapshot);
    }
    return 0;
  }

  /** Whether there is anything to do at all. */
  public boolean containsUpdates() {
    return softState != null || hardState != null || snapshot != null || !entries.isEmpty()
        || !committedEntries.isEmpty() || !messages.isEmpty();
  }
}
