package io.etcdj.raft;

import static io.etcdj.raft.RaftFixtures.electLeader;
import static io.etcdj.raft.RaftFixtures.hup;
import static io.etcdj.raft.RaftFixtures.msg;
import static io.etcdj.raft.RaftFixtures.newRaft;
import static io.etcdj.raft.RaftFixtures.readMessages;
import static io.etcdj.raft.RaftFixtures.storageWithTerms;
import static io.etcdj.raft.RaftFixtures.tickTimes;
import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Leader election, Raft §5.2 (and §5.4.1 for the voting restriction), SPEC RFT-001/003. */
class ElectionTest {

  /** Raft §5.2: a message with a higher term turns any role into a follower of that term. */
  @Test
  void everyRoleUpdatesTermAndBecomesFollowerOnHigherTerm() {
    for (StateType role : List.of(StateType.FOLLOWER, StateType.CANDIDATE, StateType.LEADER)) {
      Raft r = newRaft(1, 10, 1, new MemoryStorage(), 1, 2, 3);
      if (role == StateType.CANDIDATE) {
        r.becomeCandidate();
      } else if (role == StateType.LEADER) {
        electLeader(r);
      }
      r.step(msg(MessageType.MsgApp, 2, 1, 5));
      assertThat(r.term).isEqualTo(5);
      assertThat(r.state).isEqualTo(StateType.FOLLOWER);
      assertThat(r.lead).isEqualTo(2);
    }
  }

  /** Raft §5.1: a message from an older term is ignored. */
  @Test
  void staleTermMessagesAreIgnored() {
    Raft r = newRaft(1, 10, 1, new MemoryStorage(), 1, 2);
    r.becomeFollower(2, Raft.NONE);
    r.step(msg(MessageType.MsgApp, 2, 1, 1));
    assertThat(r.term).isEqualTo(2);
    assertThat(r.lead).isEqualTo(Raft.NONE);
    assertThat(readMessages(r)).isEmpty();
  }

  /** Raft §5.2, RFT-001: the leader sends a heartbeat every heartbeat timeout. */
  @Test
  void leaderBroadcastsHeartbeatEveryHeartbeatTimeout() {
    Raft r = newRaft(1, 10, 1, new MemoryStorage(), 1, 2, 3);
    electLeader(r);
    r.tick();
    List<Message> msgs = readMessages(r);
    assertThat(msgs).extracting(Message::getType)
        .containsExactly(MessageType.MsgHeartbeat, MessageType.MsgHeartbeat);
    assertThat(msgs).extracting(Message::getTo).containsExactly(2L, 3L);
    assertThat(msgs).allMatch(m -> m.getTerm() == 1);
  }

