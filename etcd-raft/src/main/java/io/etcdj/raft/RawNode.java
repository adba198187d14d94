package io.etcdj.raft;

import com.google.protobuf.ByteString;
import io.etcdj.raft.raftpb.ConfChange;
import io.etcdj.raft.raftpb.ConfChangeType;
import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.EntryType;
import io.etcdj.raft.raftpb.HardState;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.etcdj.raft.raftpb.Snapshot;
import io.etcdj.raft.tracker.Progress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A raft node as a pure state machine (STYLE rule 2): the application drives it with {@link
 * #tick()}, {@link #step(Message)} and proposals, and collects every effect from {@link
 * #ready()}, then calls {@link #advance(Ready)}. There are no threads, clocks or I/O inside.
 *
 * <p>Not thread-safe: a single thread (the server's raft loop) must own it.
 */
public final class RawNode {
  private final Raft raft;
  private SoftState prevSoftState;
  private long prevTerm;
  private long prevVote;
  private long prevCommit;

  /**
   * Creates a node over {@code config.storage()}: a restart if the storage holds persisted
   * state (hard state, log, snapshot), otherwise a node with an empty log that waits to be
   * brought up to date by a leader (a member joining an existing cluster).
   */
  public RawNode(RaftConfig config) {
    this.raft = new Raft(config);
    this.prevSoftState = raft.softState();
    HardState hs = raft.hardState();
    this.prevTerm = hs.getTerm();
    this.prevVote = hs.getVote();
    this.prevCommit = hs.getCommit();
  }

  /**
   * Creates the first node state of a brand-new cluster, as etcd's StartNode does (RFT-002):
   * one committed ConfChangeAddNode entry at term 1 per peer, carrying the peer's context. The
   * first {@link Ready} asks to persist and apply them; the application applies them like any
   * other conf change.
   *
   * @throws IllegalStateException if the storage is not empty
   */
  public static RawNode bootstrap(RaftConfig config, List<Peer> peers) {
    if (peers.isEmpty()) {
      throw new IllegalArgumentException("must provide at least one peer to bootstrap");
    }
    if (config.storage().lastIndex() != 0) {
      throw new IllegalStateException("can't bootstrap a nonempty Storage");
    }
    RawNode node = new RawNode(config);
    Raft r = node.raft;
    // Nothing is persisted yet: the first Ready must carry the hard state.
    node.prevTerm = 0;
    node.prevVote = 0;
    node.prevCommit = 0;
    r.becomeFollower(1, Raft.NONE);
    List<Entry> entries = new ArrayList<>(peers.size());
    for (int i = 0; i < peers.size(); i++) {
      Peer peer = peers.get(i);
      ConfChange.Builder cc =
          ConfChange.newBuilder().setID(0).setType(ConfChangeType.ConfChangeAddNode)
              .setNodeID(peer.id());
      byte[] context = peer.context();
      if (context != null) {
        cc.setContext(ByteString.copyFrom(context));
      }
      entries.add(Entry.newBuilder().setTerm(1).setIndex(i + 1)
          .setType(EntryType.EntryConfChange).setData(cc.build().toByteString()).build());
    }
    r.raftLog.append(entries);
    r.raftLog.commitTo(entries.size());
    for (Peer peer : peers) {
      r.applyConfChange(ConfChange.newBuilder().setType(ConfChangeType.ConfChangeAddNode)
          .setNodeID(peer.id()).build());
    }
    return node;
  }

  /** Advances the logical clock by one tick (RFT-001). */
  public void tick() {
    raft.tick();
  }

  /** Starts an election now (pre-vote first when configured). */
  public void campaign() {
    raft.step(Message.newBuilder().setType(MessageType.MsgHup).build());
  }

  /**
   * Proposes data to be appended to the log. On a follower the proposal is forwarded to the
   * leader (RFT-008); it may still be lost, so the application must time out its request.
   *
   * @throws ProposalDroppedException if there is no leader or this node cannot accept it
   */
  public void propose(byte[] data) {
    propose(ByteString.copyFrom(data));
  }

  /** Like {@link #propose(byte[])}, without copying the data. */
  public void propose(ByteString data) {
    raft.step(Message.newBuilder().setType(MessageType.MsgProp).setFrom(raft.id)
        .addEntries(Entry.newBuilder().setType(EntryType.EntryNormal).setData(data)).build());
  }

  /**
   * Proposes several entries at once: they travel in one proposal and, on the leader, go out in
   * one append per follower instead of one per entry. A server loop that drains its queue of
   * client requests between two Readies should use this.
   *
   * @throws ProposalDroppedException if there is no leader or this node cannot accept them
   */
  public void propose(List<ByteString> data) {
    if (data.isEmpty()) {
      return;
    }
    Message.Builder m = Message.newBuilder().setType(MessageType.MsgProp).setFrom(raft.id);
    for (int i = 0, n = data.size(); i < n; i++) {
      m.addEntries(Entry.newBuilder().setType(EntryType.EntryNormal).setData(data.get(i)));
    }
    raft.step(m.build());
  }

  /**
   * Proposes a membership change. It takes effect only when the application applies the
   * committed entry with {@link #applyConfChange}; while one change is pending a second one is
   * replaced by an empty entry (RFT-010).
   *
   * @throws ProposalDroppedException if there is no leader or this node cannot accept it
   */
  public void proposeConfChange(ConfChange cc) {
    raft.step(Message.newBuilder().setType(MessageType.MsgProp).setFrom(raft.id)
        .addEntries(Entry.newBuilder().setType(EntryType.EntryConfChange)
            .setData(cc.toByteString())).build());
  }

  /**
   * Applies a committed conf change and returns the new configuration. A change with node id 0
   * changes nothing; the server uses it to turn an invalid change into a no-op (RFT-010).
   */
  public ConfState applyConfChange(ConfChange cc) {
    if (cc.getNodeID() == Raft.NONE) {
      return raft.confState();
    }
    return raft.applyConfChange(cc);
  }

  /**
   * Hands a message received from a peer to raft. Local message types and answers from nodes
   * that are not members are ignored, as are forwarded proposals this node cannot accept.
   *
   * @return whether the message was stepped
   */
  public boolean step(Message m) {
    MessageType t = m.getType();
    if (isLocal(t)) {
      return false;
    }
    if (raft.prs.get(m.getFrom()) == null && isResponse(t)) {
      return false;
    }
    try {
      raft.step(m);
      return true;
    } catch (ProposalDroppedException e) {
      raft.logger.debug(e.getMessage());
      return false;
    }
  }

  private static boolean isLocal(MessageType t) {
    return t == MessageType.MsgHup || t == MessageType.MsgBeat || t == MessageType.MsgUnreachable
        || t == MessageType.MsgSnapStatus || t == MessageType.MsgCheckQuorum;
  }

  private static boolean isResponse(MessageType t) {
    return t == MessageType.MsgAppResp || t == MessageType.MsgVoteResp
        || t == MessageType.MsgHeartbeatResp || t == MessageType.MsgUnreachable
        || t == MessageType.MsgPreVoteResp;
  }

  /** Asks the leader to hand leadership to {@code transferee} (thesis §3.10, RFT-011). */
  public void transferLeadership(long transferee) {
    raft.step(Message.newBuilder().setType(MessageType.MsgTransferLeader).setFrom(transferee)
        .build());
  }

  /** The transport could not reach {@code id}: the leader stops streaming to it and probes. */
  public void reportUnreachable(long id) {
    raft.step(Message.newBuilder().setType(MessageType.MsgUnreachable).setFrom(id).build());
  }

  /** The outcome of sending a snapshot to {@code id} (RFT-013). */
  public void reportSnapshot(long id, SnapshotStatus status) {
    raft.step(Message.newBuilder().setType(MessageType.MsgSnapStatus).setFrom(id)
        .setReject(status == SnapshotStatus.FAILURE).build());
  }

  private boolean hardStateChanged() {
    return raft.term != prevTerm || raft.vote != prevVote
        || raft.raftLog.committed() != prevCommit;
  }

  /** Whether {@link #ready()} has anything to hand out. */
  public boolean hasReady() {
    return raft.lead != prevSoftState.lead()
        || raft.state != prevSoftState.raftState()
        || hardStateChanged()
        || raft.raftLog.unstable().snapshot() != null
        || !raft.raftLog.unstableEntries().isEmpty()
        || !raft.msgs.isEmpty()
        || raft.raftLog.hasNextEnts();
  }

  /**
   * Collects what the application must do now (see {@link Ready}). The messages are handed
   * over and will not be returned again; the rest is released by {@link #advance(Ready)}.
   */
  public Ready ready() {
    RaftLog log = raft.raftLog;
    SoftState soft = raft.softState();
    SoftState softChange = null;
    if (!soft.equals(prevSoftState)) {
      logLeaderChange(prevSoftState, soft);
      softChange = soft;
      prevSoftState = soft;
    }
    HardState hs = hardStateChanged() ? raft.hardState() : null;
    List<Entry> entries = List.copyOf(log.unstableEntries());
    List<Entry> committed = log.nextEnts();
    List<Message> messages = raft.msgs;
    raft.msgs = new ArrayList<>();
    boolean mustSync =
        !entries.isEmpty()
            || (hs != null && (hs.getTerm() != prevTerm || hs.getVote() != prevVote));
    Snapshot snapshot = log.unstable().snapshot();
    return new Ready(softChange, hs, entries, snapshot, committed, messages, mustSync);
  }

  private void logLeaderChange(SoftState before, SoftState after) {
    if (before.lead() == after.lead()) {
      return;
    }
    if (after.lead() == Raft.NONE) {
      raft.logger.info(String.format("raft.node: %x lost leader %x at term %d",
          raft.id, before.lead(), raft.term));
    } else if (before.lead() == Raft.NONE) {
      raft.logger.info(String.format("raft.node: %x elected leader %x at term %d",
          raft.id, after.lead(), raft.term));
    } else {
      raft.logger.info(String.format("raft.node: %x changed leader from %x to %x at term %d",
          raft.id, before.lead(), after.lead(), raft.term));
    }
  }

  /**
   * Tells raft that the application has persisted, sent and applied everything in {@code rd}.
   */
  public void advance(Ready rd) {
    if (rd.hardState() != null) {
      prevTerm = rd.hardState().getTerm();
      prevVote = rd.hardState().getVote();
      prevCommit = rd.hardState().getCommit();
    }
    long applied = rd.appliedCursor();
    if (applied > 0) {
      raft.raftLog.appliedTo(applied);
    }
    if (!rd.entries().isEmpty()) {
      Entry last = rd.entries().get(rd.entries().size() - 1);
      raft.raftLog.stableTo(last.getIndex(), last.getTerm());
    }
    if (rd.snapshot() != null) {
      raft.raftLog.stableSnapTo(Snapshots.index(rd.snapshot()));
    }
  }

  /** The node's current state, for debugging and statistics (RFT-019). */
  public Status status() {
    Map<Long, ProgressStatus> progress = new HashMap<>();
    if (raft.state == StateType.LEADER) {
      for (Map.Entry<Long, Progress> e : raft.prs.progress().entrySet()) {
        Progress p = e.getValue();
        progress.put(e.getKey(), new ProgressStatus(p.match(), p.next(), p.state()));
      }
    }
    return new Status(raft.id, raft.term, raft.vote, raft.raftLog.committed(),
        raft.raftLog.applied(), raft.softState(), progress, raft.leadTransferee);
  }

  /** The current leader and role. */
  public SoftState softState() {
    return raft.softState();
  }

  /** The state machine itself, for tests in this package. */
  Raft raft() {
    return raft;
  }

  /** This node's id. */
  public long id() {
    return raft.id;
  }
}
