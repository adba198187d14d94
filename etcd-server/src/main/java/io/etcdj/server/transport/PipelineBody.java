package io.etcdj.server.transport;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.WireFormat;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.Snapshot;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;

/**
 * The body of one {@code POST /raft}: the marshalled Message, byte for byte what {@link
 * Message#toByteArray()} gives and what etcd 2.3 reads (SPEC PTR-028), but without copying a
 * snapshot's data. A MsgSnap's data (the whole store, hundreds of megabytes for a million keys) is
 * a view of the {@code .snap} file's data region; the body is a composite buffer of the few bytes
 * around it and that view, so Netty writes the region to the socket straight from the mapping.
 *
 * <p>Protobuf writes fields in field-number order, the snapshot (9) between commit (8) and reject
 * (10): the body is the fields before 9, the snapshot's tag and length, the data's tag and length,
 * the data, the snapshot's other fields, then the fields after 9 and any unknown fields.
 *
 * <p>Thread-safety: stateless.
 */
final class PipelineBody {
  /** Below this the data is copied along with the rest: one small array is cheaper than parts. */
  static final int INLINE_LIMIT = 64 * 1024;

  private PipelineBody() {}

  /** The body for {@code m}; its snapshot data, if large, is shared, not copied. */
  static ByteBuf encode(Message m) {
    ByteString data = m.getSnapshot().getData();
    if (!m.hasSnapshot() || !m.getSnapshot().hasData() || data.size() < INLINE_LIMIT) {
      return Unpooled.wrappedBuffer(m.toByteArray());
    }
    Snapshot snap = m.getSnapshot();
    byte[] before =
        m.toBuilder()
            .clearSnapshot()
            .clearReject()
            .clearRejectHint()
            .clearContext()
            .setUnknownFields(UnknownFieldSet.getDefaultInstance())
            .build()
            .toByteArray();
    byte[] after =
        m.toBuilder()
            .clearType()
            .clearTo()
            .clearFrom()
            .clearTerm()
            .clearLogTerm()
            .clearIndex()
            .clearEntries()
            .clearCommit()
            .clearSnapshot()
            .build()
            .toByteArray();
    byte[] snapRest = snap.toBuilder().clearData().build().toByteArray();
    int dataField =
        CodedOutputStream.computeTagSize(1)
            + CodedOutputStream.computeUInt32SizeNoTag(data.size())
            + data.size();
    byte[] heads = new byte[32];
    CodedOutputStream out = CodedOutputStream.newInstance(heads);
    try {
      out.writeTag(9, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt32NoTag(dataField + snapRest.length);
      out.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt32NoTag(data.size());
      out.flush();
    } catch (IOException e) {
      throw new IllegalStateException("32 bytes hold two tags and two lengths", e);
    }
    return Unpooled.wrappedBuffer(
        Unpooled.wrappedBuffer(before),
        Unpooled.wrappedBuffer(heads, 0, out.getTotalBytesWritten()),
        Unpooled.wrappedBuffer(data.asReadOnlyByteBuffer()),
        Unpooled.wrappedBuffer(snapRest),
        Unpooled.wrappedBuffer(after));
  }
}
