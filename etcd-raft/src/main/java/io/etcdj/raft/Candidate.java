package io.etcdj.raft;

import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;

/**
 * The candidate and pre-candidate roles: count votes (Raft §5.2, thesis §9.6) and give up as
 * soon as a leader of the current term shows itself.
 *
 * <p>Not thread-safe: owned by its {@link Raft}.
 */
final class Candidate implements Role {
  private final Raft r;

  Candidate(Raft r) {
    this.r = r;
  }

  @Override
  public void tick() {
    r.tickElection();
  }

  @Override
  public void step(Message m) {
    // Only answers to our own kind of request count: a pre-candidate may still receive late
    // answers to an earlier real election and must ignore them (and the reverse).
    MessageType myVoteResp =
        r.state == StateType.PRE_CANDIDATE ? MessageType.MsgPreVoteResp : MessageType.MsgVoteResp;
    MessageType type = m.getType();
    switch (type) {
      case MsgProp:
        throw new ProposalDroppedException(
            String.format("%x no leader at term %d; dropping proposal", r.id, r.term));
      case MsgApp:
        // A leader of our term exists (Raft §5.2): follow it.
        r.becomeFollower(m.getTerm(), m.getFrom());
        r.follower.handleAppendEntries(m);
        return;
      case MsgHeartbeat:
        r.becomeFollower(m.getTerm(), m.getFrom());
        r.follower.handleHeartbeat(m);
        return;
      case MsgSnap:
        r.becomeFollower(m.getTerm(), m.getFrom());
        r.follower.handleSnapshot(m);
        return;
      case MsgTimeoutNow:
        r.logger.debug(String.format("%x [term %d state %s] ignored MsgTimeoutNow from %x",
            r.id, r.term, r.state, m.getFrom()));
        return;
      default:
        break;
    }
    if (type != myVoteResp) {
      return;
    }
    switch (r.poll(m.getFrom(), type, !m.getReject())) {
      case WON:
        if (r.state == StateType.PRE_CANDIDATE) {
          r.campaign(CampaignType.ELECTION);
        } else {
          r.becomeLeader();
          r.leader.bcastAppend();
        }
        break;
      case LOST:
        // The term of a rejection is at most ours here (a higher one already made us follow).
        r.becomeFollower(r.term, Raft.NONE);
        break;
      default:
        break;
    }
  }
}
