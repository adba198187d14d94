package io.etcdj.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The msgappv2 stream framing with remembered term and index (SPEC PTR-023, PTR-024). */
class MsgAppV2CodecTest {
  private static final long LEADER = 1;
  private static final long FOLLOWER = 2;

  static Entry entry(long term, long index) {
    return Entry.newBuilder()
        .setTerm(term)
        .setIndex(index)
        .setData(ByteString.copyFromUtf8("e" + index))
        .build();
  }

  static Message app(long term, long logTerm, long index, long commit, Entry... entries) {
    return Message.newBuilder()
        .setType(MessageType.MsgApp)
        .setFrom(LEADER)
        .setTo(FOLLOWER)
        .setTerm(term)
        .setLogTerm(logTerm)
        .setIndex(index)
        .setCommit(commit)
        .addAllEntries(List.of(entries))
        .build();
  }

  /** The first MsgApp goes whole; one continuing it at the same term goes compact. */
  @Test
  void continuingAppendUsesCompactFormAndRoundTrips() throws Exception {
    List<Message> sent =
        List.of(
            app(3, 2, 10, 9, entry(3, 11), entry(3, 12)),
            app(3, 3, 12, 12, entry(3, 13)),
            Frames.LINK_HEARTBEAT,
            app(3, 3, 13, 13),
            app(3, 3, 13, 13, entry(3, 14), entry(3, 15)));
    MsgAppV2Encoder enc = new MsgAppV2Encoder();
    List<Byte> types = new ArrayList<>();
    ByteBuf wire = Unpooled.buffer();
    for (Message m : sent) {
      types.add(encodedType(enc, m, wire));
    }
    assertThat(types).containsExactly((byte) 2, (byte) 1, (byte) 0, (byte) 1, (byte) 1);

    MsgAppV2Decoder dec = new MsgAppV2Decoder(FOLLOWER, LEADER);
    for (Message m : sent) {
      assertThat(dec.decode(wire)).isEqualTo(m);
    }
    assertThat(dec.decode(wire)).isNull();
  }

  /** Any break in continuity (other term, gap, new term) goes whole and resets the memory. */
  @Test
  void discontinuousAppendGoesWhole() throws Exception {
    MsgAppV2Encoder enc = new MsgAppV2Encoder();
    ByteBuf wire = Unpooled.buffer();
    assertThat(encodedType(enc, app(3, 3, 10, 9, entry(3, 11)), wire)).isEqualTo((byte) 2);
    assertThat(encodedType(enc, app(3, 3, 12, 9, entry(3, 13)), wire)).isEqualTo((byte) 2);
    assertThat(encodedType(enc, app(4, 3, 13, 9, entry(4, 14)), wire)).isEqualTo((byte) 2);
    assertThat(encodedType(enc, app(4, 4, 14, 14), wire)).isEqualTo((byte) 1);
    // A retry of an older index after a reject goes whole.
    assertThat(encodedType(enc, app(4, 3, 12, 14, entry(3, 13)), wire)).isEqualTo((byte) 2);
    MsgAppV2Decoder dec = new MsgAppV2Decoder(FOLLOWER, LEADER);
    List<Message> got = new ArrayList<>();
    Message m;
    while ((m = dec.decode(wire)) != null) {
      got.add(m);
    }
    assertThat(got).hasSize(5);
    assertThat(got.get(3)).isEqualTo(app(4, 4, 14, 14));
  }

  /** The compact frame's exact bytes: type 1, count, (size, entry)*, commit, all big-endian. */
  @Test
  void compactFrameLayout() {
    MsgAppV2Encoder enc = new MsgAppV2Encoder();
    enc.encode(app(5, 5, 0, 0), Unpooled.buffer());
    ByteBuf wire = Unpooled.buffer();
    Entry e = entry(5, 1);
    enc.encode(app(5, 5, 0, 1, e), wire);
    ByteBuf expected = Unpooled.buffer();
    expected.writeByte(1).writeLong(1).writeLong(e.getSerializedSize());
    expected.writeBytes(e.toByteArray()).writeLong(1);
    assertThat(ByteBufBytes.of(wire)).isEqualTo(ByteBufBytes.of(expected));
  }

  /** Feeding one byte at a time never changes the decoder's memory until a frame completes. */
  @Test
  void partialFramesLeaveStateUntouched() throws Exception {
    MsgAppV2Encoder enc = new MsgAppV2Encoder();
    ByteBuf wire = Unpooled.buffer();
    List<Message> sent =
        List.of(app(2, 1, 4, 3, entry(2, 5)), app(2, 2, 5, 5, entry(2, 6), entry(2, 7)));
    sent.forEach(m -> enc.encode(m, wire));
    MsgAppV2Decoder dec = new MsgAppV2Decoder(FOLLOWER, LEADER);
    ByteBuf fed = Unpooled.buffer();
    List<Message> got = new ArrayList<>();
    while (wire.isReadable()) {
      fed.writeByte(wire.readByte());
      Message m = dec.decode(fed);
      if (m != null) {
        got.add(m);
      }
    }
    assertThat(got).isEqualTo(sent);
  }

  @Test
  void unknownTypeAndHugeSizesAreErrors() {
    MsgAppV2Decoder dec = new MsgAppV2Decoder(FOLLOWER, LEADER);
    assertThatThrownBy(() -> dec.decode(Unpooled.buffer().writeByte(7)))
        .isInstanceOf(StreamDecodeException.class);
    ByteBuf huge = Unpooled.buffer().writeByte(2).writeLong(512L * 1024 * 1024 + 1);
    assertThatThrownBy(() -> new MsgAppV2Decoder(2, 1).decode(huge))
        .hasMessage("rafthttp: error limit exceeded");
    ByteBuf hugeEntry = Unpooled.buffer().writeByte(1).writeLong(1).writeLong(1L << 40);
    assertThatThrownBy(() -> new MsgAppV2Decoder(2, 1).decode(hugeEntry))
        .hasMessage("rafthttp: error limit exceeded");
  }

  private static byte encodedType(MsgAppV2Encoder enc, Message m, ByteBuf wire) {
    int at = wire.writerIndex();
    enc.encode(m, wire);
    return wire.getByte(at);
  }

  /** Copies a buffer's readable bytes. */
  static final class ByteBufBytes {
    static byte[] of(ByteBuf b) {
      byte[] out = new byte[b.readableBytes()];
      b.getBytes(b.readerIndex(), out);
      return out;
    }
  }
}
