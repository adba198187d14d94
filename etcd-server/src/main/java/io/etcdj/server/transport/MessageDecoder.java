package io.etcdj.server.transport;

import io.etcdj.raft.raftpb.Message;
import io.netty.buffer.ByteBuf;

/**
 * Reads the {@code message} stream framing written by {@link MessageEncoder} (SPEC PTR-022).
 *
 * <p>Thread-safety: stateless.
 */
final class MessageDecoder implements StreamDecoder {
  @Override
  public Message decode(ByteBuf in) throws StreamDecodeException {
    if (in.readableBytes() < Long.BYTES) {
      return null;
    }
    int start = in.readerIndex();
    // Check the limit before waiting for the body, so a corrupt length fails at once.
    int length = Frames.checkLength(in.getLong(start));
    if (in.readableBytes() - Long.BYTES < length) {
      return null;
    }
    Message m = Frames.parseMessage(in, start + Long.BYTES, length);
    in.readerIndex(start + Long.BYTES + length);
    return m;
  }
}
