package io.etcdj.server;

/**
 * A proposal that cannot complete because the server is stopping; clients see error 300 with
 * cause {@code server stopped} (SPEC ERR-004, 2.3 text).
 *
 * <p>Thread-safety: immutable.
 */
public final class ServerStoppedException extends RuntimeException {
  public ServerStoppedException() {
    super("server stopped", null, false, false);
  }
}
