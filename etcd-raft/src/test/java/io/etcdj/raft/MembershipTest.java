package io.etcdj.raft;

import static io.etcdj.raft.RaftFixtures.electLeader;
import static io.etcdj.raft.RaftFixtures.newRaft;
import static io.etcdj.raft.RaftFixtures.readMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.raft.raftpb.ConfChange;
import io.etcdj.raft.raftpb.ConfChangeType;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.EntryType;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Membership changes one server at a time, Raft §6 / thesis §4.1, SPEC RFT-010. */
class MembershipTest {

  private static ConfChange change(ConfChangeType type, long node) {
    return ConfChange.newBuilder().setType(type).setNodeID(node).build();
  }

  private static Message proposeConf(ConfChange cc) {
    return Message.newBuilder().setType(MessageType.MsgProp).setFrom(1).setTo(1)
        .addEntries(Entry.newBuilder().setType(EntryType.EntryConfChange)
            .setData(cc.toByteString())).build();
  }

  /** RFT-010: while one change is unapplied, a second is replaced by an empty normal entry. */
  @Test
  void secondChangeWhilePendingBecomesEmptyEntry() {
    Raft r = newRaft(1, 10, 1, new MemoryStorage(), 1, 2);
    electLeader(r);
    // Everything in the log at election time counts as possibly pending: apply it.
    r.raftLog.commitTo(r.raftLog.lastIndex());
    r.raftLog.appliedTo(r.raftLog.lastIndex());
    r.step(proposeConf(change(ConfChangeType.ConfChangeAddNode, 3)));
    r.step(proposeConf(change(ConfChangeType.ConfChangeAddNode, 4)));
    List<Entry> ents = r.raftLog.slice(2, 4, Long.MAX_VALUE);
    assertThat(ents).extracting(Entry::getType)
        .containsExactly(EntryType.EntryConfChange, EntryType.EntryNormal);
    assertThat(ents.get(1).getData().isEmpty()).isTrue();
  }

  /** RFT-010: a change takes effect when applied: the new member gets progress and appends. */
  @Test
  void addedMemberIsReplicatedTo() {
    Raft r = newRaft(1, 10, 1, new MemoryStorage(), 1);
    r.step(RaftFixtures.hup(1));
    assertThat(r.state).isEqualTo(StateType.LEADER);
    readMessages(r);
    r.applyConfChange(change(ConfChangeType.ConfChangeAddNode, 2));
    assertThat(r.prs.voters().ids()).containsExactly(1, 2);
    assertThat(readMessages(r)).extracting(Message::getType, Message::getTo)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(MessageType.MsgApp, 2L));
  }

  /** Raft §6: removing a member shrinks the quorum, which may commit pending entries. */
  @Test
  void removingMemberCommitsWithSmallerQuorum() {
    Raft r = newRaft(1, 10, 1, new MemoryStorage(), 1, 2);
    electLeader(r);
    assertThat(r.raftLog.committed()).isZero();
    r.applyConfChange(change(ConfChangeType.ConfChangeRemoveNode, 2));
    assertThat(r.raftLog.committed()).isEqualTo(1);
  }

  /** RFT-010: a leader that applies its own removal stops leading and drops proposals. */
  @Test
  void removedLeaderStepsDown() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3);
    net.campaign(1);
    net.node(1).proposeConfChange(change(ConfChangeType.ConfChangeRemoveNode, 1));
    net.flush();
    assertThat(net.raft(1).state).isEqualTo(StateType.FOLLOWER);
    assertThat(net.raft(2).prs.voters().ids()).containsExactly(2, 3);
    assertThatThrownBy(() -> net.propose(1, "x")).isInstanceOf(ProposalDroppedException.class);
    // The others elect a leader among themselves and make progress.
    net.isolate(1);
    net.campaign(2);
    net.propose(2, "after");
    assertThat(net.appliedData(3)).containsExactly("after");
  }

  /** A removed member that does not know it cannot campaign once it applied the removal. */
  @Test
  void nodeOutsideConfigurationCannotCampaign() {
    Raft r = newRaft(1, 10, 1, new MemoryStorage(), 2, 3);
    r.step(RaftFixtures.hup(1));
    assertThat(r.state).isEqualTo(StateType.FOLLOWER);
    assertThat(readMessages(r)).isEmpty();
  }

  /** RFT-010: a ConfChange with node id 0 (an invalid change turned no-op) changes nothing. */
  @Test
  void noOpConfChangeReturnsCurrentConfiguration() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2);
    assertThat(net.node(1).applyConfChange(ConfChange.newBuilder()
        .setType(ConfChangeType.ConfChangeRemoveNode).setNodeID(0).build()).getVotersList())
        .containsExactly(1L, 2L);
  }

  /** Raft §6 end to end: a new member joins with an empty log and catches up. */
  @Test
  void newMemberJoinsAndCatchesUp() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3);
    net.campaign(1);
    net.propose(1, "before");
    MemoryStorage s4 = new MemoryStorage();
    net.add(4, new RawNode(RaftConfig.defaults(4, s4)), s4);
    net.node(1).proposeConfChange(change(ConfChangeType.ConfChangeAddNode, 4));
    net.flush();
    net.tick(1, 1);
    net.propose(1, "after");
    assertThat(net.appliedData(4)).containsExactly("before", "after");
    assertThat(net.raft(4).prs.voters().ids()).containsExactly(1, 2, 3, 4);
  }
}
