package io.etcdj.server.transport;

import io.etcdj.raft.raftpb.Message;
import io.netty.buffer.ByteBuf;

/**
 * Writes messages onto one stream connection in that stream's framing.
 *
 * <p>Thread-safety: not thread-safe; an encoder belongs to one connection and is used on its event
 * loop only (the msgappv2 encoder remembers state between frames).
 */
interface StreamEncoder {
  void encode(Message m, ByteBuf out);
}
