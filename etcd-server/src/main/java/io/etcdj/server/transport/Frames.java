package io.etcdj.server.transport;

import com.google.protobuf.InvalidProtocolBufferException;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;

/**
 * Pieces shared by both stream framings: the length limit, the link heartbeat and protobuf parsing
 * straight out of a buffer.
 *
 * <p>Thread-safety: stateless.
 */
final class Frames {
  /** No length word may exceed 512 MiB (SPEC PTR-022); a larger one means a corrupt stream. */
  static final long MAX_LENGTH = 512L * 1024 * 1024;

  /**
   * The link heartbeat: a MsgHeartbeat from 0 to 0, which raft never produces, written only to keep
   * an idle stream alive and dropped by the receiver (SPEC PTR-024).
   */
  static final Message LINK_HEARTBEAT =
      Message.newBuilder().setType(MessageType.MsgHeartbeat).setFrom(0).setTo(0).build();

  private Frames() {}

  static boolean isLinkHeartbeat(Message m) {
    return m.getType() == MessageType.MsgHeartbeat && m.getFrom() == 0 && m.getTo() == 0;
  }

  /** Checks a length word read from the wire (unsigned 64-bit). */
  static int checkLength(long length) throws StreamDecodeException {
    if (length < 0 || length > MAX_LENGTH) {
      throw new StreamDecodeException(StreamDecodeException.LIMIT_EXCEEDED);
    }
    return (int) length;
  }

  static Message parseMessage(ByteBuf in, int offset, int length) throws StreamDecodeException {
    try (ByteBufInputStream s = new ByteBufInputStream(in.slice(offset, length))) {
      return Message.parseFrom(s);
    } catch (InvalidProtocolBufferException e) {
      throw new StreamDecodeException("cannot unmarshal raft message", e);
    } catch (IOException e) {
      throw new StreamDecodeException("cannot read raft message", e);
    }
  }

  static Entry parseEntry(ByteBuf in, int offset, int length) throws StreamDecodeException {
    try (ByteBufInputStream s = new ByteBufInputStream(in.slice(offset, length))) {
      return Entry.parseFrom(s);
    } catch (IOException e) {
      throw new StreamDecodeException("cannot unmarshal raft entry", e);
    }
  }
}
