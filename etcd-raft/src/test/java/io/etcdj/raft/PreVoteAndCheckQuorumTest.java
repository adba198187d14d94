package io.etcdj.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.raft.raftpb.MessageType;
import org.junit.jupiter.api.Test;

/**
 * Pre-vote (thesis §9.6, RFT-005) and check-quorum with leader lease (thesis §6.2 and §4.2.3,
 * RFT-004): a partitioned member rejoining must not disrupt a healthy cluster, and a leader
 * cut off from its quorum must step down.
 */
class PreVoteAndCheckQuorumTest {

  /** Thesis §9.6: a partitioned pre-candidate does not bump its term, so rejoining is harmless. */
  @Test
  void partitionedMemberWithPreVoteDoesNotDisruptOnRejoin() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(c -> c.withPreVote(true), 1, 2, 3);
    net.campaign(1);
    long term = net.raft(1).term;
    net.isolate(3);
    for (int i = 0; i < 5; i++) {
      net.campaign(3);
    }
    assertThat(net.raft(3).term).isEqualTo(term);
    assertThat(net.raft(3).state).isEqualTo(StateType.PRE_CANDIDATE);
    net.recover();
    net.tick(1, 1);
    assertThat(net.raft(1).state).isEqualTo(StateType.LEADER);
    assertThat(net.raft(1).term).isEqualTo(term);
    assertThat(net.raft(3).state).isEqualTo(StateType.FOLLOWER);
    assertThat(net.raft(3).lead).isEqualTo(1);
  }

  /** Without pre-vote the same rejoin forces a new election at a higher term (for contrast). */
  @Test
  void partitionedMemberWithoutPreVoteRaisesTheTerm() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3);
    net.campaign(1);
    long term = net.raft(1).term;
    net.isolate(3);
    net.campaign(3);
    net.recover();
    net.campaign(3);
    assertThat(net.raft(1).term).isGreaterThan(term);
  }

  /** Thesis §9.6: a pre-vote election still elects a leader and moves the term by one. */
  @Test
  void preVoteElectionElectsLeader() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(c -> c.withPreVote(true), 1, 2, 3);
    net.campaign(1);
    assertThat(net.raft(1).state).isEqualTo(StateType.LEADER);
    assertThat(net.raft(1).term).isEqualTo(2);
  }

  /** RFT-004: a leader that hears from no quorum for an election timeout steps down. */
  @Test
  void leaderWithoutQuorumStepsDown() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(c -> c.withCheckQuorum(true), 1, 2, 3);
    net.campaign(1);
    net.isolate(1);
    net.tick(1, 10);
    assertThat(net.raft(1).state).isEqualTo(StateType.LEADER);
    net.tick(1, 10);
    assertThat(net.raft(1).state).isEqualTo(StateType.FOLLOWER);
  }

  /** RFT-004: a leader that keeps hearing from its quorum stays leader. */
  @Test
  void leaderWithQuorumStaysLeader() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(c -> c.withCheckQuorum(true), 1, 2, 3);
    net.campaign(1);
    net.isolate(3);
    net.tick(1, 50);
    assertThat(net.raft(1).state).isEqualTo(StateType.LEADER);
  }

  /**
   * RFT-004 (leader lease): members that recently heard from the leader ignore a vote request
   * with a higher term, so a disruptive member cannot depose a live leader.
   */
  @Test
  void membersInLeaseIgnoreHigherTermVotes() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(c -> c.withCheckQuorum(true), 1, 2, 3);
    net.campaign(1);
    long term = net.raft(1).term;
    net.ignore(MessageType.MsgApp);
    net.ignore(MessageType.MsgHeartbeat);
    // Node 3 pretends to time out while the others are still in the lease.
    net.raft(3).becomeFollower(net.raft(3).term, Raft.NONE);
    net.campaign(3);
    net.recover();
    assertThat(net.raft(1).state).isEqualTo(StateType.LEADER);
    assertThat(net.raft(2).term).isEqualTo(term);
    assertThat(net.raft(3).state).isEqualTo(StateType.CANDIDATE);
    // Node 3 now has a higher term than the leader. Whatever happens next (the leader learns
    // the term from an answer to its heartbeat), the cluster settles on a single leader.
    net.tickAll(40);
    long leaders = net.raft(1).state == StateType.LEADER ? 1 : 0;
    leaders += net.raft(2).state == StateType.LEADER ? 1 : 0;
    leaders += net.raft(3).state == StateType.LEADER ? 1 : 0;
    assertThat(leaders).isEqualTo(1);
  }
}
