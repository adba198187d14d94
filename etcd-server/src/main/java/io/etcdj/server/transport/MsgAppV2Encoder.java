package io.etcdj.server.transport;

import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.Message;
import io.netty.buffer.ByteBuf;

/**
 * The msgappv2 framing (SPEC PTR-023). Each frame starts with a type byte:
 *
 * <ul>
 *   <li>0: link heartbeat, nothing follows;
 *   <li>1: compact MsgApp, used when the message continues exactly where the previous one ended
 *       (its Index is the remembered index, its LogTerm the remembered term, and its Term equals
 *       its LogTerm): entry count, then each entry as size + protobuf, then the commit index;
 *   <li>2: whole Message as size + protobuf; both sides then remember its term and its last index.
 * </ul>
 *
 * All numbers are 8-byte big-endian. The compact form saves resending from/to/term/logTerm/index on
 * the steady replication path.
 *
 * <p>Thread-safety: not thread-safe; one encoder per connection, on its event loop.
 */
final class MsgAppV2Encoder implements StreamEncoder {
  static final byte LINK_HEARTBEAT = 0;
  static final byte APP_ENTRIES = 1;
  static final byte APP = 2;

  private long term;
  private long index;

  @Override
  public void encode(Message m, ByteBuf out) {
    if (Frames.isLinkHeartbeat(m)) {
      out.writeByte(LINK_HEARTBEAT);
    } else if (m.getIndex() == index && m.getLogTerm() == term && m.getLogTerm() == m.getTerm()) {
      out.writeByte(APP_ENTRIES);
      out.writeLong(m.getEntriesCount());
      for (Entry e : m.getEntriesList()) {
        byte[] bytes = e.toByteArray();
        out.writeLong(bytes.length);
        out.writeBytes(bytes);
      }
      out.writeLong(m.getCommit());
      index += m.getEntriesCount();
    } else {
      byte[] bytes = m.toByteArray();
      out.writeByte(APP);
      out.writeLong(bytes.length);
      out.writeBytes(bytes);
      term = m.getTerm();
      index = lastIndex(m);
    }
  }

  /** The index the receiver will remember after {@code m}: its last entry's, else its Index. */
  static long lastIndex(Message m) {
    int n = m.getEntriesCount();
    return n == 0 ? m.getIndex() : m.getEntries(n - 1).getIndex();
  }
}
