package io.etcdj.raft;

import io.etcdj.raft.raftpb.ConfChange;
import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.EntryType;
import io.etcdj.raft.raftpb.HardState;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.etcdj.raft.raftpb.Snapshot;
import io.etcdj.raft.tracker.Progress;
import io.etcdj.raft.tracker.ProgressTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The raft state machine of one node: term, vote, role, log and the leader's view of its
 * followers. It applies the rules common to every role in {@link #step} (Raft §5.1: terms; §5.2
 * and §5.4.1: votes) and leaves the rest to the current {@link Role}. Outgoing messages collect
 * in {@link #msgs} until {@link RawNode} hands them out in a {@link Ready}.
 *
 * <p>Not thread-safe: one thread drives it through {@link RawNode}.
 */
final class Raft {
  static final long NONE = 0;

  final long id;
  long term;
  long vote;
  final RaftLog raftLog;
  final long maxMsgSize;
  final ProgressTracker prs;
  StateType state;
  List<Message> msgs = new ArrayList<>();
  long lead = NONE;
  /** The follower leadership is being transferred to, or NONE (thesis §3.10). */
  long leadTransferee = NONE;
  /**
   * Index of the last conf change proposed; a new one is refused until this is applied, so that
   * only one change is in flight (RFT-010, thesis §4.1).
   */
  long pendingConfIndex;
  final boolean checkQuorum;
  final boolean preVote;
  int electionElapsed;
  int heartbeatElapsed;
  final int heartbeatTimeout;
  final int electionTimeout;
  int randomizedElectionTimeout;
  private final SplittableRandom random;
  final RaftLogger logger;

  final Leader leader = new Leader(this);
  final Replicator replicator = new Replicator(this);
  final Follower follower = new Follower(this);
  final Candidate candidate = new Candidate(this);
  private Role role;

  Raft(RaftConfig c) {
    this.id = c.id();
    this.raftLog =
        new RaftLog(c.storage(), Math.max(c.maxSizePerMsg(), RaftConfig.DEFAULT_MAX_SIZE_PER_MSG));
    this.maxMsgSize = c.maxSizePerMsg();
    this.prs = new ProgressTracker(c.maxInflightMsgs());
    this.checkQuorum = c.checkQuorum();
    this.preVote = c.preVote();
    this.heartbeatTimeout = c.heartbeatTick();
    this.electionTimeout = c.electionTick();
    this.random = new SplittableRandom(c.randomSeed());
    this.logger = c.logger();

    InitialState initial = c.storage().initialState();
    for (long voter : initial.confState().getVotersList()) {
      prs.addVoter(voter, 0, 1, false);
    }
    HardState hs = initial.hardState();
    if (hs.getTerm() != 0 || hs.getVote() != 0 || hs.getCommit() != 0) {
      loadState(hs);
    }
    if (c.applied() > 0) {
      raftLog.appliedTo(c.applied());
    }
    becomeFollower(term, NONE);
    logger.info(
        String.format(
            "newRaft %x [peers: %s, term: %d, commit: %d, applied: %d, lastindex: %d,"
                + " lastterm: %d]",
            id, prs.progress().keySet(), term, raftLog.committed(), raftLog.applied(),
            raftLog.lastIndex(), raftLog.lastTerm()));
  }

  private void loadState(HardState hs) {
    if (hs.getCommit() < raftLog.committed() || hs.getCommit() > raftLog.lastIndex()) {
      throw new IllegalStateException(
          String.format(
              "%x state.commit %d is out of range [%d, %d]",
              id, hs.getCommit(), raftLog.committed(), raftLog.lastIndex()));
    }
    raftLog.commitTo(hs.getCommit());
    term = hs.getTerm();
    vote = hs.getVote();
  }

  /**
   * Formats and logs a debug line only when debug logging is on, keeping String.format off the
   * paths that run often.
   */
  void debugf(String format, Object... args) {
    if (logger.isDebugEnabled()) {
      logger.debug(String.format(format, args));
    }
  }

  HardState hardState() {
    return HardState.newBuilder()
        .setTerm(term)
        .setVote(vote)
        .setCommit(raftLog.committed())
        .build();
  }

  SoftState softState() {
    return new SoftState(lead, state);
  }

  /** Whether this node may campaign: it must be a voter of the configuration it knows. */
  boolean promotable() {
    return prs.isVoter(id);
  }

  // ---- sending ----

  /**
   * Queues a message, stamping sender and term. Vote messages carry their own term (a
   * pre-vote asks for the next one); a forwarded proposal keeps term 0 so that the leader
   * treats it like a local one. Fields etcd always encodes are set so the encoding matches.
   */
  void send(Message.Builder m) {
    if (m.getFrom() == NONE) {
      m.setFrom(id);
    }
    MessageType t = m.getType();
    if (t == MessageType.MsgVote || t == MessageType.MsgVoteResp
        || t == MessageType.MsgPreVote || t == MessageType.MsgPreVoteResp) {
      if (m.getTerm() == 0) {
        // Every vote message is sent for a term: the current one, or the next for pre-votes.
        throw new IllegalStateException("term should be set when sending " + t);
      }
    } else {
      if (m.getTerm() != 0) {
        throw new IllegalStateException(
            String.format("term should not be set when sending %s (was %d)", t, m.getTerm()));
      }
      if (t != MessageType.MsgProp && t != MessageType.MsgReadIndex) {
        m.setTerm(term);
      }
    }
    if (!m.hasSnapshot()) {
      m.setSnapshot(Snapshots.EMPTY);
    }
    m.setTerm(m.getTerm()).setLogTerm(m.getLogTerm()).setIndex(m.getIndex())
        .setCommit(m.getCommit()).setReject(m.getReject()).setRejectHint(m.getRejectHint());
    msgs.add(m.build());
  }

  // ---- role transitions (Raft §5.1, figure 4) ----

  void becomeFollower(long newTerm, long newLead) {
    reset(newTerm);
    role = follower;
    lead = newLead;
    state = StateType.FOLLOWER;
    logger.info(String.format("%x became follower at term %d", id, term));
  }

  void becomeCandidate() {
    if (state == StateType.LEADER) {
      throw new IllegalStateException("invalid transition [leader -> candidate]");
    }
    reset(term + 1);
    role = candidate;
    vote = id;
    state = StateType.CANDIDATE;
    logger.info(String.format("%x became candidate at term %d", id, term));
  }

  void becomePreCandidate() {
    if (state == StateType.LEADER) {
      throw new IllegalStateException("invalid transition [leader -> pre-candidate]");
    }
    // A pre-candidate changes neither its term nor its vote (thesis §9.6).
    role = candidate;
    prs.resetVotes();
    lead = NONE;
    state = StateType.PRE_CANDIDATE;
    logger.info(String.format("%x became pre-candidate at term %d", id, term));
  }

  void becomeLeader() {
    if (state == StateType.FOLLOWER) {
      throw new IllegalStateException("invalid transition [follower -> leader]");
    }
    reset(term);
    role = leader;
    lead = id;
    state = StateType.LEADER;
    Progress self = prs.get(id);
    if (self != null) {
      // The leader trivially holds its own log.
      self.becomeReplicate();
    }
    // Entries after the last applied index may hold an unapplied conf change: be conservative
    // and refuse new changes until everything in the log now has been applied.
    pendingConfIndex = raftLog.lastIndex();
    // An empty entry of the new term lets the leader commit everything before it (Raft §5.4.2,
    // §8; RFT-002).
    leader.appendEntry(List.of(Entry.newBuilder().setType(EntryType.EntryNormal).build()));
    logger.info(String.format("%x became leader at term %d", id, term));
  }

  private void reset(long newTerm) {
    if (term != newTerm) {
      term = newTerm;
      vote = NONE;
    }
    lead = NONE;
    electionElapsed = 0;
    heartbeatElapsed = 0;
    resetRandomizedElectionTimeout();
    abortLeaderTransfer();
    prs.resetVotes();
    long last = raftLog.lastIndex();
    int maxInflight = prs.maxInflight();
    prs.progress()
        .replaceAll((pid, old) -> new Progress(pid == id ? last : 0, last + 1, maxInflight, false));
    pendingConfIndex = 0;
  }

  /** Draws the election timeout in [electionTimeout, 2 * electionTimeout) (RFT-001, §5.2). */
  private void resetRandomizedElectionTimeout() {
    randomizedElectionTimeout = electionTimeout + random.nextInt(electionTimeout);
  }

  void abortLeaderTransfer() {
    leadTransferee = NONE;
  }

  boolean pastElectionTimeout() {
    return electionElapsed >= randomizedElectionTimeout;
  }

  // ---- time ----

  void tick() {
    role.tick();
  }

  /** Followers and candidates: campaign when no leader was heard of for a whole timeout. */
  void tickElection() {
    electionElapsed++;
    if (promotable() && pastElectionTimeout()) {
      electionElapsed = 0;
      step(Message.newBuilder().setFrom(id).setType(MessageType.MsgHup).build());
    }
  }

  // ---- elections ----

  void hup(CampaignType t) {
    candidate.hup(t);
  }

  void campaign(CampaignType t) {
    candidate.campaign(t);
  }

  // ---- the entry point ----

  /**
   * Applies the term rules (Raft §5.1) and the vote rules (§5.2, §5.4.1), then hands the message
   * to the current role.
   *
   * @throws ProposalDroppedException if a proposal cannot be accepted
   */
  void step(Message m) {
    StepRules.step(this, m);
  }

  /** Hands a message that survived the term rules to the current role. */
  void stepRole(Message m) {
    role.step(m);
  }

  // ---- snapshots and membership ----

  /**
   * Replaces the log with a snapshot from the leader (Raft §7). Returns false when the snapshot
   * brings nothing new (it is not ahead of the commit index, or our log already matches it).
   */
  boolean restore(Snapshot s) {
    long sIndex = Snapshots.index(s);
    long sTerm = Snapshots.term(s);
    if (sIndex <= raftLog.committed()) {
      return false;
    }
    if (state != StateType.FOLLOWER) {
      // Only a follower receives snapshots from its leader; anything else means a second
      // leader in this term. Step down into a new term rather than accept it.
      logger.warn(
          String.format("%x attempted to restore snapshot as leader; should never happen", id));
      becomeFollower(term + 1, NONE);
      return false;
    }
    // A snapshot that predates this node's own addition is accepted too (etcd 3.4 does the
    // same): the node is then not promotable until it applies its own ConfChange from the log.
    // Refusing it would leave a new member stuck until the leader happens to snapshot again.
    if (raftLog.matchTerm(sIndex, sTerm)) {
      logger.info(
          String.format(
              "%x [commit: %d, lastindex: %d, lastterm: %d] fast-forwarded commit to snapshot"
                  + " [index: %d, term: %d]",
              id, raftLog.committed(), raftLog.lastIndex(), raftLog.lastTerm(), sIndex, sTerm));
      raftLog.commitTo(sIndex);
      return false;
    }
    raftLog.restore(s);
    prs.clear();
    long last = raftLog.lastIndex();
    for (long voter : s.getMetadata().getConfState().getVotersList()) {
      prs.addVoter(voter, voter == id ? last : 0, last + 1, false);
    }
    logger.info(
        String.format(
            "%x [commit: %d, lastindex: %d, lastterm: %d] restored snapshot [index: %d, term: %d]",
            id, raftLog.committed(), raftLog.lastIndex(), raftLog.lastTerm(), sIndex, sTerm));
    return true;
  }

  /**
   * Applies a committed membership change (Raft §6, one server at a time; RFT-010) and returns
   * the resulting configuration.
   */
  ConfState applyConfChange(ConfChange cc) {
    long nodeId = cc.getNodeID();
    switch (cc.getType()) {
      case ConfChangeAddNode:
        // A new member was recently added: count it as active so that check-quorum does not
        // depose the leader before the member has had a chance to answer. Next is the last
        // index so that the leader probes it with the last entry right away.
        prs.addVoter(nodeId, 0, Math.max(raftLog.lastIndex(), 1), true);
        break;
      case ConfChangeRemoveNode:
        prs.removeVoter(nodeId);
        break;
      case ConfChangeUpdateNode:
        break;
      default:
        throw new IllegalArgumentException("unsupported conf change type " + cc.getType());
    }
    // IDs in hex as everywhere else in raft's log (etcd 3.4: "voters=(1 2)"), in unsigned order.
    StringBuilder voters = new StringBuilder();
    prs.progress().keySet().stream()
        .sorted(Long::compareUnsigned)
        .forEach(v -> voters.append(voters.length() == 0 ? "" : " ").append(Long.toHexString(v)));
    logger.info(String.format("%x switched to configuration voters=(%s)", id, voters));
    if (state == StateType.LEADER) {
      leader.onConfigurationChanged(nodeId);
    }
    return confState();
  }

  ConfState confState() {
    ConfState.Builder b = ConfState.newBuilder().setAutoLeave(false);
    for (long voter : prs.progress().keySet()) {
      b.addVoters(voter);
    }
    return b.build();
  }
}
