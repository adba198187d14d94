package io.etcdj.server.http.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.etcdj.raft.raftpb.Snapshot;
import io.etcdj.raft.raftpb.SnapshotMetadata;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A pipeline body in a mapping parses to the Message protobuf gives (SPEC PTR-013, PTR-028), the
 * snapshot's data left a view of the mapping.
 */
class MappedMessageTest {
  private static ByteBuffer direct(byte[] bytes) {
    return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
  }

  private static ByteString random(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return ByteString.copyFrom(b);
  }

  private static Message snap(int size) {
    return Message.newBuilder()
        .setType(MessageType.MsgSnap)
        .setTo(3)
        .setFrom(1)
        .setTerm(4)
        .setCommit(12)
        .setSnapshot(
            Snapshot.newBuilder()
                .setData(random(size))
                .setMetadata(
                    SnapshotMetadata.newBuilder()
                        .setIndex(12)
                        .setTerm(4)
                        .setConfState(ConfState.newBuilder().addVoters(1).addVoters(3))))
        .setReject(false)
        .setContext(ByteString.copyFromUtf8("c"))
        .build();
  }

  @Test
  void snapshotMessageParsesEqualWithItsDataAView() throws Exception {
    Message m = snap(1_000_000);
    Message parsed = MappedMessage.parse(direct(m.toByteArray()));
    assertThat(parsed).isEqualTo(m);
    ByteString data = parsed.getSnapshot().getData();
    assertThat(data.asReadOnlyByteBuffer().isDirect()).as("a view of the body").isTrue();
  }

  @Test
  void otherMessagesParseEqual() throws Exception {
    Message app =
        Message.newBuilder()
            .setType(MessageType.MsgApp)
            .setTo(2)
            .setFrom(1)
            .addEntries(Entry.newBuilder().setIndex(1).setTerm(1).setData(random(5000)))
            .addEntries(Entry.newBuilder().setIndex(2).setTerm(1))
            .setRejectHint(77)
            .build();
    Message empty = Message.getDefaultInstance();
    Message noData =
        Message.newBuilder()
            .setType(MessageType.MsgSnap)
            .setSnapshot(Snapshot.newBuilder().setMetadata(SnapshotMetadata.getDefaultInstance()))
            .build();
    for (Message m : new Message[] {app, empty, noData, snap(0), snap(3)}) {
      assertThat(MappedMessage.parse(direct(m.toByteArray()))).isEqualTo(m);
    }
  }

  @Test
  void truncatedBodyIsRefused() {
    byte[] whole = snap(10_000).toByteArray();
    ByteBuffer cut = direct(Arrays.copyOf(whole, whole.length - 100));
    assertThatThrownBy(() -> MappedMessage.parse(cut))
        .isInstanceOf(InvalidProtocolBufferException.class);
  }
}