  /**
   * Raft §5.2: a follower or candidate that hears nothing for an election timeout starts an
   * election: it increments its term, votes for itself and asks every other member.
   */
  @ParameterizedTest
  @MethodSource("startingRoles")
  void nonLeaderStartsElectionAfterTimeout(StateType role) {
    Raft r = newRaft(1, 10, 1, new MemoryStorage(), 1, 2, 3);
    if (role == StateType.CANDIDATE) {
      r.becomeCandidate();
    }
    tickTimes(r, 2 * 10);
    assertThat(r.term).isEqualTo(role == StateType.CANDIDATE ? 2 : 1);
    assertThat(r.state).isEqualTo(StateType.CANDIDATE);
    assertThat(r.vote).isEqualTo(1);
    assertThat(readMessages(r)).extracting(Message::getType, Message::getTo, Message::getTerm)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(MessageType.MsgVote, 2L, r.term),
            org.assertj.core.groups.Tuple.tuple(MessageType.MsgVote, 3L, r.term));
  }

  static Stream<StateType> startingRoles() {
    return Stream.of(StateType.FOLLOWER, StateType.CANDIDATE);
  }

  record VoteRow(int size, List<Long> granted, List<Long> rejected, StateType expected) {}

  static Stream<VoteRow> voteRows() {
    return Stream.of(
        new VoteRow(1, List.of(), List.of(), StateType.LEADER),
        new VoteRow(3, List.of(2L, 3L), List.of(), StateType.LEADER),
        new VoteRow(3, List.of(2L), List.of(), StateType.LEADER),
        new VoteRow(5, List.of(2L, 3L, 4L, 5L), List.of(), StateType.LEADER),
        new VoteRow(5, List.of(2L, 3L), List.of(), StateType.LEADER),
        new VoteRow(3, List.of(), List.of(), StateType.CANDIDATE),
        new VoteRow(5, List.of(2L), List.of(), StateType.CANDIDATE),
        new VoteRow(3, List.of(), List.of(2L, 3L), StateType.FOLLOWER),
        new VoteRow(5, List.of(2L), List.of(3L, 4L, 5L), StateType.FOLLOWER));
  }

  /**
   * Raft §5.2: a candidate wins with votes from a majority, loses (back to follower) once a
   * majority rejected it, and keeps waiting otherwise.
   */
  @ParameterizedTest
  @MethodSource("voteRows")
  void candidateOutcomeDependsOnMajority(VoteRow row) {
    long[] ids = new long[row.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i + 1;
    }
    Raft r = newRaft(1, 10, 1, new MemoryStorage(), ids);
    r.step(hup(1));
    for (long id : row.granted()) {
      r.step(Message.newBuilder().setType(MessageType.MsgVoteResp).setFrom(id).setTo(1)
          .setTerm(r.term).build());
    }
    for (long id : row.rejected()) {
      r.step(Message.newBuilder().setType(MessageType.MsgVoteResp).setFrom(id).setTo(1)
          .setTerm(r.term).setReject(true).build());
    }
    assertThat(r.state).isEqualTo(row.expected());
    assertThat(r.term).isEqualTo(1);
  }

  /** Raft §5.2, RFT-003: at most one vote per term, first come first served. */
  @Test
  void followerVotesAtMostOncePerTerm() {
    Raft r = newRaft(1, 10, 1, new MemoryStorage(), 1, 2, 3);
    r.step(vote(2, 1, 0, 0));
    r.step(vote(3, 1, 0, 0));
    r.step(vote(2, 1, 0, 0));
    List<Message> msgs = readMessages(r);
    assertThat(msgs).extracting(Message::getTo, Message::getReject)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2L, false),
            org.assertj.core.groups.Tuple.tuple(3L, true),
            org.assertj.core.groups.Tuple.tuple(2L, false));
    assertThat(r.vote).isEqualTo(2);
  }

  private static Message vote(long from, long term, long logTerm, long index) {
    return Message.newBuilder().setType(MessageType.MsgVote).setFrom(from).setTo(1).setTerm(term)
        .setLogTerm(logTerm).setIndex(index).build();
  }

  record UpToDateRow(long logTerm, long index, boolean granted) {}

  static Stream<UpToDateRow> upToDateRows() {
    // The voter's log has terms [1, 2] (last term 2, last index 2).
    return Stream.of(
        new UpToDateRow(1, 1, false),
        new UpToDateRow(1, 3, false),
        new UpToDateRow(2, 1, false),
        new UpToDateRow(2, 2, true),
        new UpToDateRow(2, 3, true),
        new UpToDateRow(3, 1, true));
  }

  /**
   * Raft §5.4.1: a vote is granted only if the candidate's log is at least as up-to-date: a later
   * last term, or the same last term and at least as long.
   */
  @ParameterizedTest
  @MethodSource("upToDateRows")
  void voterRejectsCandidateWithOlderLog(UpToDateRow row) {
    Raft r = newRaft(1, 10, 1, storageWithTerms(1, 2), 1, 2);
    r.step(vote(2, 3, row.logTerm(), row.index()));
    List<Message> msgs = readMessages(r);
    assertThat(msgs).hasSize(1);
    assertThat(msgs.get(0).getType()).isEqualTo(MessageType.MsgVoteResp);
    assertThat(msgs.get(0).getReject()).isEqualTo(!row.granted());
  }

  /** Raft §5.2: a candidate that hears from a leader of its term becomes its follower. */
  @Test
  void candidateFollowsLeaderOfSameTerm() {
    Raft r = newRaft(1, 10, 1, new MemoryStorage(), 1, 2, 3);
    r.step(hup(1));
    r.step(msg(MessageType.MsgHeartbeat, 2, 1, r.term));
    assertThat(r.state).isEqualTo(StateType.FOLLOWER);
    assertThat(r.lead).isEqualTo(2);
    assertThat(r.term).isEqualTo(1);
  }

  /**
   * Raft §5.2, RFT-001: election timeouts are drawn from [electionTick, 2 * electionTick) so
   * that split votes are rare; every value of the range occurs.
   */
  @Test
  void electionTimeoutIsRandomizedInRange() {
    Set<Integer> seen = new HashSet<>();
    Raft r = newRaft(1, 10, 1, new MemoryStorage(), 1, 2, 3);
    for (int term = 2; term < 500; term++) {
      r.becomeFollower(term, Raft.NONE);
      int timeout = r.randomizedElectionTimeout;
      assertThat(timeout).isBetween(10, 19);
      seen.add(timeout);
    }
    assertThat(seen).hasSize(10);
  }

  /** Raft §5.2: a full cluster elects the node that times out first, in one round. */
  @Test
  void clusterElectsLeaderInOneRound() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3, 4, 5);
    net.campaign(1);
    assertThat(net.raft(1).state).isEqualTo(StateType.LEADER);
    assertThat(net.raft(1).term).isEqualTo(2);
    for (long id = 2; id <= 5; id++) {
      assertThat(net.raft(id).lead).isEqualTo(1);
    }
  }

  /** Raft §5.2: a minority cannot elect a leader; the candidate keeps retrying. */
  @Test
  void minorityCannotElectLeader() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3, 4, 5);
    net.isolate(3);
    net.isolate(4);
    net.isolate(5);
    net.campaign(1);
    assertThat(net.raft(1).state).isEqualTo(StateType.CANDIDATE);
  }

  /** Raft §5.2: a leader that sees a higher term steps down. */
  @Test
  void leaderStepsDownOnHigherTerm() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3);
    net.campaign(1);
    net.campaign(2);
    assertThat(net.raft(1).state).isEqualTo(StateType.FOLLOWER);
    assertThat(net.raft(2).state).isEqualTo(StateType.LEADER);
    assertThat(net.raft(1).term).isEqualTo(3);
  }
}
