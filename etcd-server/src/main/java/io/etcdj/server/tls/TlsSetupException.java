package io.etcdj.server.tls;

/**
 * TLS could not be set up from the configured files: a file is missing or unreadable, or a {@code
 * https} URL has no certificate and key. The member does not start (etcd exits 1).
 *
 * <p>Thread-safety: immutable.
 */
public final class TlsSetupException extends IllegalStateException {
  public TlsSetupException(String message) {
    super(message);
  }

  public TlsSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
