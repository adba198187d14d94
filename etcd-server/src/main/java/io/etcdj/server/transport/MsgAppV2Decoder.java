package io.etcdj.server.transport;

import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the msgappv2 framing written by {@link MsgAppV2Encoder} (SPEC PTR-023) and rebuilds compact
 * frames from the remembered term and index. A frame is parsed in full before any state changes, so
 * an incomplete frame leaves both the buffer and the remembered values untouched.
 *
 * <p>Thread-safety: not thread-safe; one decoder per connection, on its event loop.
 */
final class MsgAppV2Decoder implements StreamDecoder {
  private final long localId;
  private final long remoteId;
  private long term;
  private long index;

  MsgAppV2Decoder(long localId, long remoteId) {
    this.localId = localId;
    this.remoteId = remoteId;
  }

  @Override
  public Message decode(ByteBuf in) throws StreamDecodeException {
    if (!in.isReadable()) {
      return null;
    }
    int start = in.readerIndex();
    byte type = in.getByte(start);
    return switch (type) {
      case MsgAppV2Encoder.LINK_HEARTBEAT -> {
        in.readerIndex(start + 1);
        yield Frames.LINK_HEARTBEAT;
      }
      case MsgAppV2Encoder.APP_ENTRIES -> decodeEntries(in, start);
      case MsgAppV2Encoder.APP -> decodeApp(in, start);
      default -> throw new StreamDecodeException("failed to parse type " + type + " in msgappv2");
    };
  }

  private Message decodeEntries(ByteBuf in, int start) throws StreamDecodeException {
    int end = in.writerIndex();
    int p = start + 1;
    if (end - p < Long.BYTES) {
      return null;
    }
    long count = in.getLong(p);
    p += Long.BYTES;
    // Every entry takes at least its 8-byte size word, which bounds a sane count.
    if (count < 0 || count > Frames.MAX_LENGTH / Long.BYTES) {
      throw new StreamDecodeException(StreamDecodeException.LIMIT_EXCEEDED);
    }
    List<Entry> entries = new ArrayList<>((int) Math.min(count, 1024));
    for (long i = 0; i < count; i++) {
      if (end - p < Long.BYTES) {
        return null;
      }
      int size = Frames.checkLength(in.getLong(p));
      p += Long.BYTES;
      if (end - p < size) {
        return null;
      }
      entries.add(Frames.parseEntry(in, p, size));
      p += size;
    }
    if (end - p < Long.BYTES) {
      return null;
    }
    long commit = in.getLong(p);
    p += Long.BYTES;
    Message m =
        Message.newBuilder()
            .setType(MessageType.MsgApp)
            .setFrom(remoteId)
            .setTo(localId)
            .setTerm(term)
            .setLogTerm(term)
            .setIndex(index)
            .addAllEntries(entries)
            .setCommit(commit)
            .build();
    index += count;
    in.readerIndex(p);
    return m;
  }

  private Message decodeApp(ByteBuf in, int start) throws StreamDecodeException {
    int p = start + 1;
    if (in.writerIndex() - p < Long.BYTES) {
      return null;
    }
    int size = Frames.checkLength(in.getLong(p));
    p += Long.BYTES;
    if (in.writerIndex() - p < size) {
      return null;
    }
    Message m = Frames.parseMessage(in, p, size);
    term = m.getTerm();
    index = MsgAppV2Encoder.lastIndex(m);
    in.readerIndex(p + size);
    return m;
  }
}
