package io.etcdj.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.etcdj.wal.serverpb.Request.Builder;
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

  static ByteString encode(long id, Request r) {
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

  /**
   * @throws IllegalArgumentException if the bytes are not a request this member understands
   */
  static Decoded decode(ByteString data) {
    io.etcdj.wal.serverpb.Request p;
    try {
      p = io.etcdj.wal.serverpb.Request.parseFrom(data);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("undecodable request entry: " + e.getMessage(), e);
    }
    Request.Method method = Request.Method.valueOf(p.getMethod());
    Request r =
        new Request(
            method,
            p.getPath(),
            p.getVal(),
            p.getDir(),
            p.getPrevValue(),
            p.getPrevIndex(),
            p.hasPrevExist() ? p.getPrevExist() : null,
            instant(p.getExpiration()),
            p.getWait(),
            p.getSince(),
            p.getRecursive(),
            p.getSorted(),
            p.getQuorum(),
            p.getStream(),
            p.hasRefresh() ? p.getRefresh() : null,
            instant(p.getTime()));
    return new Decoded(p.getID(), r);
  }

  private static long nanos(Instant t) {
    return t == null ? 0 : t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static Instant instant(long nanos) {
    return nanos == 0 ? null : Instant.ofEpochSecond(0, nanos);
  }
}
