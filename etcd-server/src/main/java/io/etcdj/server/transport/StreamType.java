package io.etcdj.server.transport;

/**
 * The two long-lived stream kinds etcd 2.3 opens to each peer (SPEC PTR-002, PTR-020).
 *
 * <p>Thread-safety: immutable.
 */
public enum StreamType {
  /** Carries only MsgApp, in the msgappv2 framing with remembered term and index (PTR-023). */
  MSGAPP_V2("msgapp", "stream MsgApp v2"),
  /** Carries every other message, length-prefixed (PTR-022). */
  MESSAGE("message", "stream Message");

  private final String pathSegment;
  private final String logName;

  StreamType(String pathSegment, String logName) {
    this.pathSegment = pathSegment;
    this.logName = logName;
  }

  /** The path a dialer GETs: {@code /raft/stream/<type>/<dialer id hex>}. */
  public String path(long dialerId) {
    return "/raft/stream/" + pathSegment + "/" + Long.toHexString(dialerId);
  }

  /** The type named by the path segment after {@code /raft/stream/}, or null. */
  public static StreamType ofSegment(String segment) {
    for (StreamType t : values()) {
      if (t.pathSegment.equals(segment)) {
        return t;
      }
    }
    return null;
  }

  /** The name used in connection-state log lines (SPEC PTR-030). */
  public String logName() {
    return logName;
  }

  StreamEncoder newEncoder() {
    return this == MSGAPP_V2 ? new MsgAppV2Encoder() : new MessageEncoder();
  }

  StreamDecoder newDecoder(long localId, long remoteId) {
    return this == MSGAPP_V2 ? new MsgAppV2Decoder(localId, remoteId) : new MessageDecoder();
  }
}
