package io.etcdj.server;

/**
 * A proposal that was not applied within the request timeout; clients see error 300 with cause
 * {@code request timed out} (SPEC ERR-004, 2.3 text).
 *
 * <p>Thread-safety: immutable.
 */
public final class RequestTimeoutException extends RuntimeException {
  public RequestTimeoutException() {
    super("request timed out", null, false, false);
  }
}
