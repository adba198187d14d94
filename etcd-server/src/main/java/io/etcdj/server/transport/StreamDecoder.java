package io.etcdj.server.transport;

import io.etcdj.raft.raftpb.Message;
import io.netty.buffer.ByteBuf;

/**
 * Reads messages off one stream connection. {@link #decode} consumes exactly one whole frame, or
 * nothing when the frame is not complete yet (the reader index is then left untouched), so the
 * caller can keep accumulating bytes and call again.
 *
 * <p>Thread-safety: not thread-safe; one decoder per connection, used on its event loop.
 */
interface StreamDecoder {
  /** One message, or null when {@code in} does not yet hold a whole frame. */
  Message decode(ByteBuf in) throws StreamDecodeException;
}
