package io.etcdj.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import io.etcdj.wal.serverpb.Request.Builder;
import java.io.IOException;
import java.time.Instant;

/**
 * The payload of a normal log entry: a {@link Request} as etcd's {@code etcdserverpb.Request}
 * protobuf (SPEC PER-031, PER-067). Every non-nullable field is written even when zero, as
 * gogoproto does (PER-069); {@code PrevExist} and {@code Refresh} are nullable and written only
 * when given. Times are Unix nanoseconds, 0 meaning "none".
 *
 * <p>Thread-safety: stateless.
 */
final class RequestCodec {
  private RequestCodec() {}

  /** A decoded entry: the correlation ID (CLU-007) and the request. */
  record Decoded(long id, Request request) {}

  /**
   * Writes the fields straight into one array, in field-number order as the generated code (and
   * gogoproto) would: no builder, no message object, no second copy. {@code RequestCodecTest}
   * checks the bytes against the generated encoder.
   */
  static ByteString encode(long id, Request r) {
    String method = r.method().name();
    long expiration = nanos(r.expiration());
    long time = nanos(r.time());
    int size =
        CodedOutputStream.computeUInt64Size(1, id)
            + CodedOutputStream.computeStringSize(2, method)
            + CodedOutputStream.computeStringSize(3, r.path())
            + CodedOutputStream.computeStringSize(4, r.value())
            + CodedOutputStream.computeBoolSize(5, r.dir())
            + CodedOutputStream.computeStringSize(6, r.prevValue())
            + CodedOutputStream.computeUInt64Size(7, r.prevIndex())
            + (r.prevExist() == null ? 0 : CodedOutputStream.computeBoolSize(8, r.prevExist()))
            + CodedOutputStream.computeInt64Size(9, expiration)
            + CodedOutputStream.computeBoolSize(10, r.watch())
            + CodedOutputStream.computeUInt64Size(11, r.waitIndex())
            + CodedOutputStream.computeBoolSize(12, r.recursive())
            + CodedOutputStream.computeBoolSize(13, r.sorted())
            + CodedOutputStream.computeBoolSize(14, r.quorum())
            + CodedOutputStream.computeInt64Size(15, time)
            + CodedOutputStream.computeBoolSize(16, r.stream())
            + (r.refresh() == null ? 0 : CodedOutputStream.computeBoolSize(17, r.refresh()));
    byte[] bytes = new byte[size];
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      out.writeUInt64(1, id);
      out.writeString(2, method);
      out.writeString(3, r.path());
      out.writeString(4, r.value());
      out.writeBool(5, r.dir());
      out.writeString(6, r.prevValue());
      out.writeUInt64(7, r.prevIndex());
      if (r.prevExist() != null) {
        out.writeBool(8, r.prevExist());
      }
      out.writeInt64(9, expiration);
      out.writeBool(10, r.watch());
      out.writeUInt64(11, r.waitIndex());
      out.writeBool(12, r.recursive());
      out.writeBool(13, r.sorted());
      out.writeBool(14, r.quorum());
      out.writeInt64(15, time);
      out.writeBool(16, r.stream());
      if (r.refresh() != null) {
        out.writeBool(17, r.refresh());
      }
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("request larger than its computed size", e);
    }
    return UnsafeByteOperations.unsafeWrap(bytes); // the array is never touched again
  }

  /** The generated encoder, field by field as {@link #encode} writes them (the tests' oracle). */
  static ByteString encodeWithBuilder(long id, Request r) {
    Builder b =
        io.etcdj.wal.serverpb.Request.newBuilder()
            .setID(id)
            .setMethod(r.method().name())
            .setPath(r.path())
            .setVal(r.value())
            .setDir(r.dir())
            .setPrevValue(r.prevValue())
            .setPrevIndex(r.prevIndex())
            .setExpiration(nanos(r.expiration()))
            .setWait(r.watch())
            .setSince(r.waitIndex())
            .setRecursive(r.recursive())
            .setSorted(r.sorted())
            .setQuorum(r.quorum())
            .setTime(nanos(r.time()))
            .setStream(r.stream());
    if (r.prevExist() != null) {
      b.setPrevExist(r.prevExist());
    }
    if (r.refresh() != null) {
      b.setRefresh(r.refresh());
    }
    return b.build().toByteString();
  }

  // Tags (field number << 3 | wire type) of etcdserverpb.Request's fields: 0 varint, 2 bytes.
  private static final int ID = 1 << 3, METHOD = 2 << 3 | 2, PATH = 3 << 3 | 2, VAL = 4 << 3 | 2;
  private static final int DIR = 5 << 3, PREV_VALUE = 6 << 3 | 2, PREV_INDEX = 7 << 3;
  private static final int PREV_EXIST = 8 << 3, EXPIRATION = 9 << 3, WAIT = 10 << 3;
  private static final int SINCE = 11 << 3, RECURSIVE = 12 << 3, SORTED = 13 << 3;
  private static final int QUORUM = 14 << 3, TIME = 15 << 3, STREAM = 16 << 3, REFRESH = 17 << 3;

  /**
   * Reads the fields straight off the bytes, as the generated parser would (the last of a repeated
   * field wins, unknown fields and wire types are skipped, strings decode as {@code new String}
   * does), without building the generated message first: every write is decoded once more when it
   * is applied. {@code RequestCodecTest} checks it against the generated parser.
   *
   * @throws IllegalArgumentException if the bytes are not a request this member understands
   */
  static Decoded decode(ByteString data) {
    long id = 0, prevIndex = 0, expiration = 0, since = 0, time = 0;
    String method = "", path = "", val = "", prevValue = "";
    boolean dir = false, wait = false, recursive = false, sorted = false, quorum = false;
    boolean stream = false;
    Boolean prevExist = null, refresh = null;
    CodedInputStream in = data.newCodedInput();
    try {
      fields:
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (tag) {
          case ID -> id = in.readUInt64();
          case METHOD -> method = in.readString();
          case PATH -> path = in.readString();
          case VAL -> val = in.readString();
          case DIR -> dir = in.readBool();
          case PREV_VALUE -> prevValue = in.readString();
          case PREV_INDEX -> prevIndex = in.readUInt64();
          case PREV_EXIST -> prevExist = in.readBool();
          case EXPIRATION -> expiration = in.readInt64();
          case WAIT -> wait = in.readBool();
          case SINCE -> since = in.readUInt64();
          case RECURSIVE -> recursive = in.readBool();
          case SORTED -> sorted = in.readBool();
          case QUORUM -> quorum = in.readBool();
          case TIME -> time = in.readInt64();
          case STREAM -> stream = in.readBool();
          case REFRESH -> refresh = in.readBool();
          default -> {
            if (!in.skipField(tag)) {
              break fields; // an end-group tag ends the message, as in the generated parser
            }
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("undecodable request entry: " + e.getMessage(), e);
    }
    Request r =
        new Request(
            Request.Method.valueOf(method),
            path,
            val,
            dir,
            prevValue,
            prevIndex,
            prevExist,
            instant(expiration),
            wait,
            since,
            recursive,
            sorted,
            quorum,
            stream,
            refresh,
            instant(time));
    return new Decoded(id, r);
  }

  private static long nanos(Instant t) {
    return t == null ? 0 : t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static Instant instant(long nanos) {
    return nanos == 0 ? null : Instant.ofEpochSecond(0, nanos);
  }
}
