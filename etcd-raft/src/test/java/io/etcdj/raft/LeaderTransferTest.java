package io.etcdj.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.raft.raftpb.MessageType;
import org.junit.jupiter.api.Test;

/** Leadership transfer with MsgTimeoutNow, thesis §3.10, SPEC RFT-011. */
class LeaderTransferTest {

  /** Thesis §3.10: an up-to-date follower is told to campaign at once and wins. */
  @Test
  void transferToUpToDateFollower() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3);
    net.campaign(1);
    net.node(1).transferLeadership(2);
    net.flush();
    assertThat(net.raft(2).state).isEqualTo(StateType.LEADER);
    assertThat(net.raft(1).state).isEqualTo(StateType.FOLLOWER);
    assertThat(net.raft(1).lead).isEqualTo(2);
  }

  /** Thesis §3.10: a lagging transferee is first brought up to date, then told to campaign. */
  @Test
  void transferToLaggingFollowerCatchesItUpFirst() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3);
    net.campaign(1);
    net.isolate(3);
    net.propose(1, "a");
    net.recover();
    net.node(1).transferLeadership(3);
    net.flush();
    assertThat(net.raft(3).state).isEqualTo(StateType.LEADER);
    assertThat(net.appliedData(3)).containsExactly("a");
  }

  /** Thesis §3.10: the transfer campaign gets through even when members are in a lease. */
  @Test
  void transferCampaignOverridesLeaderLease() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(c -> c.withCheckQuorum(true), 1, 2, 3);
    net.campaign(1);
    net.node(1).transferLeadership(2);
    net.flush();
    assertThat(net.raft(2).state).isEqualTo(StateType.LEADER);
  }

  /** Proposals are refused while a transfer is in progress, so the transferee is not chased. */
  @Test
  void proposalsAreDroppedDuringTransfer() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3);
    net.campaign(1);
    net.ignore(MessageType.MsgTimeoutNow);
    net.node(1).transferLeadership(2);
    net.flush();
    assertThat(net.raft(1).leadTransferee).isEqualTo(2);
    assertThatThrownBy(() -> net.propose(1, "x")).isInstanceOf(ProposalDroppedException.class);
  }

  /** A transfer that does not complete within an election timeout is abandoned. */
  @Test
  void transferIsAbortedAfterElectionTimeout() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3);
    net.campaign(1);
    net.ignore(MessageType.MsgTimeoutNow);
    net.node(1).transferLeadership(2);
    net.flush();
    net.tick(1, 10);
    assertThat(net.raft(1).leadTransferee).isEqualTo(Raft.NONE);
    assertThat(net.raft(1).state).isEqualTo(StateType.LEADER);
    net.propose(1, "ok");
    assertThat(net.appliedData(1)).containsExactly("ok");
  }

  /** A follower forwards a transfer request to its leader. */
  @Test
  void followerForwardsTransferRequest() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3);
    net.campaign(1);
    net.node(2).transferLeadership(3);
    net.flush();
    assertThat(net.raft(3).state).isEqualTo(StateType.LEADER);
  }
}
