package io.etcdj.server.transport;

import io.etcdj.raft.raftpb.Message;
import io.netty.buffer.ByteBuf;

/**
 * The {@code message} stream framing: an 8-byte big-endian length, then the protobuf Message (SPEC
 * PTR-022).
 *
 * <p>Thread-safety: stateless.
 */
final class MessageEncoder implements StreamEncoder {
  @Override
  public void encode(Message m, ByteBuf out) {
    byte[] bytes = m.toByteArray();
    out.writeLong(bytes.length);
    out.writeBytes(bytes);
  }
}
