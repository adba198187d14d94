package io.etcdj.raft;

import static io.etcdj.raft.RaftFixtures.electLeader;
import static io.etcdj.raft.RaftFixtures.entry;
import static io.etcdj.raft.RaftFixtures.newRaft;
import static io.etcdj.raft.RaftFixtures.propose;
import static io.etcdj.raft.RaftFixtures.readMessages;
import static io.etcdj.raft.RaftFixtures.storageWithTerms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.etcdj.raft.tracker.ProgressState;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Log replication, Raft §5.3, SPEC RFT-006/007/008. */
class ReplicationTest {

  private static Message appResp(long from, long term, long index) {
    return Message.newBuilder().setType(MessageType.MsgAppResp).setFrom(from).setTo(1)
        .setTerm(term).setIndex(index).build();
  }

  /** Raft §5.3: the leader appends a proposal to its log and sends it to every follower. */
  @Test
  void leaderAppendsProposalAndReplicatesIt() {
    Raft r = newRaft(1, 10, 1, new MemoryStorage(), 1, 2, 3);
    electLeader(r);
    // Followers acknowledge the empty entry of the new term.
    r.step(appResp(2, 1, 1));
    r.step(appResp(3, 1, 1));
    readMessages(r);
    r.step(propose(1, "some data"));
    assertThat(r.raftLog.lastIndex()).isEqualTo(2);
    List<Message> msgs = readMessages(r);
    assertThat(msgs).extracting(Message::getType).containsOnly(MessageType.MsgApp);
    assertThat(msgs).extracting(Message::getTo).containsExactly(2L, 3L);
    for (Message m : msgs) {
      assertThat(m.getIndex()).isEqualTo(1);
      assertThat(m.getLogTerm()).isEqualTo(1);
      assertThat(m.getEntriesList()).extracting(Entry::getIndex).containsExactly(2L);
      assertThat(m.getEntries(0).getData().toStringUtf8()).isEqualTo("some data");
    }
  }

  /**
   * Raft §5.3, RFT-007: an entry is committed once a majority holds it, and the commit index
   * reaches followers in the next append.
   */
  @Test
  void leaderCommitsOnceMajorityAcknowledges() {
    Raft r = newRaft(1, 10, 1, new MemoryStorage(), 1, 2, 3, 4, 5);
    electLeader(r);
    assertThat(r.raftLog.committed()).isZero();
    r.step(appResp(2, 1, 1));
    assertThat(r.raftLog.committed()).isZero();
    r.step(appResp(3, 1, 1));
    assertThat(r.raftLog.committed()).isEqualTo(1);
    List<Message> msgs = readMessages(r);
    assertThat(msgs).filteredOn(m -> m.getType() == MessageType.MsgApp)
        .allMatch(m -> m.getCommit() == 1);
  }

  record AppendRow(long index, long logTerm, List<Entry> entries, long wantLast, boolean reject) {}

  static Stream<AppendRow> appendRows() {
    // The follower's log has terms [1, 2].
    return Stream.of(
        new AppendRow(2, 3, List.of(), 2, true), // previous term mismatch
        new AppendRow(3, 3, List.of(), 2, true), // previous entry missing
        new AppendRow(2, 2, List.of(entry(3, 2)), 3, false),
        new AppendRow(1, 1, List.of(entry(2, 3)), 2, false), // conflict: tail replaced
        new AppendRow(0, 0, List.of(entry(1, 1), entry(2, 2), entry(3, 3)), 3, false));
  }

  /**
   * Raft §5.3: a follower accepts entries only when its log holds the previous entry with the
   * same term, and replaces a conflicting tail with the leader's entries.
   */
  @ParameterizedTest
  @MethodSource("appendRows")
  void followerChecksPreviousEntryBeforeAppending(AppendRow row) {
    Raft r = newRaft(1, 10, 1, storageWithTerms(1, 2), 1, 2);
    r.becomeFollower(2, 2);
    r.step(Message.newBuilder().setType(MessageType.MsgApp).setFrom(2).setTo(1).setTerm(2)
        .setIndex(row.index()).setLogTerm(row.logTerm()).addAllEntries(row.entries()).build());
    List<Message> msgs = readMessages(r);
    assertThat(msgs).hasSize(1);
    assertThat(msgs.get(0).getReject()).isEqualTo(row.reject());
    assertThat(r.raftLog.lastIndex()).isEqualTo(row.wantLast());
  }

