package io.etcdj.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.etcdj.raft.raftpb.Snapshot;
import io.etcdj.raft.raftpb.SnapshotMetadata;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Transports and peer servers talking over real sockets on 127.0.0.1 (SPEC PTR-015, PTR-020,
 * PTR-021, PTR-025, PTR-029, RFT-013, RFT-015, CLU-033).
 */
class TransportLoopbackTest {
  private static final long CLUSTER = 0xc1;
  private final List<LoopbackNode> nodes = new ArrayList<>();

  @AfterEach
  void closeAll() {
    nodes.forEach(LoopbackNode::close);
  }

  private LoopbackNode node(long id, long cluster) throws Exception {
    LoopbackNode n = LoopbackNode.start(id, cluster);
    nodes.add(n);
    return n;
  }

  static Message msg(MessageType type, long from, long to, long term) {
    return Message.newBuilder().setType(type).setFrom(from).setTo(to).setTerm(term).build();
  }

  static Message app(long from, long to, long term, long index, long commit, int entries) {
    Message.Builder b =
        Message.newBuilder()
            .setType(MessageType.MsgApp)
            .setFrom(from)
            .setTo(to)
            .setTerm(term)
            .setLogTerm(term)
            .setIndex(index)
            .setCommit(commit);
    for (int i = 1; i <= entries; i++) {
      b.addEntries(
          Entry.newBuilder()
              .setTerm(term)
              .setIndex(index + i)
              .setData(ByteString.copyFromUtf8("v" + (index + i))));
    }
    return b.build();
  }

  static Message snapshot(long from, long to) {
    Snapshot s =
        Snapshot.newBuilder()
            .setData(ByteString.copyFrom(new byte[300_000]))
            .setMetadata(SnapshotMetadata.newBuilder().setIndex(100).setTerm(3))
            .build();
    return Message.newBuilder()
        .setType(MessageType.MsgSnap)
        .setFrom(from)
        .setTo(to)
        .setTerm(3)
        .setSnapshot(s)
        .build();
  }

  /** PTR-020, PTR-023: both streams come up and carry appends, in order, and other messages. */
  @Test
  void twoMembersExchangeMessagesOverStreams() throws Exception {
    LoopbackNode a = node(1, CLUSTER);
    LoopbackNode b = node(2, CLUSTER);
    a.connect(b);
    Poll.until(() -> a.streamsUp(2) && b.streamsUp(1), "streams between 1 and 2");

    List<Message> appends = new ArrayList<>();
    long index = 5;
    for (int i = 0; i < 50; i++) {
      appends.add(app(1, 2, 2, index, index, 2));
      index += 2;
    }
    a.transport.send(appends);
    a.transport.send(List.of(msg(MessageType.MsgHeartbeat, 1, 2, 2)));
    b.transport.send(List.of(msg(MessageType.MsgAppResp, 2, 1, 2)));

    Poll.until(() -> b.raft.received.size() == 51, "51 messages at 2");
    // Appends keep their order on the msgapp stream; the heartbeat took the message stream, a
    // different connection, so it may overtake them.
    assertThat(b.raft.received)
        .filteredOn(m -> m.getType() == MessageType.MsgApp)
        .isEqualTo(appends);
    assertThat(b.raft.received).contains(msg(MessageType.MsgHeartbeat, 1, 2, 2));
    Poll.until(() -> a.raft.received.size() == 1, "the response at 1");
    assertThat(a.raft.received).containsExactly(msg(MessageType.MsgAppResp, 2, 1, 2));
    // PTR-029: every written MsgApp is recorded for the leader's statistics.
    Poll.until(() -> a.stats.successes(2) == 50, "50 successes recorded");
    assertThat(a.raft.unreachable).isEmpty();
    // PTR-003: the first probe of /raft/probing runs at once.
    Poll.until(() -> a.transport.roundTrip(2).isPresent(), "a probed round trip");
  }

  /** PTR-021, PTR-028, RFT-013: MsgSnap always goes by pipeline and its success is reported. */
  @Test
  void snapshotsTravelByPipelineAndAreReported() throws Exception {
    LoopbackNode a = node(1, CLUSTER);
    LoopbackNode b = node(2, CLUSTER);
    a.connect(b);
    Poll.until(() -> a.streamsUp(2), "streams to 2");
    Message snap = snapshot(1, 2);
    a.transport.send(List.of(snap));
    Poll.until(() -> !b.raft.received.isEmpty(), "the snapshot at 2");
    assertThat(b.raft.received).containsExactly(snap);
    Poll.until(() -> !a.raft.snapshots.isEmpty(), "a snapshot report");
    assertThat(a.raft.snapshots).containsExactly("2:FINISH");
  }

  /** PTR-021: without streams (the peer does not know us yet) messages go by pipeline. */
  @Test
  void messagesFallBackToPipelineWithoutStreams() throws Exception {
    LoopbackNode a = node(1, CLUSTER);
    LoopbackNode b = node(2, CLUSTER);
    a.transport.addPeer(2, List.of(b.url()));
    assertThat(a.transport.isStreamConnected(2, StreamType.MESSAGE)).isFalse();
    Message vote = msg(MessageType.MsgVote, 1, 2, 5);
    a.transport.send(List.of(vote, app(1, 2, 5, 0, 0, 1)));
    Poll.until(() -> b.raft.received.size() == 2, "two messages at 2");
    assertThat(b.raft.received).contains(vote, app(1, 2, 5, 0, 0, 1));
    Poll.until(() -> a.stats.successes(2) == 1, "the pipelined append recorded");
  }

