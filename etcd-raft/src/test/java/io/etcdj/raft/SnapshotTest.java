package io.etcdj.raft;

import static io.etcdj.raft.RaftFixtures.electLeader;
import static io.etcdj.raft.RaftFixtures.newRaft;
import static io.etcdj.raft.RaftFixtures.readMessages;
import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.etcdj.raft.raftpb.Snapshot;
import io.etcdj.raft.tracker.ProgressState;
import org.junit.jupiter.api.Test;

/** Log compaction and snapshots, Raft §7, SPEC RFT-013. */
class SnapshotTest {
  private static final ConfState VOTERS_1_2 =
      ConfState.newBuilder().addVoters(1).addVoters(2).build();

  /** A leader whose log starts after a snapshot at index 11, term 11. */
  private static Raft leaderAfterCompaction() {
    MemoryStorage s = new MemoryStorage();
    s.applySnapshot(Snapshots.of(11, 11, VOTERS_1_2, new byte[] {42}));
    Raft r = newRaft(1, 10, 1, s, 1, 2);
    r.becomeFollower(11, Raft.NONE);
    electLeader(r);
    return r;
  }

  /** Raft §7, RFT-013: a follower that needs compacted entries is sent the snapshot. */
  @Test
  void followerBehindFirstIndexReceivesSnapshot() {
    Raft r = leaderAfterCompaction();
    r.prs.get(2).setRecentActive(true);
    // The follower's next entry (1) was compacted into the snapshot.
    r.prs.get(2).becomeProbe();
    assertThat(r.prs.get(2).next()).isEqualTo(1);
    r.replicator.sendAppend(2);
    Message m = readMessages(r).get(0);
    assertThat(m.getType()).isEqualTo(MessageType.MsgSnap);
    assertThat(Snapshots.index(m.getSnapshot())).isEqualTo(11);
    assertThat(r.prs.get(2).state()).isEqualTo(ProgressState.SNAPSHOT);
    assertThat(r.prs.get(2).pendingSnapshot()).isEqualTo(11);
    // Nothing more is sent while the snapshot is in flight.
    r.replicator.sendAppend(2);
    assertThat(readMessages(r)).isEmpty();
  }

  /** RFT-013: a successful snapshot report resumes probing right after the snapshot. */
  @Test
  void snapshotSuccessResumesProbingAfterIt() {
    Raft r = leaderAfterCompaction();
    r.prs.get(2).becomeSnapshot(11);
    r.step(Message.newBuilder().setType(MessageType.MsgSnapStatus).setFrom(2).setTo(1).build());
    assertThat(r.prs.get(2).state()).isEqualTo(ProgressState.PROBE);
    assertThat(r.prs.get(2).next()).isEqualTo(12);
    assertThat(r.prs.get(2).isPaused()).isTrue();
  }

  /** RFT-013: a failed snapshot forgets the pending index and probes from the match index. */
  @Test
  void snapshotFailureFallsBackToProbe() {
    Raft r = leaderAfterCompaction();
    r.prs.get(2).becomeSnapshot(11);
    r.step(Message.newBuilder().setType(MessageType.MsgSnapStatus).setFrom(2).setTo(1)
        .setReject(true).build());
    assertThat(r.prs.get(2).state()).isEqualTo(ProgressState.PROBE);
    assertThat(r.prs.get(2).pendingSnapshot()).isZero();
    assertThat(r.prs.get(2).next()).isEqualTo(1);
  }

  /** The transport reports an unreachable follower: the leader stops pipelining to it. */
  @Test
  void unreachableFollowerGoesBackToProbe() {
    Raft r = leaderAfterCompaction();
    r.prs.get(2).becomeReplicate();
    r.step(Message.newBuilder().setType(MessageType.MsgUnreachable).setFrom(2).setTo(1).build());
    assertThat(r.prs.get(2).state()).isEqualTo(ProgressState.PROBE);
  }

  /** Raft §7: a follower replaces its log with the leader's snapshot and acknowledges it. */
  @Test
  void followerRestoresSnapshot() {
    Raft r = newRaft(2, 10, 1, new MemoryStorage(), 1, 2);
    Snapshot snap = Snapshots.of(11, 11, VOTERS_1_2, null);
    r.step(Message.newBuilder().setType(MessageType.MsgSnap).setFrom(1).setTo(2).setTerm(11)
        .setSnapshot(snap).build());
    assertThat(r.raftLog.lastIndex()).isEqualTo(11);
    assertThat(r.raftLog.committed()).isEqualTo(11);
    assertThat(r.raftLog.term(11)).isEqualTo(11);
    Message resp = readMessages(r).get(0);
    assertThat(resp.getType()).isEqualTo(MessageType.MsgAppResp);
    assertThat(resp.getIndex()).isEqualTo(11);
  }

  /** Raft §7: an old snapshot (not past the commit index) is ignored. */
  @Test
  void followerIgnoresStaleSnapshot() {
    Raft r = newRaft(2, 10, 1, new MemoryStorage(), 1, 2);
    r.step(Message.newBuilder().setType(MessageType.MsgSnap).setFrom(1).setTo(2).setTerm(11)
        .setSnapshot(Snapshots.of(11, 11, VOTERS_1_2, null)).build());
    readMessages(r);
    r.step(Message.newBuilder().setType(MessageType.MsgSnap).setFrom(1).setTo(2).setTerm(11)
        .setSnapshot(Snapshots.of(5, 5, VOTERS_1_2, null)).build());
    assertThat(r.raftLog.committed()).isEqualTo(11);
    assertThat(readMessages(r).get(0).getIndex()).isEqualTo(11);
  }

  /**
   * Raft §7 end to end: the leader compacts its log, an isolated follower rejoins, receives the
   * snapshot and then the entries after it.
   */
  @Test
  void isolatedFollowerCatchesUpThroughSnapshot() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3);
    net.campaign(1);
    net.isolate(3);
    for (int i = 0; i < 10; i++) {
      net.propose(1, "e" + i);
    }
    MemoryStorage leaderStorage = net.storage(1);
    long applied = net.raft(1).raftLog.applied();
    leaderStorage.createSnapshot(applied, net.raft(1).confState(), new byte[] {1});
    leaderStorage.compact(applied);
    net.recover();
    net.tick(1, 1);
    // The snapshot reaches node 3 (the test network reports nothing, so report success).
    assertThat(net.storage(3).snapshot().getMetadata().getIndex()).isEqualTo(applied);
    net.node(1).reportSnapshot(3, SnapshotStatus.FINISH);
    net.propose(1, "after");
    assertThat(net.appliedData(3)).containsExactly("after");
    assertThat(net.storage(3).lastIndex()).isEqualTo(net.storage(1).lastIndex());
  }
}
