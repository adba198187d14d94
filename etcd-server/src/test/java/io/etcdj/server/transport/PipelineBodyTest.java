package io.etcdj.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.etcdj.raft.raftpb.Snapshot;
import io.etcdj.raft.raftpb.SnapshotMetadata;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pipeline body of a MsgSnap is etcd 2.3's marshalled Message byte for byte (SPEC PTR-028),
 * while its snapshot data is shared with the message, not copied into the body.
 */
class PipelineBodyTest {
  private static ByteString data(int size, boolean direct) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    if (!direct) {
      return ByteString.copyFrom(b);
    }
    ByteBuffer d = ByteBuffer.allocateDirect(size).put(b).flip();
    return UnsafeByteOperations.unsafeWrap(d);
  }

  private static Message snap(ByteString data) {
    return Message.newBuilder()
        .setType(MessageType.MsgSnap)
        .setTo(2)
        .setFrom(1)
        .setTerm(9)
        .setLogTerm(8)
        .setIndex(7)
        .setCommit(6)
        .setSnapshot(
            Snapshot.newBuilder()
                .setData(data)
                .setMetadata(
                    SnapshotMetadata.newBuilder()
                        .setIndex(5300)
                        .setTerm(8)
                        .setConfState(ConfState.newBuilder().addVoters(1).addVoters(2))))
        .build();
  }

  private static byte[] bytes(ByteBuf b) {
    try {
      return ByteBufUtil.getBytes(b);
    } finally {
      b.release();
    }
  }

  @Test
  void largeSnapshotBodyIsTheMarshalledMessage() {
    for (int size : new int[] {PipelineBody.INLINE_LIMIT, 200_000, 3_000_001}) {
      for (boolean direct : new boolean[] {false, true}) {
        Message m = snap(data(size, direct));
        assertThat(bytes(PipelineBody.encode(m))).isEqualTo(m.toByteArray());
        Message withTail =
            m.toBuilder()
                .setReject(true)
                .setRejectHint(1L << 40)
                .setContext(ByteString.copyFromUtf8("ctx"))
                .build();
        assertThat(bytes(PipelineBody.encode(withTail))).isEqualTo(withTail.toByteArray());
      }
    }
  }

  @Test
  void otherMessagesAreTheirMarshalledBytes() {
    Message app =
        Message.newBuilder()
            .setType(MessageType.MsgApp)
            .setTo(2)
            .setFrom(1)
            .addEntries(Entry.newBuilder().setIndex(1).setTerm(1).setData(data(100_000, false)))
            .build();
    Message small = snap(data(10, false));
    Message noData =
        Message.newBuilder()
            .setType(MessageType.MsgSnap)
            .setSnapshot(Snapshot.getDefaultInstance())
            .build();
    for (Message m : new Message[] {app, small, noData}) {
      assertThat(bytes(PipelineBody.encode(m))).isEqualTo(m.toByteArray());
    }
  }

  /**
   * The data of a snapshot read from a {@code .snap} mapping is written from that mapping: the body
   * holds it as one component of its own, off the heap, rather than in one array with the rest.
   */
  @Test
  void snapshotDataIsSharedNotCopied() {
    int size = 3_000_000;
    Message m = snap(data(size, true));
    ByteBuf body = PipelineBody.encode(m);
    try {
      assertThat(body).isInstanceOf(CompositeByteBuf.class);
      CompositeByteBuf parts = (CompositeByteBuf) body;
      ByteBuf dataPart = null;
      for (int i = 0; i < parts.numComponents(); i++) {
        if (parts.component(i).readableBytes() == size) {
          dataPart = parts.component(i);
        }
      }
      assertThat(dataPart).as("a component that is the data").isNotNull();
      assertThat(dataPart.isDirect()).isTrue();
      assertThat(dataPart.hasArray()).isFalse();
      long others = body.readableBytes() - (long) size;
      assertThat(others).isLessThan(100);
    } finally {
      body.release();
    }
  }
}
