package io.etcdj.raft;

import io.etcdj.raft.quorum.VoteResult;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.EntryType;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;

/**
 * The candidate and pre-candidate roles: start campaigns, count votes (Raft §5.2, thesis §9.6)
 * and give up as soon as a leader of the current term shows itself.
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
        r.debugf("%x [term %d state %s] ignored MsgTimeoutNow from %x",
            r.id, r.term, r.state, m.getFrom());
        return;
      default:
        break;
    }
    if (type != myVoteResp) {
      return;
    }
    switch (poll(m.getFrom(), type, !m.getReject())) {
      case WON:
        if (r.state == StateType.PRE_CANDIDATE) {
          r.campaign(CampaignType.ELECTION);
        } else {
          r.becomeLeader();
          r.replicator.bcastAppend();
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

  void hup(CampaignType t) {
    if (r.state == StateType.LEADER) {
      r.debugf("%x ignoring MsgHup because already leader", r.id);
      return;
    }
    if (!r.promotable()) {
      r.logger.warn(String.format("%x is unpromotable and can not campaign", r.id));
      return;
    }
    int pending = pendingConfChanges();
    if (pending > 0) {
      // Campaigning now could elect a leader under a configuration this node is about to leave.
      r.logger.warn(
          String.format(
              "%x cannot campaign at term %d since there are still %d pending configuration"
                  + " changes to apply",
              r.id, r.term, pending));
      return;
    }
    r.logger.info(String.format("%x is starting a new election at term %d", r.id, r.term));
    campaign(t);
  }

  private int pendingConfChanges() {
    long lo = Math.max(r.raftLog.applied() + 1, r.raftLog.firstIndex());
    long hi = r.raftLog.committed() + 1;
    if (lo >= hi) {
      return 0;
    }
    int n = 0;
    for (Entry e : r.raftLog.slice(lo, hi, EntryLimits.NO_LIMIT)) {
      if (e.getType() == EntryType.EntryConfChange) {
        n++;
      }
    }
    return n;
  }

  void campaign(CampaignType t) {
    long voteTerm;
    MessageType voteMsg;
    if (t == CampaignType.PRE_ELECTION) {
      r.becomePreCandidate();
      voteMsg = MessageType.MsgPreVote;
      // Ask for the term we would campaign in, without moving to it yet.
      voteTerm = r.term + 1;
    } else {
      r.becomeCandidate();
      voteMsg = MessageType.MsgVote;
      voteTerm = r.term;
    }
    if (poll(r.id, voteMsg, true) == VoteResult.WON) {
      // A single-voter configuration wins at once.
      if (t == CampaignType.PRE_ELECTION) {
        campaign(CampaignType.ELECTION);
      } else {
        r.becomeLeader();
      }
      return;
    }
    long lastIndex = r.raftLog.lastIndex();
    long lastTerm = r.raftLog.lastTerm();
    for (long voter : r.prs.voters().ids()) {
      if (voter == r.id) {
        continue;
      }
      r.logger.info(
          String.format(
              "%x [logterm: %d, index: %d] sent %s request to %x at term %d",
              r.id, lastTerm, lastIndex, voteMsg, voter, r.term));
      Message.Builder m =
          Message.newBuilder().setTerm(voteTerm).setTo(voter).setType(voteMsg)
              .setIndex(lastIndex).setLogTerm(lastTerm);
      if (t == CampaignType.TRANSFER) {
        m.setContext(CampaignType.TRANSFER_CONTEXT);
      }
      r.send(m);
    }
  }

  VoteResult poll(long from, MessageType t, boolean granted) {
    if (granted) {
      r.logger.info(String.format("%x received %s from %x at term %d", r.id, t, from, r.term));
    } else {
      r.logger.info(
          String.format("%x received %s rejection from %x at term %d", r.id, t, from, r.term));
    }
    r.prs.recordVote(from, granted);
    return r.prs.tallyVotes();
  }
}
