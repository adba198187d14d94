package io.etcdj.raft;

import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.EntryType;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.etcdj.raft.tracker.Progress;
import io.etcdj.raft.tracker.ProgressState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The leader role: accepts proposals, replicates the log to each follower according to its
 * {@link Progress} (Raft §5.3, RFT-006), commits by counting replicas of current-term entries
 * (§5.4.2, RFT-007), heartbeats, checks its quorum (RFT-004) and transfers leadership on
 * request (thesis §3.10).
 *
 * <p>Not thread-safe: owned by its {@link Raft}.
 */
final class Leader implements Role {
  private final Raft r;

  Leader(Raft r) {
    this.r = r;
  }

  @Override
  public void tick() {
    r.heartbeatElapsed++;
    r.electionElapsed++;
    if (r.electionElapsed >= r.electionTimeout) {
      r.electionElapsed = 0;
      if (r.checkQuorum) {
        r.step(Message.newBuilder().setFrom(r.id).setType(MessageType.MsgCheckQuorum).build());
      }
      // A transfer that did not finish within an election timeout is given up.
      if (r.state == StateType.LEADER && r.leadTransferee != Raft.NONE) {
        r.abortLeaderTransfer();
      }
    }
    if (r.state != StateType.LEADER) {
      return;
    }
    if (r.heartbeatElapsed >= r.heartbeatTimeout) {
      r.heartbeatElapsed = 0;
      r.replicator.bcastHeartbeat();
    }
  }

  @Override
  public void step(Message m) {
    switch (m.getType()) {
      case MsgBeat:
        r.replicator.bcastHeartbeat();
        return;
      case MsgCheckQuorum:
        checkQuorum();
        return;
      case MsgProp:
        propose(m);
        return;
      default:
        break;
    }
    Progress pr = r.prs.get(m.getFrom());
    if (pr == null) {
      r.debugf("%x no progress available for %x", r.id, m.getFrom());
      return;
    }
    switch (m.getType()) {
      case MsgAppResp:
        handleAppendResponse(m, pr);
        break;
      case MsgHeartbeatResp:
        pr.setRecentActive(true);
        pr.clearProbeSent();
        // A follower stuck behind a full window may have lost appends: let one more through.
        if (pr.state() == ProgressState.REPLICATE && pr.inflights().full()) {
          pr.inflights().freeFirstOne();
        }
        if (pr.match() < r.raftLog.lastIndex()) {
          r.replicator.sendAppend(m.getFrom());
        }
        break;
      case MsgSnapStatus:
        if (pr.state() != ProgressState.SNAPSHOT) {
          return;
        }
        if (!m.getReject()) {
          pr.becomeProbe();
          r.debugf("%x snapshot succeeded, resumed sending to %x [%s]",
              r.id, m.getFrom(), pr);
        } else {
          pr.snapshotFailed();
          r.debugf("%x snapshot failed, resumed sending to %x [%s]",
              r.id, m.getFrom(), pr);
        }
        // Wait for the answer to the next append (success) or for a heartbeat (failure)
        // before sending more.
        pr.markProbeSent();
        break;
      case MsgUnreachable:
        // The transport could not deliver: optimistic streaming is pointless, probe instead.
        if (pr.state() == ProgressState.REPLICATE) {
          pr.becomeProbe();
        }
        r.debugf(
            "%x failed to send message to %x because it is unreachable [%s]",
            r.id, m.getFrom(), pr);
        break;
      case MsgTransferLeader:
        transferLeader(m.getFrom(), pr);
        break;
      default:
        break;
    }
  }

  private void checkQuorum() {
    if (!r.prs.quorumActive(r.id)) {
      r.logger.warn(String.format("%x stepped down to follower since quorum is not active", r.id));
      r.becomeFollower(r.term, Raft.NONE);
    }
    // Start a new observation period.
    for (Map.Entry<Long, Progress> e : r.prs.progress().entrySet()) {
      if (e.getKey() != r.id) {
        e.getValue().setRecentActive(false);
      }
    }
  }

