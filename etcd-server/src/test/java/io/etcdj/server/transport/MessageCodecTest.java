package io.etcdj.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** The {@code message} stream framing (SPEC PTR-022, PER-065). */
class MessageCodecTest {
  static Message vote() {
    return Message.newBuilder()
        .setType(MessageType.MsgVote)
        .setFrom(1)
        .setTo(2)
        .setTerm(7)
        .setLogTerm(6)
        .setIndex(42)
        .build();
  }

  @Test
  void roundTripsMessagesAndHeartbeats() throws Exception {
    ByteBuf buf = Unpooled.buffer();
    MessageEncoder enc = new MessageEncoder();
    Message app =
        Message.newBuilder()
            .setType(MessageType.MsgApp)
            .setFrom(1)
            .setTo(2)
            .addEntries(
                Entry.newBuilder()
                    .setTerm(1)
                    .setIndex(3)
                    .setData(com.google.protobuf.ByteString.copyFromUtf8("x")))
            .build();
    enc.encode(vote(), buf);
    enc.encode(Frames.LINK_HEARTBEAT, buf);
    enc.encode(app, buf);
    MessageDecoder dec = new MessageDecoder();
    assertThat(dec.decode(buf)).isEqualTo(vote());
    assertThat(Frames.isLinkHeartbeat(dec.decode(buf))).isTrue();
    assertThat(dec.decode(buf)).isEqualTo(app);
    assertThat(dec.decode(buf)).isNull();
  }

  @Test
  void frameIsEightByteBigEndianLengthThenProtobuf() {
    ByteBuf buf = Unpooled.buffer();
    new MessageEncoder().encode(vote(), buf);
    byte[] body = vote().toByteArray();
    assertThat(buf.readLong()).isEqualTo(body.length);
    byte[] rest = new byte[buf.readableBytes()];
    buf.readBytes(rest);
    assertThat(rest).isEqualTo(body);
  }

  @Test
  void incompleteFrameConsumesNothing() throws Exception {
    ByteBuf whole = Unpooled.buffer();
    new MessageEncoder().encode(vote(), whole);
    ByteBuf partial = Unpooled.buffer();
    MessageDecoder dec = new MessageDecoder();
    Message got = null;
    while (whole.isReadable()) {
      partial.writeByte(whole.readByte());
      int before = partial.readerIndex();
      got = dec.decode(partial);
      if (got == null) {
        assertThat(partial.readerIndex()).isEqualTo(before);
      }
    }
    assertThat(got).isEqualTo(vote());
  }

  /** PTR-022: a length word above 512 MiB is refused with etcd's text, before any body. */
  @Test
  void lengthAbove512MiBIsRefused() throws Exception {
    ByteBuf atLimit = Unpooled.buffer().writeLong(512L * 1024 * 1024);
    assertThat(new MessageDecoder().decode(atLimit)).isNull();
    ByteBuf over = Unpooled.buffer().writeLong(512L * 1024 * 1024 + 1);
    assertThatThrownBy(() -> new MessageDecoder().decode(over))
        .isInstanceOf(StreamDecodeException.class)
        .hasMessage("rafthttp: error limit exceeded");
    ByteBuf negative = Unpooled.buffer().writeLong(-1);
    assertThatThrownBy(() -> new MessageDecoder().decode(negative))
        .hasMessage("rafthttp: error limit exceeded");
  }

  @Test
  void garbageBodyIsAnError() {
    ByteBuf buf = Unpooled.buffer().writeLong(3).writeBytes(new byte[] {(byte) 0xff, 1, 2});
    assertThatThrownBy(() -> new MessageDecoder().decode(buf))
        .isInstanceOf(StreamDecodeException.class);
  }
}
