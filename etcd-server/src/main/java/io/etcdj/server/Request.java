package io.etcdj.server;

import java.time.Instant;

/**
 * One client request as it travels through the proposal seam (etcd's {@code etcdserverpb.Request}).
 * Built by the HTTP layer from a parsed keys request, or internally (SYNC, publish).
 *
 * <p>Thread-safety: immutable.
 *
 * @param method what to do
 * @param path internal store path, e.g. {@code /1/foo} (SPEC KEY-005)
 * @param value the new value ({@code ""} when absent, KEY-037)
 * @param prevExist null when not given (KEY-040)
 * @param prevIndex 0 when not given (KEY-041)
 * @param expiration absolute expiration computed on the receiving member, or null (KEY-038)
 * @param watch wait=true: a watch (KEY-045)
 * @param waitIndex the watch's {@code waitIndex}, 0 for "the next event" (KEY-161)
 * @param refresh null when not given (KEY-046)
 * @param time the leader's clock for {@link Method#SYNC} (KEY-123); null otherwise
 */
public record Request(
    Method method,
    String path,
    String value,
    boolean dir,
    String prevValue,
    long prevIndex,
    Boolean prevExist,
    Instant expiration,
    boolean watch,
    long waitIndex,
    boolean recursive,
    boolean sorted,
    boolean quorum,
    boolean stream,
    Boolean refresh,
    Instant time) {

  /** The request methods; {@code QGET} is a quorum GET (SPEC KEY-044). */
  public enum Method {
    GET,
    HEAD,
    PUT,
    POST,
    DELETE,
    /** A GET with quorum=true: goes through the log like a write. */
    QGET,
    /** Internal: expire every key due at {@link Request#time()}. */
    SYNC;
  }

  public Request {
    value = value == null ? "" : value;
    prevValue = prevValue == null ? "" : prevValue;
  }

  /** An internal SYNC carrying the proposer's clock (SPEC KEY-123). */
  public static Request sync(Instant now) {
    return new Request(
        Method.SYNC, "", "", false, "", 0, null, null, false, 0, false, false, false, false, null,
        now);
  }

  /** An internal PUT (membership attributes, cluster version: SPEC CLU-018/019). */
  public static Request put(String path, String value) {
    return new Request(
        Method.PUT, path, value, false, "", 0, null, null, false, 0, false, false, false, false,
        null, null);
  }

  /** A quorum GET of {@code path} (the health check does one on the root). */
  public static Request quorumGet(String path) {
    return new Request(
        Method.QGET, path, "", false, "", 0, null, null, false, 0, false, false, true, false, null,
        null);
  }

  /** True if this request must go through the log (writes, quorum reads, SYNC; KEY-010). */
  public boolean needsProposal() {
    return method != Method.GET && method != Method.HEAD;
  }
}
