package io.etcdj.server.auth;

/**
 * A refused auth operation with the HTTP status etcd answers it with and etcd's message, {@code
 * auth: } prefix included (SPEC OTH-063..076). Handlers write it as {@code {"message":...}}.
 *
 * <p>Thread-safety: immutable.
 */
public final class AuthException extends Exception {
  private final int status;

  AuthException(int status, String message) {
    super("auth: " + message, null, false, false);
    this.status = status;
  }

  /** The HTTP status of the answer. */
  public int status() {
    return status;
  }
}
