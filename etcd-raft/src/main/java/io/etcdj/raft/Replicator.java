package io.etcdj.raft;

import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.etcdj.raft.raftpb.Snapshot;
import io.etcdj.raft.tracker.Progress;
import io.etcdj.raft.tracker.ProgressState;
import java.util.List;
import java.util.Map;

/**
 * How a leader sends its log: appends batched up to MaxSizePerMsg and paced by each follower's
 * {@link Progress} (Raft §5.3, RFT-006), snapshots for followers behind the compacted prefix
 * (§7, RFT-013), and heartbeats carrying a safe commit index (RFT-007).
 *
 * <p>Not thread-safe: owned by its {@link Raft}.
 */
final class Replicator {
  private final Raft r;

  Replicator(Raft r) {
    this.r = r;
  }

  void bcastAppend() {
    for (long id : r.prs.progress().keySet()) {
      if (id != r.id) {
        sendAppend(id);
      }
    }
  }

  void bcastHeartbeat() {
    for (Map.Entry<Long, Progress> e : r.prs.progress().entrySet()) {
      long id = e.getKey();
      if (id == r.id) {
        continue;
      }
      // Never tell a follower to commit beyond what it is known to hold: its log may still
      // disagree with ours past its match index (RFT-007).
      long commit = Math.min(e.getValue().match(), r.raftLog.committed());
      r.send(Message.newBuilder().setTo(id).setType(MessageType.MsgHeartbeat).setCommit(commit));
    }
  }

  void sendAppend(long to) {
    maybeSendAppend(to, true);
  }

  /**
   * Sends the next batch of entries (up to maxSizePerMsg, RFT-006) or, if the follower needs
   * entries that were compacted, the snapshot (§7, RFT-013). With {@code sendIfEmpty} false
   * nothing is sent when there are no new entries. Returns whether a message was sent.
   */
  boolean maybeSendAppend(long to, boolean sendIfEmpty) {
    Progress pr = r.prs.get(to);
    if (pr == null || pr.isPaused()) {
      return false;
    }
    long prevIndex = pr.next() - 1;
    long prevTerm = r.raftLog.term(prevIndex);
    List<Entry> ents = null;
    if (prevTerm >= 0) {
      try {
        ents = r.raftLog.entries(pr.next(), r.maxMsgSize);
      } catch (StorageException e) {
        if (e.kind() != StorageException.Kind.COMPACTED) {
          throw e;
        }
      }
    }
    if (ents != null && ents.isEmpty() && !sendIfEmpty) {
      return false;
    }
    if (ents == null) {
      return sendSnapshot(to, pr);
    }
    Message.Builder m =
        Message.newBuilder().setTo(to).setType(MessageType.MsgApp).setIndex(prevIndex)
            .setLogTerm(prevTerm).addAllEntries(ents).setCommit(r.raftLog.committed());
    int n = ents.size();
    if (n != 0) {
      if (pr.state() == ProgressState.REPLICATE) {
        // Pipelining: assume delivery and move on; the window bounds what is in flight.
        long last = ents.get(n - 1).getIndex();
        pr.optimisticUpdate(last);
        pr.inflights().add(last);
      } else if (pr.state() == ProgressState.PROBE) {
        pr.markProbeSent();
      }
    }
    r.send(m);
    return true;
  }

  private boolean sendSnapshot(long to, Progress pr) {
    if (!pr.recentActive()) {
      // Do not ship a snapshot to a follower that may well be down.
      r.debugf("ignore sending snapshot to %x since it is not recently active",
          to);
      return false;
    }
    Snapshot snapshot;
    try {
      snapshot = r.raftLog.snapshot();
    } catch (StorageException e) {
      if (e.kind() == StorageException.Kind.SNAPSHOT_TEMPORARILY_UNAVAILABLE) {
        r.debugf("%x failed to send snapshot to %x because snapshot is"
            + " temporarily unavailable", r.id, to);
        return false;
      }
      throw e;
    }
    if (Snapshots.isEmpty(snapshot)) {
      throw new IllegalStateException("need non-empty snapshot");
    }
    long sIndex = Snapshots.index(snapshot);
    r.debugf("%x [firstindex: %d, commit: %d] sent snapshot[index: %d, term:"
        + " %d] to %x [%s]", r.id, r.raftLog.firstIndex(), r.raftLog.committed(), sIndex,
        Snapshots.term(snapshot), to, pr);
    pr.becomeSnapshot(sIndex);
    r.send(Message.newBuilder().setTo(to).setType(MessageType.MsgSnap).setSnapshot(snapshot));
    return true;
  }

}