  /**
   * PTR-025: a burst within the pipeline's limits all arrives, over reused connections. The first
   * burst fills the 4 senders and the 64-message queue; later ones fill only the queue, since the
   * previous answers may still be on their way back (the message is handed to raft before 204).
   */
  @Test
  void pipelineBurstArrivesInFull() throws Exception {
    LoopbackNode a = node(1, CLUSTER);
    LoopbackNode b = node(2, CLUSTER);
    a.transport.addPeer(2, List.of(b.url()));
    int expected = 0;
    for (int round = 0; round < 3; round++) {
      int size = Pipeline.QUEUE_LIMIT + (round == 0 ? Pipeline.SENDERS : 0);
      List<Message> burst = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        burst.add(msg(MessageType.MsgVote, 1, 2, round * 1000 + i));
      }
      a.transport.send(burst);
      expected += size;
      int total = expected;
      Poll.until(() -> b.raft.received.size() == total, total + " votes at 2");
    }
    assertThat(b.raft.received).extracting(Message::getTerm).doesNotHaveDuplicates();
    assertThat(a.raft.unreachable).isEmpty();
  }

  @Test
  void threeMembersReachEachOther() throws Exception {
    LoopbackNode[] n = {node(1, CLUSTER), node(2, CLUSTER), node(3, CLUSTER)};
    n[0].connect(n[1]);
    n[0].connect(n[2]);
    n[1].connect(n[2]);
    for (LoopbackNode from : n) {
      List<Message> out = new ArrayList<>();
      for (LoopbackNode to : n) {
        if (to != from) {
          out.add(msg(MessageType.MsgVote, from.id, to.id, from.id));
        }
      }
      from.transport.send(out);
    }
    for (LoopbackNode to : n) {
      Poll.until(() -> to.raft.received.size() == 2, "two votes at " + to.id);
      assertThat(to.raft.received).extracting(Message::getFrom).doesNotContain(to.id);
    }
    Poll.until(
        () -> n[0].streamsUp(2) && n[0].streamsUp(3) && n[1].streamsUp(3) && n[2].streamsUp(1),
        "all streams");
  }

  /** PTR-020, RFT-015: a crashed peer is reported unreachable; on return streams reconnect. */
  @Test
  void peerGoingDownIsReportedAndReconnectsWhenBack() throws Exception {
    LoopbackNode a = node(1, CLUSTER);
    LoopbackNode b = LoopbackNode.start(2, CLUSTER);
    a.connect(b);
    Poll.until(() -> a.streamsUp(2) && b.streamsUp(1), "streams between 1 and 2");
    int port = b.port;
    b.close();

    Poll.until(() -> !a.streamsUp(2), "1 notices the lost streams");
    Message hb = msg(MessageType.MsgHeartbeat, 1, 2, 2);
    Poll.until(
        () -> {
          a.transport.send(List.of(hb));
          return a.raft.unreachableCount(2) > 0;
        },
        "2 reported unreachable");
    assertThat(a.transport.isActive(2)).isFalse();

    LoopbackNode back = new LoopbackNode(2, CLUSTER, port);
    nodes.add(back);
    back.transport.addPeer(1, List.of(a.url()));
    Poll.until(() -> a.streamsUp(2) && back.streamsUp(1), "streams again");
    assertThat(a.transport.isActive(2)).isTrue();
    a.transport.send(List.of(app(1, 2, 2, 7, 7, 3)));
    Poll.until(
        () -> back.raft.received.contains(app(1, 2, 2, 7, 7, 3)), "the append at the restarted 2");
  }

  /** PTR-014, PTR-015, CLU-033: a removed member is refused on both paths and told so. */
  @Test
  void removedMemberIsRefusedAndLearnsIt() throws Exception {
    LoopbackNode a = node(1, CLUSTER);
    LoopbackNode b = node(2, CLUSTER);
    a.raft.removed.add(2L);
    b.transport.addPeer(1, List.of(a.url()));
    // 2 dials 1's streams: 410, and 2 learns it was removed.
    Poll.until(() -> !b.raft.removedBy.isEmpty(), "2 told it was removed");
    assertThat(b.raft.removedBy).allMatch(id -> id == 1L);
    // Its pipeline messages get 403 and are never handed to 1's raft.
    b.transport.send(List.of(snapshot(2, 1)));
    Poll.until(() -> !b.raft.snapshots.isEmpty(), "snapshot failure reported");
    assertThat(b.raft.snapshots).containsExactly("1:FAILURE");
    assertThat(b.raft.unreachableCount(1)).isPositive();
    assertThat(a.raft.received).isEmpty();
  }

  /** PTR-012, PTR-015: a member of another cluster is refused; the sender reports it. */
  @Test
  void otherClusterIsRefused() throws Exception {
    LoopbackNode a = node(1, CLUSTER);
    LoopbackNode b = node(2, 0xdead);
    a.connect(b);
    a.transport.send(List.of(msg(MessageType.MsgVote, 1, 2, 1)));
    Poll.until(() -> a.raft.unreachableCount(2) > 0, "2 reported unreachable");
    assertThat(b.raft.received).isEmpty();
    assertThat(a.streamsUp(2) || b.streamsUp(1)).isFalse();
  }
}
