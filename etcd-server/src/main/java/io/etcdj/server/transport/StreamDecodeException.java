package io.etcdj.server.transport;

/**
 * A stream carried bytes that cannot be a valid frame; the connection is dropped.
 *
 * <p>Thread-safety: immutable.
 */
public final class StreamDecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** etcd's text for a length above {@link Frames#MAX_LENGTH} (SPEC PTR-022). */
  static final String LIMIT_EXCEEDED = "rafthttp: error limit exceeded";

  StreamDecodeException(String message) {
    super(message);
  }

  StreamDecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
