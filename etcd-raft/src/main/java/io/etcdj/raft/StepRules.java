package io.etcdj.raft;

import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;

/**
 * The rules every node applies to every message before its role sees it: compare terms (Raft
 * §5.1), protect a live leader's lease (check-quorum, thesis §6.2 / §4.2.3), answer pre-votes
 * without changing term (thesis §9.6) and grant at most one vote per term to an up-to-date
 * candidate (§5.2, §5.4.1, RFT-003).
 *
 * <p>Stateless; operates on the {@link Raft} it is given, on that raft's thread.
 */
final class StepRules {
  private StepRules() {}

  static void step(Raft r, Message m) {
    MessageType type = m.getType();
    if (m.getTerm() == 0) {
      // Local message (tick, proposal, report from the transport): no term to check.
    } else if (m.getTerm() > r.term) {
      if (type == MessageType.MsgVote || type == MessageType.MsgPreVote) {
        boolean force = CampaignType.TRANSFER_CONTEXT.equals(m.getContext());
        boolean inLease =
            r.checkQuorum && r.lead != Raft.NONE && r.electionElapsed < r.electionTimeout;
        if (!force && inLease) {
          // We heard from a leader within the minimum election timeout: a vote request now
          // comes from a disruptive (e.g. just partitioned) node, so do not let it raise our
          // term or take our vote.
          r.logger.info(
              String.format(
                  "%x [logterm: %d, index: %d, vote: %x] ignored %s from %x [logterm: %d, index:"
                      + " %d] at term %d: lease is not expired (remaining ticks: %d)",
                  r.id, r.raftLog.lastTerm(), r.raftLog.lastIndex(), r.vote, type, m.getFrom(),
                  m.getLogTerm(), m.getIndex(), r.term, r.electionTimeout - r.electionElapsed));
          return;
        }
      }
      if (type == MessageType.MsgPreVote) {
        // Never change our term in response to a pre-vote.
      } else if (type == MessageType.MsgPreVoteResp && !m.getReject()) {
        // A granted pre-vote carries the term we asked for; we move to it only if we win.
      } else {
        r.logger.info(
            String.format(
                "%x [term: %d] received a %s message with higher term from %x [term: %d]",
                r.id, r.term, type, m.getFrom(), m.getTerm()));
        if (type == MessageType.MsgApp || type == MessageType.MsgHeartbeat
            || type == MessageType.MsgSnap) {
          r.becomeFollower(m.getTerm(), m.getFrom());
        } else {
          r.becomeFollower(m.getTerm(), Raft.NONE);
        }
      }
    } else if (m.getTerm() < r.term) {
      stepStale(r, m);
      return;
    }

    switch (type) {
      case MsgHup:
        r.hup(r.preVote ? CampaignType.PRE_ELECTION : CampaignType.ELECTION);
        break;
      case MsgVote:
      case MsgPreVote:
        handleVote(r, m);
        break;
      default:
        r.stepRole(m);
    }
  }

  /** A message from an older term. */
  private static void stepStale(Raft r, Message m) {
    MessageType type = m.getType();
    if ((r.checkQuorum || r.preVote)
        && (type == MessageType.MsgHeartbeat || type == MessageType.MsgApp)) {
      // A stale leader (for example one that was partitioned away) keeps talking to us. With
      // check-quorum or pre-vote it may never see a higher term otherwise, because we ignore
      // its followers' vote requests; answering tells it our term so it steps down.
      r.send(Message.newBuilder().setTo(m.getFrom()).setType(MessageType.MsgAppResp));
    } else if (type == MessageType.MsgPreVote || type == MessageType.MsgVote) {
      // Reject with our term so that a candidate at a lower term learns it is behind (Raft
      // §5.1: a stale request is answered with the current term). etcd stays silent on a stale
      // MsgVote, which the simulation showed can stall a cluster for good: a member that has
      // not applied the addition of a candidate never sends it a higher term, so the candidate
      // keeps asking at terms the member ignores.
      r.logger.info(
          String.format(
              "%x [logterm: %d, index: %d, vote: %x] rejected %s from %x [logterm: %d, index: %d]"
                  + " at term %d",
              r.id, r.raftLog.lastTerm(), r.raftLog.lastIndex(), r.vote, type, m.getFrom(),
              m.getLogTerm(), m.getIndex(), r.term));
      MessageType respType =
          type == MessageType.MsgVote ? MessageType.MsgVoteResp : MessageType.MsgPreVoteResp;
      r.send(
          Message.newBuilder().setTo(m.getFrom()).setTerm(r.term).setType(respType)
              .setReject(true));
    } else if (r.logger.isDebugEnabled()) {
      r.logger.debug(
          String.format(
              "%x [term: %d] ignored a %s message with lower term from %x [term: %d]",
              r.id, r.term, type, m.getFrom(), m.getTerm()));
    }
  }

  private static void handleVote(Raft r, Message m) {
    MessageType type = m.getType();
    MessageType respType =
        type == MessageType.MsgVote ? MessageType.MsgVoteResp : MessageType.MsgPreVoteResp;
    // We can vote if this is a repeat of a vote we already cast, if we have not voted and know
    // no leader in this term, or if this is a pre-vote for a future term.
    boolean canVote =
        r.vote == m.getFrom()
            || (r.vote == Raft.NONE && r.lead == Raft.NONE)
            || (type == MessageType.MsgPreVote && m.getTerm() > r.term);
    if (canVote && r.raftLog.isUpToDate(m.getIndex(), m.getLogTerm())) {
      r.logger.info(
          String.format(
              "%x [logterm: %d, index: %d, vote: %x] cast %s for %x [logterm: %d, index: %d] at"
                  + " term %d",
              r.id, r.raftLog.lastTerm(), r.raftLog.lastIndex(), r.vote, type, m.getFrom(),
              m.getLogTerm(), m.getIndex(), r.term));
      // Answer in the candidate's term: for a pre-vote it is not our term yet, and the
      // pre-candidate must recognise the answer as belonging to its round.
      r.send(Message.newBuilder().setTo(m.getFrom()).setTerm(m.getTerm()).setType(respType));
      if (type == MessageType.MsgVote) {
        // Only a real vote is recorded; it reaches disk in the same Ready as the answer and
        // before it is sent (RFT-003).
        r.electionElapsed = 0;
        r.vote = m.getFrom();
      }
    } else {
      r.logger.info(
          String.format(
              "%x [logterm: %d, index: %d, vote: %x] rejected %s from %x [logterm: %d, index: %d]"
                  + " at term %d",
              r.id, r.raftLog.lastTerm(), r.raftLog.lastIndex(), r.vote, type, m.getFrom(),
              m.getLogTerm(), m.getIndex(), r.term));
      r.send(
          Message.newBuilder().setTo(m.getFrom()).setTerm(r.term).setType(respType)
              .setReject(true));
    }
  }
}
