package io.etcdj.raft;

import static io.etcdj.raft.RaftFixtures.electLeader;
import static io.etcdj.raft.RaftFixtures.newRaft;
import static io.etcdj.raft.RaftFixtures.propose;
import static io.etcdj.raft.RaftFixtures.readMessages;
import static io.etcdj.raft.RaftFixtures.storageWithTerms;
import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import org.junit.jupiter.api.Test;

/** Safety, Raft §5.4, SPEC RFT-002/007. */
class SafetyTest {

  private static Message appResp(long from, long term, long index) {
    return Message.newBuilder().setType(MessageType.MsgAppResp).setFrom(from).setTo(1)
        .setTerm(term).setIndex(index).build();
  }

  /**
   * Raft §5.4.2 (figure 8): a leader never commits an entry of an earlier term by counting
   * replicas, even when a majority holds it; it commits it only together with an entry of its
   * own term.
   */
  @Test
  void leaderDoesNotCommitEarlierTermEntriesByCounting() {
    // The leader's log: [1, 2] at term 3 (entry 2 is from term 2 and not yet committed).
    Raft r = newRaft(1, 10, 1, storageWithTerms(1, 2), 1, 2, 3);
    r.becomeFollower(2, Raft.NONE);
    electLeader(r);
    assertThat(r.term).isEqualTo(3);
    // The new term's empty entry is index 3. A majority acknowledges only index 2.
    r.step(appResp(2, 3, 2));
    assertThat(r.raftLog.committed()).isZero();
    // Once a majority holds the term-3 entry, everything before it commits too.
    r.step(appResp(2, 3, 3));
    assertThat(r.raftLog.committed()).isEqualTo(3);
  }

  /**
   * Raft §5.4.2 and §8, RFT-002: a new leader appends an empty entry of its term right away, so
   * that earlier entries commit without waiting for a client request.
   */
  @Test
  void newLeaderAppendsEmptyEntryOfItsTerm() {
    Raft r = newRaft(1, 10, 1, storageWithTerms(1, 1), 1, 2);
    r.becomeFollower(1, Raft.NONE);
    electLeader(r);
    Entry last = r.raftLog.slice(3, 4, Long.MAX_VALUE).get(0);
    assertThat(last.getTerm()).isEqualTo(2);
    assertThat(last.getData().isEmpty()).isTrue();
  }

  /**
   * Raft §5.4.1 (Leader Completeness): a node missing a committed entry cannot become leader,
   * because a majority holds the entry and rejects it.
   */
  @Test
  void nodeMissingCommittedEntryCannotBecomeLeader() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3);
    net.campaign(1);
    net.isolate(3);
    net.propose(1, "committed");
    assertThat(net.raft(1).raftLog.committed()).isEqualTo(net.raft(1).raftLog.lastIndex());
    net.recover();
    net.ignore(MessageType.MsgApp);
    net.ignore(MessageType.MsgHeartbeat);
    net.campaign(3);
    assertThat(net.raft(3).state).isNotEqualTo(StateType.LEADER);
    net.recover();
    net.campaign(2);
    assertThat(net.raft(2).state).isEqualTo(StateType.LEADER);
    net.propose(2, "next");
    assertThat(net.appliedData(3)).containsExactly("committed", "next");
  }

  /**
   * Raft §5.4.3 (State Machine Safety): every member applies the same entries in the same
   * order, across a leader change with a lost tail.
   */
  @Test
  void membersApplyTheSameSequenceAcrossLeaderChanges() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3, 4, 5);
    net.campaign(1);
    net.propose(1, "a");
    // Leader 1 appends "lost" but cannot replicate it before being deposed.
    net.isolate(1);
    net.propose(1, "lost");
    net.campaign(2);
    net.propose(2, "b");
    net.recover();
    net.tick(2, 1);
    net.propose(2, "c");
    for (long id = 1; id <= 5; id++) {
      assertThat(net.appliedData(id)).as("member %d", id).containsExactly("a", "b", "c");
    }
  }

  /** RFT-003: votes reach the Ready (to be persisted) in the same batch as the answer. */
  @Test
  void voteIsInTheSameReadyAsTheVoteResponse() {
    MemoryStorage s = new MemoryStorage();
    RawNode n = RawNode.bootstrap(RaftConfig.defaults(1, s), java.util.List.of(new Peer(1, null),
        new Peer(2, null)));
    Ready first = n.ready();
    s.append(first.entries());
    s.setHardState(first.hardState());
    n.advance(first);
    n.step(Message.newBuilder().setType(MessageType.MsgVote).setFrom(2).setTo(1).setTerm(5)
        .setLogTerm(1).setIndex(2).build());
    Ready rd = n.ready();
    assertThat(rd.hardState().getVote()).isEqualTo(2);
    assertThat(rd.hardState().getTerm()).isEqualTo(5);
    assertThat(rd.mustSync()).isTrue();
    assertThat(rd.messages()).extracting(Message::getType).containsExactly(MessageType.MsgVoteResp);
    assertThat(readMessages(n.raft())).isEmpty();
  }
}