  /**
   * Raft §5.3 (figure 7): whatever a follower's log looks like, the leader brings it in line
   * with its own, overwriting conflicting entries.
   */
  @ParameterizedTest
  @MethodSource("figure7Logs")
  void leaderSyncsFollowerLog(long[] followerTerms) {
    long[] leaderTerms = {1, 1, 1, 4, 4, 5, 5, 6, 6, 6};
    SimulatedNetwork net = new SimulatedNetwork();
    long term = 8;
    for (long id = 1; id <= 3; id++) {
      MemoryStorage s = id == 2 ? storageWithTerms(followerTerms) : storageWithTerms(leaderTerms);
      s.setHardState(io.etcdj.raft.raftpb.HardState.newBuilder().setTerm(term - 1).build());
      // Members 1 and 3 hold the leader's log, so 1 can win with 3's vote.
      net.add(id, new RawNode(RaftConfig.defaults(id, s)), s);
      for (long p = 1; p <= 3; p++) {
        net.raft(id).prs.addVoter(p, 0, 1, false);
      }
    }
    net.campaign(1);
    net.propose(1, "x");
    assertThat(net.raft(1).state).isEqualTo(StateType.LEADER);
    assertThat(net.storage(2).lastIndex()).isEqualTo(net.storage(1).lastIndex());
    for (long i = 1; i <= net.storage(1).lastIndex(); i++) {
      assertThat(net.storage(2).term(i)).as("term at %d", i).isEqualTo(net.storage(1).term(i));
    }
  }

  static Stream<long[]> figure7Logs() {
    return Stream.of(
        new long[] {1, 1, 1, 4, 4, 5, 5, 6, 6},
        new long[] {1, 1, 1, 4},
        new long[] {1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6},
        new long[] {1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7},
        new long[] {1, 1, 1, 4, 4, 4, 4},
        new long[] {1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3});
  }

  /**
   * Raft §5.3 (the optimisation at the end of the section), RFT-006: a rejection carries a hint
   * so the leader skips a whole conflicting term per round trip instead of one entry.
   */
  @Test
  void rejectHintSkipsConflictingTermInOneRoundTrip() {
    // Leader log: terms [1, 2, 2, 2, 2, 2]; follower log: [1, 3, 3, 3, 3, 3, 3, 3].
    Raft leader = newRaft(1, 10, 1, storageWithTerms(1, 2, 2, 2, 2, 2), 1, 2);
    leader.becomeFollower(3, Raft.NONE);
    electLeader(leader);
    Raft follower = newRaft(2, 10, 1, storageWithTerms(1, 3, 3, 3, 3, 3, 3, 3), 1, 2);
    follower.becomeFollower(4, 1);
    int rounds = 0;
    List<Message> toFollower = List.of();
    leader.replicator.sendAppend(2);
    toFollower = readMessages(leader);
    while (!toFollower.isEmpty() && rounds < 20) {
      rounds++;
      for (Message m : toFollower) {
        follower.step(m);
      }
      for (Message m : readMessages(follower)) {
        leader.step(m);
      }
      toFollower = readMessages(leader);
      if (leader.prs.get(2).match() == leader.raftLog.lastIndex()) {
        break;
      }
    }
    assertThat(leader.prs.get(2).match()).isEqualTo(leader.raftLog.lastIndex());
    // One probe at the end, one back to index 1 thanks to the hint, one to fill in.
    assertThat(rounds).isLessThanOrEqualTo(3);
  }

  /** RFT-006: one append carries at most maxSizePerMsg bytes of entries (at least one). */
  @Test
  void appendsAreBatchedUpToMaxSizePerMessage() {
    MemoryStorage s = new MemoryStorage();
    Raft r = newRaft(RaftFixtures.config(1, 10, 1, s).withFlowControl(300, 256), 1, 2);
    electLeader(r);
    r.step(appResp(2, 1, 1));
    readMessages(r);
    r.prs.get(2).becomeProbe();
    r.prs.get(2).becomeReplicate();
    String data = "x".repeat(90);
    for (int i = 0; i < 10; i++) {
      r.step(propose(1, data));
    }
    readMessages(r);
    // Rewind the follower to force a resend of all ten entries at once.
    r.prs.get(2).becomeProbe();
    r.replicator.sendAppend(2);
    Message m = readMessages(r).get(0);
    long size = 0;
    for (Entry e : m.getEntriesList()) {
      size += e.getSerializedSize();
    }
    assertThat(m.getEntriesCount()).isBetween(2, 3);
    assertThat(size).isLessThanOrEqualTo(300);
  }

