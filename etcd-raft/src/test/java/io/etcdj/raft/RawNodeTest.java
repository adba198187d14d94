package io.etcdj.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import io.etcdj.raft.raftpb.ConfChange;
import io.etcdj.raft.raftpb.ConfChangeType;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.EntryType;
import io.etcdj.raft.raftpb.HardState;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The application-facing API: bootstrap, Ready/advance, restart, status. */
class RawNodeTest {

  private static void persist(MemoryStorage s, Ready rd) {
    if (rd.snapshot() != null) {
      s.applySnapshot(rd.snapshot());
    }
    s.append(rd.entries());
    if (rd.hardState() != null) {
      s.setHardState(rd.hardState());
    }
  }

  /**
   * RFT-002: bootstrapping writes one committed ConfChangeAddNode entry at term 1 per peer,
   * carrying its context; the first Ready persists and applies them.
   */
  @Test
  void bootstrapCommitsOneAddNodeEntryPerPeerAtTermOne() throws InvalidProtocolBufferException {
    MemoryStorage s = new MemoryStorage();
    RawNode n = RawNode.bootstrap(RaftConfig.defaults(1, s), List.of(
        new Peer(1, "m1".getBytes(StandardCharsets.UTF_8)),
        new Peer(2, "m2".getBytes(StandardCharsets.UTF_8))));
    Ready rd = n.ready();
    assertThat(rd.hardState())
        .isEqualTo(HardState.newBuilder().setTerm(1).setVote(0).setCommit(2).build());
    assertThat(rd.entries()).isEqualTo(rd.committedEntries());
    assertThat(rd.entries()).extracting(Entry::getIndex, Entry::getTerm, Entry::getType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, 1L, EntryType.EntryConfChange),
            org.assertj.core.groups.Tuple.tuple(2L, 1L, EntryType.EntryConfChange));
    ConfChange cc = ConfChange.parseFrom(rd.entries().get(1).getData());
    assertThat(cc.getType()).isEqualTo(ConfChangeType.ConfChangeAddNode);
    assertThat(cc.getNodeID()).isEqualTo(2);
    assertThat(cc.getContext().toStringUtf8()).isEqualTo("m2");
    assertThat(rd.mustSync()).isTrue();
    persist(s, rd);
    n.advance(rd);
    assertThat(n.hasReady()).isFalse();
  }

  /** RFT-002: the first election of a new cluster is term 2, then an empty entry at index n+1. */
  @Test
  void firstElectionIsTermTwoWithEmptyEntry() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3);
    net.campaign(1);
    assertThat(net.raft(1).term).isEqualTo(2);
    Entry noop = net.storage(1).entries(4, 5, Long.MAX_VALUE).get(0);
    assertThat(noop.getTerm()).isEqualTo(2);
    assertThat(noop.getData().isEmpty()).isTrue();
    assertThat(net.raft(2).raftLog.committed()).isEqualTo(4);
  }

  /** Bootstrapping over existing state is refused. */
  @Test
  void bootstrapRefusesNonEmptyStorage() {
    MemoryStorage s = RaftFixtures.storageWithTerms(1);
    assertThatThrownBy(() -> RawNode.bootstrap(RaftConfig.defaults(1, s),
        List.of(new Peer(1, null)))).isInstanceOf(IllegalStateException.class);
  }

  /** A restarted node resumes from its storage and does not re-emit the persisted hard state. */
  @Test
  void restartResumesFromPersistedState() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3);
    net.campaign(1);
    net.propose(1, "a");
    MemoryStorage s = net.storage(2);
    HardState hs = s.initialState().hardState();
    long applied = net.raft(2).raftLog.applied();
    RawNode restarted = new RawNode(RaftConfig.defaults(2, s).withApplied(applied));
    assertThat(restarted.status().term()).isEqualTo(hs.getTerm());
    assertThat(restarted.status().commit()).isEqualTo(hs.getCommit());
    // Everything was applied before the restart, so nothing is handed out again.
    Ready rd = restarted.ready();
    assertThat(rd.hardState()).isNull();
    assertThat(rd.entries()).isEmpty();
    assertThat(rd.committedEntries()).isEmpty();
  }

  /** A restart with applied = 0 hands every committed entry to the application again. */
  @Test
  void restartReplaysCommittedEntriesAfterApplied() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2, 3);
    net.campaign(1);
    net.propose(1, "a");
    RawNode restarted = new RawNode(RaftConfig.defaults(2, net.storage(2)));
    List<Entry> replay = restarted.ready().committedEntries();
    assertThat(replay).hasSize(5);
    assertThat(replay.get(4).getData().toStringUtf8()).isEqualTo("a");
  }

  /** RFT-019: the status JSON of a leader, in etcd 2.3's shape. */
  @Test
  void statusJsonMatchesEtcdShape() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2);
    net.campaign(1);
    assertThat(net.node(1).status().toJson()).isEqualTo(
        "{\"id\":\"1\",\"term\":2,\"vote\":\"1\",\"commit\":3,\"lead\":\"1\","
            + "\"raftState\":\"StateLeader\",\"progress\":{"
            + "\"1\":{\"match\":3,\"next\":4,\"state\":\"ProgressStateReplicate\"},"
            + "\"2\":{\"match\":3,\"next\":4,\"state\":\"ProgressStateReplicate\"}}}");
    assertThat(net.node(2).status().toJson()).contains("\"raftState\":\"StateFollower\"")
        .contains("\"progress\":{}");
  }

  /** Soft state changes leave through Ready; the logger hears "became leader at term". */
  /** Member IDs (64-bit, often above Long.MAX_VALUE) are logged in hex, never as negatives. */
  @Test
  void configurationChangesLogVotersInHex() {
    StringBuilder log = new StringBuilder();
    RaftLogger logger = new RaftLogger() {
      @Override
      public void info(String message) {
        log.append(message).append('\n');
      }

      @Override
      public void warn(String message) {}
    };
    RawNode n = RawNode.bootstrap(RaftConfig.defaults(1, new MemoryStorage()).withLogger(logger),
        List.of(new Peer(1, null)));
    n.applyConfChange(ConfChange.newBuilder().setType(ConfChangeType.ConfChangeAddNode)
        .setNodeID(0x8e9e05c52164694dL).build());
    assertThat(log.toString()).contains("1 switched to configuration voters=(1 8e9e05c52164694d)");
  }

  @Test
  void softStateAndTransitionsAreReported() {
    StringBuilder log = new StringBuilder();
    RaftLogger logger = new RaftLogger() {
      @Override
      public void info(String message) {
        log.append(message).append('\n');
      }

      @Override
      public void warn(String message) {
        log.append(message).append('\n');
      }
    };
    MemoryStorage s = new MemoryStorage();
    RawNode n = RawNode.bootstrap(RaftConfig.defaults(1, s).withLogger(logger),
        List.of(new Peer(1, null)));
    Ready rd = n.ready();
    persist(s, rd);
    n.advance(rd);
    n.campaign();
    rd = n.ready();
    assertThat(rd.softState()).isEqualTo(new SoftState(1, StateType.LEADER));
    assertThat(log.toString()).contains("1 became leader at term 2")
        .contains("raft.node: 1 elected leader 1 at term 2");
  }

  /** Answers from strangers and local message types are not stepped. */
  @Test
  void stepIgnoresLocalMessagesAndStrangerResponses() {
    SimulatedNetwork net = SimulatedNetwork.bootstrap(1, 2);
    RawNode n = net.node(1);
    assertThat(n.step(Message.newBuilder().setType(MessageType.MsgHup).setFrom(2).build()))
        .isFalse();
    assertThat(n.step(Message.newBuilder().setType(MessageType.MsgAppResp).setFrom(9).setTerm(1)
        .build())).isFalse();
    assertThat(n.step(Message.newBuilder().setType(MessageType.MsgHeartbeat).setFrom(2).setTo(1)
        .setTerm(1).build())).isTrue();
  }


  static Stream<Runnable> invalidConfigs() {
    MemoryStorage s = new MemoryStorage();
    RaftConfig ok = RaftConfig.defaults(1, s);
    return Stream.of(
        () -> RaftConfig.defaults(0, s),
        () -> ok.withTicks(10, 0),
        () -> ok.withTicks(5, 5),
        () -> RaftConfig.defaults(1, null),
        () -> ok.withApplied(-1),
        () -> ok.withFlowControl(-1, 1),
        () -> ok.withFlowControl(1024, 0),
        () -> ok.withLogger(null));
  }

  /** The config record refuses invalid values at construction (STYLE rule 10). */
  @ParameterizedTest
  @MethodSource("invalidConfigs")
  void configRejectsInvalidValues(Runnable build) {
    assertThatThrownBy(build::run).isInstanceOfAny(IllegalArgumentException.class,
        NullPointerException.class);
  }
}