  private void propose(Message m) {
    if (m.getEntriesCount() == 0) {
      throw new IllegalArgumentException(String.format("%x stepped empty MsgProp", r.id));
    }
    if (!r.prs.isVoter(r.id)) {
      // This leader was removed from the configuration; it must not append anything new.
      throw new ProposalDroppedException("leader " + Long.toHexString(r.id) + " was removed");
    }
    if (r.leadTransferee != Raft.NONE) {
      throw new ProposalDroppedException(
          String.format("%x [term %d] transfer leadership to %x is in progress; dropping proposal",
              r.id, r.term, r.leadTransferee));
    }
    List<Entry> entries = m.getEntriesList();
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).getType() == EntryType.EntryConfChange) {
        if (r.pendingConfIndex > r.raftLog.applied()) {
          // One membership change at a time (RFT-010): the second becomes an empty entry, so
          // the proposer still sees its entry committed (and applies a no-op).
          r.logger.info(String.format(
              "%x propose conf %s ignored since pending unapplied configuration [index %d,"
                  + " applied %d]", r.id, entries.get(i).getType(), r.pendingConfIndex,
              r.raftLog.applied()));
          if (entries == m.getEntriesList()) {
            entries = new ArrayList<>(entries);
          }
          entries.set(i, Entry.newBuilder().setType(EntryType.EntryNormal).build());
        } else {
          r.pendingConfIndex = r.raftLog.lastIndex() + i + 1;
        }
      }
    }
    appendEntry(entries);
    r.replicator.bcastAppend();
  }

  private void handleAppendResponse(Message m, Progress pr) {
    pr.setRecentActive(true);
    if (m.getReject()) {
      r.debugf("%x received MsgAppResp(MsgApp was rejected, lastindex: %d) from"
          + " %x for index %d", r.id, m.getRejectHint(), m.getFrom(), m.getIndex());
      long nextProbe = m.getRejectHint();
      if (m.getLogTerm() > 0) {
        // The follower told us the term of its entry at the hint: skip every entry of ours
        // above the last one with at most that term, they cannot match (fast backtracking).
        nextProbe = r.raftLog.findConflictByTerm(m.getRejectHint(), m.getLogTerm());
      }
      if (pr.maybeDecrTo(m.getIndex(), nextProbe)) {
        if (pr.state() == ProgressState.REPLICATE) {
          pr.becomeProbe();
        }
        r.replicator.sendAppend(m.getFrom());
      }
      return;
    }
    boolean oldPaused = pr.isPaused();
    if (!pr.maybeUpdate(m.getIndex())) {
      return;
    }
    if (pr.state() == ProgressState.PROBE) {
      pr.becomeReplicate();
    } else if (pr.state() == ProgressState.SNAPSHOT && pr.match() >= pr.pendingSnapshot()) {
      // The follower caught up through the snapshot: back to normal replication via probe,
      // which accounts for the snapshot index.
      pr.becomeProbe();
      pr.becomeReplicate();
    } else if (pr.state() == ProgressState.REPLICATE) {
      pr.inflights().freeLE(m.getIndex());
    }
    if (maybeCommit()) {
      r.replicator.bcastAppend();
    } else if (oldPaused) {
      // The follower was paused and is not any more: resume right away.
      r.replicator.sendAppend(m.getFrom());
    }
    // The window may have room for several size-limited appends now.
    while (r.replicator.maybeSendAppend(m.getFrom(), false)) {
      // keep sending
    }
    if (m.getFrom() == r.leadTransferee && pr.match() == r.raftLog.lastIndex()) {
      r.logger.info(String.format("%x sent MsgTimeoutNow to %x after received MsgAppResp",
          r.id, m.getFrom()));
      sendTimeoutNow(m.getFrom());
    }
  }

  private void transferLeader(long transferee, Progress pr) {
    long last = r.leadTransferee;
    if (last != Raft.NONE) {
      if (last == transferee) {
        r.logger.info(String.format("%x [term %d] transfer leadership to %x is in progress,"
            + " ignores request to same node %x", r.id, r.term, transferee, transferee));
        return;
      }
      r.abortLeaderTransfer();
      r.logger.info(String.format("%x [term %d] abort previous transferring leadership to %x",
          r.id, r.term, last));
    }
    if (transferee == r.id) {
      r.debugf("%x is already leader. Ignored transferring leadership to self",
          r.id);
      return;
    }
    r.logger.info(String.format("%x [term %d] starts to transfer leadership to %x",
        r.id, r.term, transferee));
    // The transfer must finish within one election timeout, counted from now.
    r.electionElapsed = 0;
    r.leadTransferee = transferee;
    if (pr.match() == r.raftLog.lastIndex()) {
      sendTimeoutNow(transferee);
      r.logger.info(String.format("%x sends MsgTimeoutNow to %x immediately as %x already has"
          + " up-to-date log", r.id, transferee, transferee));
    } else {
      r.replicator.sendAppend(transferee);
    }
  }

  private void sendTimeoutNow(long to) {
    r.send(Message.newBuilder().setTo(to).setType(MessageType.MsgTimeoutNow));
  }

  /** Appends entries of the current term to the leader's own log. */
  void appendEntry(List<Entry> entries) {
    long li = r.raftLog.lastIndex();
    List<Entry> stamped = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      Entry.Builder b =
          Entry.newBuilder().setTerm(r.term).setIndex(li + 1 + i).setType(e.getType());
      if (e.hasData()) {
        b.setData(e.getData());
      }
      stamped.add(b.build());
    }
    li = r.raftLog.append(stamped);
    Progress self = r.prs.get(r.id);
    if (self != null) {
      self.maybeUpdate(li);
    }
    // A single-voter cluster commits as soon as the leader has the entry.
    maybeCommit();
  }

  /** Advances the commit index to what a majority holds, if that is of the current term. */
  boolean maybeCommit() {
    return r.raftLog.maybeCommit(r.prs.committed(), r.term);
  }

  /** After a configuration change was applied while leading. */
  void onConfigurationChanged(long changedNode) {
    if (!r.prs.isVoter(r.id)) {
      // This leader removed itself: stop leading. The rest of the cluster elects a new leader
      // among the remaining voters once our heartbeats stop.
      r.logger.info(String.format("%x removed from the configuration, stepping down at term %d",
          r.id, r.term));
      r.becomeFollower(r.term, Raft.NONE);
      return;
    }
    if (r.leadTransferee == changedNode && !r.prs.isVoter(changedNode)) {
      r.abortLeaderTransfer();
    }
    if (r.prs.voters().size() == 0) {
      return;
    }
    // A smaller quorum may commit more now.
    if (maybeCommit()) {
      r.replicator.bcastAppend();
    } else {
      // Probe newly added members right away instead of waiting for a heartbeat.
      for (long id : r.prs.progress().keySet()) {
        if (id != r.id) {
          r.replicator.maybeSendAppend(id, false);
        }
      }
    }
  }
}
