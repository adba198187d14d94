package io.etcdj.tls;

/**
 * A TLS file is unusable: missing or unreadable, not PEM, an encrypted or unknown key, or a
 * certificate and key the JDK refuses together. The message is what etcd (or Go's {@code
 * crypto/tls}) would say, so callers can print it as is.
 *
 * <p>Thread-safety: immutable.
 */
public final class TlsFileException extends IllegalStateException {
  public TlsFileException(String message) {
    super(message);
  }

  public TlsFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
