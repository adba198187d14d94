package io.etcdj.server.http.peer;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.Snapshot;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Parses a marshalled raft Message held in a mapped body ({@link RaftBodySpooler}) so that its
 * snapshot's data stays a view of the mapping instead of a heap copy of the whole store (SPEC
 * PTR-028). Only the fields are walked here; everything but that one data field (a few hundred
 * bytes for a MsgSnap) is copied out and parsed by protobuf as usual, so the result equals what
 * {@link Message#parseFrom(ByteBuffer)} would give.
 *
 * <p>Thread-safety: stateless.
 */
final class MappedMessage {
  private static final int SNAPSHOT = 9;
  private static final int DATA = 1;

  private MappedMessage() {}

  /** A field's bounds in the body: where its tag starts, where its payload starts and ends. */
  private record Span(int start, int payload, int end) {}

  /**
   * The fields of a message body between two offsets, split: the length-delimited field {@code
   * wanted} (its last occurrence, as protobuf keeps for a bytes field) and all the other fields'
   * bytes, copied.
   */
  private record Split(Span wanted, byte[] rest, boolean repeated) {}

  static Message parse(ByteBuffer body) throws InvalidProtocolBufferException {
    Split message = split(body, body.position(), body.limit(), SNAPSHOT);
    if (message.repeated()) {
      // Protobuf would merge two snapshot fields; etcd never sends that. Parse it plainly.
      return Message.parseFrom(body.duplicate());
    }
    Message m = Message.parseFrom(message.rest());
    if (message.wanted() == null) {
      return m;
    }
    return m.toBuilder().setSnapshot(snapshot(body, message.wanted())).build();
  }

  /** The snapshot field's message: its data a slice of the body, its other fields parsed. */
  private static Snapshot snapshot(ByteBuffer body, Span field)
      throws InvalidProtocolBufferException {
    Split snapshot = split(body, field.payload(), field.end(), DATA);
    Snapshot.Builder s = Snapshot.parseFrom(snapshot.rest()).toBuilder();
    Span data = snapshot.wanted();
    if (data != null) {
      ByteBuffer slice = body.duplicate().limit(data.end()).position(data.payload()).slice();
      s.setData(UnsafeByteOperations.unsafeWrap(slice.asReadOnlyBuffer()));
    }
    return s.build();
  }

  private static Split split(ByteBuffer body, int from, int to, int wanted)
      throws InvalidProtocolBufferException {
    ByteBuffer b = body.duplicate().limit(to).position(from);
    Span found = null;
    boolean repeated = false;
    ByteArrayOutputStream rest = new ByteArrayOutputStream();
    for (Span f = next(b, wanted); f != null; f = next(b, wanted)) {
      if (f.payload() >= 0) {
        repeated |= found != null;
        found = f;
      } else {
        copy(body, f.start(), f.end(), rest);
      }
    }
    return new Split(found, rest.toByteArray(), repeated);
  }

  /**
   * The next field from {@code b}'s position, or null at its limit; {@code payload} is -1 unless
   * the field is the length-delimited field {@code wanted}.
   */
  private static Span next(ByteBuffer b, int wanted) throws InvalidProtocolBufferException {
    if (!b.hasRemaining()) {
      return null;
    }
    int start = b.position();
    long tag = varint(b);
    int number = (int) (tag >>> 3);
    int wireType = (int) (tag & 7);
    if (number <= 0) {
      throw new InvalidProtocolBufferException("invalid field number " + number);
    }
    switch (wireType) {
      case 0 -> varint(b);
      case 1 -> skip(b, 8);
      case 5 -> skip(b, 4);
      case 2 -> {
        long length = varint(b);
        int payload = b.position();
        skip(b, length);
        return new Span(start, number == wanted ? payload : -1, b.position());
      }
      default -> throw new InvalidProtocolBufferException("unsupported wire type " + wireType);
    }
    return new Span(start, -1, b.position());
  }

  private static long varint(ByteBuffer b) throws InvalidProtocolBufferException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!b.hasRemaining()) {
        throw new InvalidProtocolBufferException("message truncated");
      }
      int x = b.get() & 0xff;
      v |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    throw new InvalidProtocolBufferException("malformed varint");
  }

  private static void skip(ByteBuffer b, long n) throws InvalidProtocolBufferException {
    if (n < 0 || n > b.remaining()) {
      throw new InvalidProtocolBufferException("message truncated");
    }
    b.position(b.position() + (int) n);
  }

  private static void copy(ByteBuffer body, int start, int end, ByteArrayOutputStream out) {
    byte[] bytes = new byte[end - start];
    body.duplicate().position(start).get(bytes);
    out.write(bytes, 0, bytes.length);
  }
}
