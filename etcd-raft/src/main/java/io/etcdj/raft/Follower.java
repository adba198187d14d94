package io.etcdj.raft;

import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;

/**
 * The follower role: takes entries, heartbeats and snapshots from the leader (Raft §5.3, §7),
 * forwards proposals and transfer requests to it (RFT-008), and campaigns when the leader goes
 * quiet (§5.2) or orders it to (MsgTimeoutNow, thesis §3.10). The append handlers are shared
 * with {@link Candidate}, which turns follower when it hears from a leader.
 *
 * <p>Not thread-safe: owned by its {@link Raft}.
 */
final class Follower implements Role {
  private final Raft r;

  Follower(Raft r) {
    this.r = r;
  }

  @Override
  public void tick() {
    r.tickElection();
  }

  @Override
  public void step(Message m) {
    switch (m.getType()) {
      case MsgProp:
        if (r.lead == Raft.NONE) {
          throw new ProposalDroppedException(
              String.format("%x no leader at term %d; dropping proposal", r.id, r.term));
        }
        r.send(m.toBuilder().setTo(r.lead));
        break;
      case MsgApp:
        r.electionElapsed = 0;
        r.lead = m.getFrom();
        handleAppendEntries(m);
        break;
      case MsgHeartbeat:
        r.electionElapsed = 0;
        r.lead = m.getFrom();
        handleHeartbeat(m);
        break;
      case MsgSnap:
        r.electionElapsed = 0;
        r.lead = m.getFrom();
        handleSnapshot(m);
        break;
      case MsgTransferLeader:
        if (r.lead == Raft.NONE) {
          r.logger.info(String.format("%x no leader at term %d; dropping leader transfer msg",
              r.id, r.term));
          return;
        }
        r.send(m.toBuilder().setTo(r.lead));
        break;
      case MsgTimeoutNow:
        // The leader wants us to take over now: campaign without waiting for the timeout and
        // without pre-vote, marking the request so that the leader lease does not block it.
        r.logger.info(String.format("%x [term %d] received MsgTimeoutNow from %x and starts an"
            + " election to get leadership.", r.id, r.term, m.getFrom()));
        r.hup(CampaignType.TRANSFER);
        break;
      default:
        break;
    }
  }

  void handleAppendEntries(Message m) {
    long committed = r.raftLog.committed();
    if (m.getIndex() < committed) {
      // Everything up to our commit index matches the leader already.
      r.send(Message.newBuilder().setTo(m.getFrom()).setType(MessageType.MsgAppResp)
          .setIndex(committed));
      return;
    }
    long lastNew =
        r.raftLog.maybeAppend(m.getIndex(), m.getLogTerm(), m.getCommit(), m.getEntriesList());
    if (lastNew >= 0) {
      r.send(Message.newBuilder().setTo(m.getFrom()).setType(MessageType.MsgAppResp)
          .setIndex(lastNew));
      return;
    }
    // Our log does not match at m.index. Point the leader at the last entry that could match:
    // at most our last index, and not of a term above the leader's term at m.index.
    long hintIndex = Math.min(m.getIndex(), r.raftLog.lastIndex());
    hintIndex = r.raftLog.findConflictByTerm(hintIndex, m.getLogTerm());
    long hintTerm = Math.max(r.raftLog.term(hintIndex), 0);
    r.debugf("%x [logterm: %d, index: %d] rejected MsgApp [logterm: %d,"
        + " index: %d] from %x", r.id, hintTerm, m.getIndex(), m.getLogTerm(), m.getIndex(),
        m.getFrom());
    r.send(Message.newBuilder().setTo(m.getFrom()).setType(MessageType.MsgAppResp)
        .setIndex(m.getIndex()).setReject(true).setRejectHint(hintIndex).setLogTerm(hintTerm));
  }

  void handleHeartbeat(Message m) {
    r.raftLog.commitTo(m.getCommit());
    Message.Builder resp =
        Message.newBuilder().setTo(m.getFrom()).setType(MessageType.MsgHeartbeatResp);
    if (m.hasContext()) {
      // Echo the context only when there is one: etcd omits an absent context on the wire.
      resp.setContext(m.getContext());
    }
    r.send(resp);
  }

  void handleSnapshot(Message m) {
    long sIndex = Snapshots.index(m.getSnapshot());
    long sTerm = Snapshots.term(m.getSnapshot());
    if (r.restore(m.getSnapshot())) {
      r.logger.info(String.format("%x [commit: %d] restored snapshot [index: %d, term: %d]",
          r.id, r.raftLog.committed(), sIndex, sTerm));
      r.send(Message.newBuilder().setTo(m.getFrom()).setType(MessageType.MsgAppResp)
          .setIndex(r.raftLog.lastIndex()));
    } else {
      r.logger.info(String.format("%x [commit: %d] ignored snapshot [index: %d, term: %d]",
          r.id, r.raftLog.committed(), sIndex, sTerm));
      r.send(Message.newBuilder().setTo(m.getFrom()).setType(MessageType.MsgAppResp)
          .setIndex(r.raftLog.committed()));
    }
  }
}