  /** RFT-006: entries proposed together leave in one append per follower. */
  @Test
  void entriesProposedTogetherShareOneAppend() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3);
    net.campaign(1);
    int before = net.delivered().size();
    net.node(1).propose(List.of(com.google.protobuf.ByteString.copyFromUtf8("a"),
        com.google.protobuf.ByteString.copyFromUtf8("b"),
        com.google.protobuf.ByteString.copyFromUtf8("c")));
    net.flush();
    List<Message> appends = net.delivered().subList(before, net.delivered().size()).stream()
        .filter(m -> m.getType() == MessageType.MsgApp && m.getEntriesCount() > 0).toList();
    assertThat(appends).hasSize(2).allMatch(m -> m.getEntriesCount() == 3);
    assertThat(net.appliedData(3)).containsExactly("a", "b", "c");
  }

  /** RFT-006: a replicating follower has at most maxInflightMsgs unacknowledged appends. */
  @Test
  void inflightAppendsAreBounded() {
    MemoryStorage s = new MemoryStorage();
    Raft r = newRaft(RaftFixtures.config(1, 10, 1, s).withFlowControl(0, 3), 1, 2);
    electLeader(r);
    r.step(appResp(2, 1, 1));
    assertThat(r.prs.get(2).state()).isEqualTo(ProgressState.REPLICATE);
    readMessages(r);
    for (int i = 0; i < 10; i++) {
      r.step(propose(1, "d" + i));
    }
    assertThat(readMessages(r)).filteredOn(m -> m.getType() == MessageType.MsgApp).hasSize(3);
    // An acknowledgement frees the window and lets the rest through, three at a time.
    r.step(appResp(2, 1, 3));
    assertThat(readMessages(r)).filteredOn(m -> m.getType() == MessageType.MsgApp).hasSize(2);
  }

  /** RFT-007: a heartbeat carries min(follower match, leader commit). */
  @Test
  void heartbeatCommitNeverExceedsFollowerMatch() {
    Raft r = newRaft(1, 10, 1, new MemoryStorage(), 1, 2, 3);
    electLeader(r);
    r.step(appResp(2, 1, 1));
    for (int i = 0; i < 3; i++) {
      r.step(propose(1, "d"));
    }
    r.step(appResp(2, 1, 4));
    readMessages(r);
    assertThat(r.raftLog.committed()).isEqualTo(4);
    r.replicator.bcastHeartbeat();
    List<Message> msgs = readMessages(r);
    assertThat(msgs).extracting(Message::getTo, Message::getCommit)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2L, 4L),
            org.assertj.core.groups.Tuple.tuple(3L, 0L));
  }

  /** RFT-008: a follower forwards proposals to the leader; they commit everywhere. */
  @Test
  void followerForwardsProposalsToLeader() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3);
    net.campaign(1);
    net.propose(2, "from follower");
    for (long id = 1; id <= 3; id++) {
      assertThat(net.appliedData(id)).containsExactly("from follower");
    }
  }

  /** RFT-008: with no leader a proposal is dropped with an error, never queued. */
  @Test
  void proposalWithoutLeaderIsDropped() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3);
    assertThatThrownBy(() -> net.propose(2, "lost"))
        .isInstanceOf(ProposalDroppedException.class);
    net.campaign(1);
    assertThat(net.appliedData(1)).isEmpty();
  }

  /** Raft §5.3: a follower that lost messages is caught up once the network recovers. */
  @Test
  void laggingFollowerCatchesUpAfterRecovery() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3);
    net.campaign(1);
    net.isolate(3);
    for (int i = 0; i < 20; i++) {
      net.propose(1, "e" + i);
    }
    assertThat(net.appliedData(3)).isEmpty();
    net.recover();
    net.tick(1, 1);
    assertThat(net.appliedData(3)).hasSize(20).isEqualTo(net.appliedData(1));
  }
}
